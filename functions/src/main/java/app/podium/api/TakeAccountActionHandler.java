package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * {@code POST /api/v1/admin/accounts/:id/action}: {@code type=suspend} or {@code none}, resolving
 * {@code report_id} if given; answers {@code {}} as Mastodon does. {@code text} (Mastodon's warning to the member) is accepted and not sent: Podium has no
 * mail or notifications to carry it.
 */
public final class TakeAccountActionHandler extends ApiHandler {
  public TakeAccountActionHandler() {
    this(Services.shared());
  }

  public TakeAccountActionHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    services.moderation().act(currentAccount(request), request.pathParameter("id"), params.string("type"),
        java.util.Optional.ofNullable(params.string("report_id")));
    return ApiResponse.ok(Map.of());
  }
}
