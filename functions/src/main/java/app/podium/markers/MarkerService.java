package app.podium.markers;

import app.podium.shared.DomainException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mastodon's read markers ({@code /api/v1/markers}): where a member's clients stopped reading the
 * home timeline, so another client can continue there. {@code notifications} is accepted too, as
 * Mastodon does: the unread notification counts read it.
 */
public final class MarkerService {
  public static final List<String> TIMELINES = List.of("home", "notifications");

  private final MarkerStore store;
  private final Clock clock;

  public MarkerService(MarkerStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /**
   * The markers of the named timelines that have one; unknown names are ignored, as Mastodon does.
   */
  public Map<String, Marker> get(String accountId, List<String> timelines) {
    Map<String, Marker> markers = new LinkedHashMap<>();
    for (String timeline : TIMELINES) {
      if (timelines.contains(timeline)) {
        store.find(accountId, timeline).ifPresent(m -> markers.put(timeline, m));
      }
    }
    return markers;
  }

  /**
   * Saves each given position (timeline to last read status id) and answers the saved markers.
   * Every position is checked before any is saved, so a request with one invalid position saves
   * none.
   */
  public Map<String, Marker> save(String accountId, Map<String, String> positions) {
    var violations = new DomainException.Violations();
    for (String timeline : TIMELINES) {
      String lastReadId = positions.get(timeline);
      if (lastReadId != null && !lastReadId.matches("[0-9]{1,20}")) {
        violations.add(timeline + "[last_read_id]", "ERR_INVALID", "must be a status id");
      }
    }
    violations.throwIfAny();
    Map<String, Marker> saved = new LinkedHashMap<>();
    for (String timeline : TIMELINES) {
      String lastReadId = positions.get(timeline);
      if (lastReadId != null) {
        saved.put(timeline, store.save(accountId, timeline, lastReadId, clock.instant()));
      }
    }
    return saved;
  }
}
