package app.podium.shared;

import java.time.Clock;
import java.time.Instant;

/** Fixed-window limits kept in atomic counters, so every container sees the same count. */
public final class RateLimiter {
  private final CounterStore counters;
  private final Clock clock;

  public RateLimiter(CounterStore counters, Clock clock) {
    this.counters = counters;
    this.clock = clock;
  }

  /**
   * Counts one request by {@code client}; throws {@link DomainException.RateLimited} past the
   * limit.
   */
  public void check(RateLimit limit, String client) {
    long windowMillis = limit.window().toMillis();
    long windowStart = clock.millis() / windowMillis * windowMillis;
    Instant resetAt = Instant.ofEpochMilli(windowStart + windowMillis);
    long count =
        counters.increment(limit.name() + ":" + keyOf(client) + ":" + windowStart, resetAt);
    if (count > limit.max()) {
      throw new DomainException.RateLimited(limit.max(), resetAt);
    }
  }

  /**
   * Longer than any address: such a client (a hand-sent viewer header) is counted by its digest
   * instead.
   */
  static final int CLIENT_KEY_MAX = 100;

  /**
   * The client as the counter's key: as is, or, when it is longer than any address (only a
   * hand-sent viewer header can be), its SHA-256, so the key stays within DynamoDB's 2,048 bytes
   * and the client is still counted.
   */
  static String keyOf(String client) {
    if (client.length() <= CLIENT_KEY_MAX) {
      return client;
    }
    try {
      return "sha256-"
          + java.util.HexFormat.of()
              .formatHex(
                  java.security.MessageDigest.getInstance("SHA-256")
                      .digest(client.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
