package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** {@code POST /api/v1/notifications/:id/dismiss}: removes the notification (its whole group); answers {@code {}}. */
public final class DismissNotificationHandler extends ApiHandler {
  public DismissNotificationHandler() {
    this(Services.shared());
  }

  public DismissNotificationHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    services.notifications().dismissById(currentAccount(request).id(), request.pathParameter("id"));
    return ApiResponse.ok(Map.of());
  }
}
