package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

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
