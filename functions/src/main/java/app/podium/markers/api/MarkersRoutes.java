package app.podium.markers.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.ACCOUNTS;
import static app.podium.Tables.MARKERS;
import static app.podium.http.Access.user;

import app.podium.accounts.api.Members;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Route;
import app.podium.markers.MarkerService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Read markers: where a member stopped reading their home and notifications. */
public record MarkersRoutes(MarkerService markers, Members members) {
  public static final List<Route<MarkersRoutes>> ALL =
      List.of(
          Route.get(
              "/api/v1/markers",
              "GetMarkers",
              user("read:statuses"),
              grants().read(ACCOUNTS).read(MARKERS),
              MarkersRoutes::get),
          Route.post(
              "/api/v1/markers",
              "SaveMarkers",
              user("write:statuses"),
              grants().read(ACCOUNTS).write(MARKERS),
              MarkersRoutes::save));

  /**
   * {@code GET /api/v1/markers?timeline[]=home}: the saved read positions of the named timelines;
   * {} when none.
   */
  APIGatewayV2HTTPResponse get(ApiRequest request) {
    String accountId = members.current(request).id();
    return ApiResponse.ok(
        MarkerView.of(markers.get(accountId, request.params().oneOrMany("timeline"))));
  }

  /**
   * {@code POST /api/v1/markers}: saves {@code home[last_read_id]} (and {@code
   * notifications[last_read_id]}); answers the saved markers.
   */
  APIGatewayV2HTTPResponse save(ApiRequest request) {
    String accountId = members.current(request).id();
    Map<String, String> positions = new LinkedHashMap<>();
    for (String timeline : MarkerService.TIMELINES) {
      String lastReadId = request.params().string(timeline + "[last_read_id]");
      if (lastReadId != null) {
        positions.put(timeline, lastReadId.trim());
      }
    }
    return ApiResponse.ok(MarkerView.of(markers.save(accountId, positions)));
  }
}
