package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.MarkerView;
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
