package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/statuses/:id/favourite}: idempotent; answers the status, favourited. */
public final class FavouriteStatusHandler extends ApiHandler {
  public FavouriteStatusHandler() {
    this(Services.shared());
  }

  public FavouriteStatusHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var shown = services.reactions().favourite(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(StatusView.of(shown.status(), services.settings(), shown.reader()));
  }
}
