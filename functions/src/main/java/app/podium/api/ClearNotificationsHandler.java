package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import java.util.Map;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/notifications/clear}: removes all the caller's notifications; answers {@code {}}. */
public final class ClearNotificationsHandler extends ApiHandler {
  public ClearNotificationsHandler() {
    this(Services.shared());
  }

  public ClearNotificationsHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    services.notifications().clear(currentAccount(request).id());
    return ApiResponse.ok(Map.of());
  }
}
