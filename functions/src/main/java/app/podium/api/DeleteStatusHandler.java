package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.StatusView;

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
