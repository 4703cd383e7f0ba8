package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.RelationshipView;

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
