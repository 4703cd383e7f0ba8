package app.podium.api;

import app.podium.Services;
import app.podium.graph.api.RelationshipView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/accounts/:id/block}: idempotent; ends the follows both ways and clears the home timeline of the account. */
public final class BlockAccountHandler extends ApiHandler {
  public BlockAccountHandler() {
    this(Services.shared());
  }

  public BlockAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var relationship = services.blocks().block(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(RelationshipView.of(relationship));
  }
}
