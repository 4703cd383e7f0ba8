package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/statuses/:id/reblog}: idempotent; answers the reblog, the original in {@code reblog}. */
public final class ReblogStatusHandler extends ApiHandler {
  public ReblogStatusHandler() {
    this(Services.shared());
  }

  public ReblogStatusHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var shown = services.reactions().reblog(currentAccount(request), request.pathParameter("id"),
        request.params().string("visibility"));
    return ApiResponse.ok(StatusView.of(shown.status(), services.settings(), shown.reader()));
  }
}
