package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.invites.api.InviteView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;

/** {@code GET /api/v1/invites}: the caller's invites, newest first. */
public final class ListInvitesHandler extends ApiHandler {
  public ListInvitesHandler() {
    this(Services.shared());
  }

  public ListInvitesHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    Instant now = Instant.now();
    return ApiResponse.ok(services.invites().list(currentAccount(request)).stream()
        .map(invite -> InviteView.of(invite, services.settings(), now)).toList());
  }
}
