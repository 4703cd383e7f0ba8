package app.podium.api;

import app.podium.Services;
import app.podium.graph.api.RelationshipView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/accounts/:id/unblock}: idempotent; the follows the block ended stay ended. */
public final class UnblockAccountHandler extends ApiHandler {
  public UnblockAccountHandler() {
    this(Services.shared());
  }

  public UnblockAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var relationship = services.blocks().unblock(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(RelationshipView.of(relationship));
  }
}
