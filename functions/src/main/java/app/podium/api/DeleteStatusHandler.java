package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code DELETE /api/v1/statuses/:id}: by its author or an admin; it leaves every timeline. */
public final class DeleteStatusHandler extends ApiHandler {
  public DeleteStatusHandler() {
    this(Services.shared());
  }

  public DeleteStatusHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var deleted = services.statuses().delete(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(StatusView.deleted(deleted, services.settings()));
  }
}
