package app.podium.markers;

import java.util.Optional;

/** A member's read markers, one per timeline. */
public interface MarkerStore {
  Optional<Marker> find(String accountId, String timeline);

  /** Stores the position and bumps the version (1 on the first save). */
  Marker save(String accountId, String timeline, String lastReadId, java.time.Instant now);
}
