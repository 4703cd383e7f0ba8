package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/statuses/:id}: a status the caller (or anyone, if public) may see. */
public final class GetStatusHandler extends ApiHandler {
  public GetStatusHandler() {
    this(Services.shared());
  }

  public GetStatusHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var viewer = viewer(request);
    var status = services.statuses().get(viewer, request.pathParameter("id"));
    var reader = services.reactions().interactions(viewer.map(v -> v.id()), java.util.List.of(status));
    return ApiResponse.ok(StatusView.of(status, services.settings(), reader));
  }
}
