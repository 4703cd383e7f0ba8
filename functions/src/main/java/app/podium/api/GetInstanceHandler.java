package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.instance.api.InstanceViews;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

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
