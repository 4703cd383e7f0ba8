package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/statuses/:id/unreblog}: idempotent; answers the original, not reblogged. */
public final class UnreblogStatusHandler extends ApiHandler {
  public UnreblogStatusHandler() {
    this(Services.shared());
  }

  public UnreblogStatusHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var shown = services.reactions().unreblog(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(StatusView.of(shown.status(), services.settings(), shown.reader()));
  }
}
