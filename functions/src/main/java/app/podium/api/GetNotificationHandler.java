package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.notifications.api.NotificationView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/notifications/:id}: one notification, by the id a v1 list shows (its group's newest event). */
public final class GetNotificationHandler extends ApiHandler {
  public GetNotificationHandler() {
    this(Services.shared());
  }

  public GetNotificationHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(NotificationView.of(
        services.notifications().byId(currentAccount(request).id(), request.pathParameter("id")),
        services.settings()));
  }
}
