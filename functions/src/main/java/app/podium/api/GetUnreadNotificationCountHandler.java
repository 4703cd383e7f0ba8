package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.notifications.NotificationService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** {@code GET /api/v1/notifications/unread_count}: how many notifications are newer than the read marker, capped by {@code limit} (100; at most 1,000). Each group counts once, as v1 lists it. */
public final class GetUnreadNotificationCountHandler extends ApiHandler {
  public GetUnreadNotificationCountHandler() {
    this(Services.shared());
  }

  public GetUnreadNotificationCountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    int limit = request.params().integer("limit")
        .map(l -> Math.max(1, Math.min(NotificationService.UNREAD_MAX_LIMIT, l)))
        .orElse(NotificationService.UNREAD_DEFAULT_LIMIT);
    return ApiResponse.ok(Map.of("count", services.notifications().unreadCount(currentAccount(request).id(),
        ListNotificationsHandler.filter(request.params()), limit)));
  }
}
