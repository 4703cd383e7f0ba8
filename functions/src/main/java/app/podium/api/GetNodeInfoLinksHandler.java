package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.InstanceViews;

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
