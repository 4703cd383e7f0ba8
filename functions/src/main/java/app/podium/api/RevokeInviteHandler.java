package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** {@code DELETE /api/v1/invites/:id}: revokes one of the caller's invites. */
public final class RevokeInviteHandler extends ApiHandler {
  public RevokeInviteHandler() {
    this(Services.shared());
  }

  public RevokeInviteHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    services.invites().revoke(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(Map.of());
  }
}
