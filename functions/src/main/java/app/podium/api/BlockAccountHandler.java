package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.RelationshipView;

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
