package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.markers.MarkerService;
import app.podium.markers.api.MarkerView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
/** {@code POST /api/v1/markers}: saves {@code home[last_read_id]} (and {@code notifications[last_read_id]}); answers the saved markers. */
public final class SaveMarkersHandler extends ApiHandler {
  public SaveMarkersHandler() {
    this(Services.shared());
  }

  public SaveMarkersHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    String accountId = currentAccount(request).id();
    java.util.Map<String, String> positions = new java.util.LinkedHashMap<>();
    for (String timeline : MarkerService.TIMELINES) {
      String lastReadId = request.params().string(timeline + "[last_read_id]");
      if (lastReadId != null) {
        positions.put(timeline, lastReadId.trim());
      }
    }
    return ApiResponse.ok(MarkerView.of(services.markers().save(accountId, positions)));
  }
}
