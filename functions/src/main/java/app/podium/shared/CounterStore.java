package app.podium.shared;

import java.time.Instant;

/** Atomic counters, for fixed-window rate limits. */
public interface CounterStore {
  /**
   * Adds one to the counter and returns the new value; the counter disappears after {@code
   * expiresAt}.
   */
  long increment(String key, Instant expiresAt);
}
