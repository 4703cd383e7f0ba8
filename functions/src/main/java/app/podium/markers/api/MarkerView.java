package app.podium.markers.api;

import app.podium.http.Times;
import app.podium.markers.Marker;
import java.util.LinkedHashMap;
import java.util.Map;

/** Mastodon's Marker: the last read status id, the save count and when it was saved. */
public record MarkerView(String lastReadId, long version, String updatedAt) {

  public static MarkerView of(Marker marker) {
    return new MarkerView(marker.lastReadId(), marker.version(), Times.iso(marker.updatedAt()));
  }

  /**
   * The answer of {@code GET/POST /api/v1/markers}: an object keyed by timeline, {} when there are
   * none.
   */
  public static Map<String, MarkerView> of(Map<String, Marker> markers) {
    Map<String, MarkerView> views = new LinkedHashMap<>();
    markers.forEach((timeline, marker) -> views.put(timeline, of(marker)));
    return views;
  }
}
