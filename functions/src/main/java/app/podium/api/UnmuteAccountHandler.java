package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.RelationshipView;

/** {@code POST /api/v1/accounts/:id/unmute}: idempotent; a followed account's latest statuses come back. */
public final class UnmuteAccountHandler extends ApiHandler {
  public UnmuteAccountHandler() {
    this(Services.shared());
  }

  public UnmuteAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var relationship = services.blocks().unmute(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(RelationshipView.of(relationship));
  }
}
