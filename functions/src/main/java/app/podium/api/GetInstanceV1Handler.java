package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.instance.api.InstanceViews;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/instance}, for clients that still read the first version. */
public final class GetInstanceV1Handler extends ApiHandler {
  public GetInstanceV1Handler() {
    this(Services.shared());
  }

  public GetInstanceV1Handler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(InstanceViews.v1(services.settings()));
  }
}
