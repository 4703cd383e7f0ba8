package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** {@code POST /api/v2/notifications/:group_key/dismiss}: removes the group; answers {@code {}}. */
public final class DismissNotificationGroupHandler extends ApiHandler {
  public DismissNotificationGroupHandler() {
    this(Services.shared());
  }

  public DismissNotificationGroupHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    services.notifications().dismissGroup(currentAccount(request).id(), request.pathParameter("group_key"));
    return ApiResponse.ok(Map.of());
  }
}
