package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.notifications.api.GroupedNotificationsView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;

/** {@code GET /api/v2/notifications/:group_key}: one group as a GroupedNotificationsResults. */
public final class GetNotificationGroupHandler extends ApiHandler {
  public GetNotificationGroupHandler() {
    this(Services.shared());
  }

  public GetNotificationGroupHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var group = services.notifications().byGroupKey(currentAccount(request).id(),
        request.pathParameter("group_key"));
    return ApiResponse.ok(GroupedNotificationsView.of(List.of(group), services.settings()));
  }
}
