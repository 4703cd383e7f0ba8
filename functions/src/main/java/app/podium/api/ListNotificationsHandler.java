package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.http.Params;
import app.podium.notifications.NotificationService;
import app.podium.notifications.api.NotificationView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Set;

/** {@code GET /api/v1/notifications}: each notification group as its newest event, newest first, paged by that event's id; {@code types[]} and {@code exclude_types[]} filter. */
public final class ListNotificationsHandler extends ApiHandler {
  public ListNotificationsHandler() {
    this(Services.shared());
  }

  public ListNotificationsHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var page = services.notifications().page(currentAccount(request).id(),
        Paging.request(request.params(), NotificationService.DEFAULT_LIMIT, NotificationService.MAX_LIMIT),
        filter(request.params()));
    return ApiResponse.ok(page.stream().map(n -> NotificationView.of(n, services.settings())).toList(),
        Paging.links(request, services.settings(), page, n -> Long.toString(n.group().latestId())));
  }

  /** {@code types[]}, {@code exclude_types[]} and {@code account_id}, as the v1 and v2 lists and counts take them. */
  static NotificationService.Filter filter(Params params) {
    return new NotificationService.Filter(Set.copyOf(params.list("types")), Set.copyOf(params.list("exclude_types")),
        java.util.Optional.ofNullable(params.string("account_id")).filter(id -> !id.isBlank()));
  }
}
