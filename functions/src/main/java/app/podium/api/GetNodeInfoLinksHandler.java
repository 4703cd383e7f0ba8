package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.instance.api.InstanceViews;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /.well-known/nodeinfo}: where NodeInfo 2.0 lives. */
public final class GetNodeInfoLinksHandler extends ApiHandler {
  public GetNodeInfoLinksHandler() {
    this(Services.shared());
  }

  public GetNodeInfoLinksHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(InstanceViews.nodeInfoLinks(services.settings()));
  }
}
