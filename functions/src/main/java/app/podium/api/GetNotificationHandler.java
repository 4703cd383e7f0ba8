package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import app.podium.api.views.NotificationView;
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
