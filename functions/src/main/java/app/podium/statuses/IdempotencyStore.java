package app.podium.statuses;

import java.time.Instant;
import java.util.Optional;

public interface IdempotencyStore {
  /**
   * Claims {@code key} for {@code statusId} until {@code expiresAt}. Returns the status id an
   * earlier claim holds, or empty if this claim won.
   */
  Optional<String> claim(String key, String statusId, Instant now, Instant expiresAt);
}
