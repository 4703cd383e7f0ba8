package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.markers.api.MarkerView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
/** {@code GET /api/v1/markers?timeline[]=home}: the saved read positions of the named timelines; {} when none. */
public final class GetMarkersHandler extends ApiHandler {
  public GetMarkersHandler() {
    this(Services.shared());
  }

  public GetMarkersHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    String accountId = currentAccount(request).id();
    return ApiResponse.ok(MarkerView.of(services.markers().get(accountId, request.params().list("timeline"))));
  }
}
