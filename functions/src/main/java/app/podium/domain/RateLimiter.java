package app.podium.domain;

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

  /** Counts one request by {@code client}; throws {@link DomainException.RateLimited} past the limit. */
  public void check(RateLimit limit, String client) {
    long windowMillis = limit.window().toMillis();
    long windowStart = clock.millis() / windowMillis * windowMillis;
    Instant resetAt = Instant.ofEpochMilli(windowStart + windowMillis);
    long count = counters.increment(limit.name() + ":" + client + ":" + windowStart, resetAt);
    if (count > limit.max()) {
      throw new DomainException.RateLimited(limit.max(), resetAt);
    }
  }
}
