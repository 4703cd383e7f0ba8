package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.InstanceViews;

/** {@code GET /api/v2/instance}. */
public final class GetInstanceHandler extends ApiHandler {
  public GetInstanceHandler() {
    this(Services.shared());
  }

  public GetInstanceHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(InstanceViews.v2(services.settings()));
  }
}
