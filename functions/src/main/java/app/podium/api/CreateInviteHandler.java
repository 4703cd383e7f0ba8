package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.invites.api.InviteView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;

/** {@code POST /api/v1/invites}: {@code max_uses}, {@code expires_in} (seconds), {@code autofollow}. */
public final class CreateInviteHandler extends ApiHandler {
  public CreateInviteHandler() {
    this(Services.shared());
  }

  public CreateInviteHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    var invite = services.invites().create(currentAccount(request), params.integer("max_uses"),
        params.number("expires_in"), params.bool("autofollow").orElse(false));
    return ApiResponse.ok(InviteView.of(invite, services.settings(), Instant.now()));
  }
}
