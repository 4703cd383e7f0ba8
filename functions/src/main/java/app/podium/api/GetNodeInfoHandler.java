package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.InstanceViews;

/** {@code GET /nodeinfo/2.0}. */
public final class GetNodeInfoHandler extends ApiHandler {
  public GetNodeInfoHandler() {
    this(Services.shared());
  }

  public GetNodeInfoHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(InstanceViews.nodeInfo(services.settings()));
  }
}
