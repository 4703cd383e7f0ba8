package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.notifications.NotificationService;
import app.podium.notifications.api.GroupedNotificationsView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v2/notifications}: the notification groups, newest first, with their accounts and statuses once each; paged by each group's newest event id. */
public final class ListGroupedNotificationsHandler extends ApiHandler {
  public ListGroupedNotificationsHandler() {
    this(Services.shared());
  }

  public ListGroupedNotificationsHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var page = services.notifications().page(currentAccount(request).id(),
        Paging.request(request.params(), NotificationService.DEFAULT_LIMIT, NotificationService.MAX_LIMIT),
        ListNotificationsHandler.filter(request.params()));
    return ApiResponse.ok(GroupedNotificationsView.of(page, services.settings()),
        Paging.links(request, services.settings(), page, n -> Long.toString(n.group().latestId())));
  }
}
