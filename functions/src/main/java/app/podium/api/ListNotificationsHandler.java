package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/notifications}: Podium has no notifications yet; an empty page without a {@code Link} header, so clients stop paging. */
public final class ListNotificationsHandler extends ApiHandler {
  public ListNotificationsHandler() {
    this(Services.shared());
  }

  public ListNotificationsHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    currentAccount(request);
    return ApiResponse.ok(java.util.List.of());
  }
}
