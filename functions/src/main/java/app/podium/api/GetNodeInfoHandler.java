package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.instance.api.InstanceViews;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

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
