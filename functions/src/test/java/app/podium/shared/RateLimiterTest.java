package app.podium.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  final Map<String, Long> counters = new HashMap<>();
  final CounterStore store = (key, expiresAt) -> counters.merge(key, 1L, Long::sum);
  final RateLimit limit = new RateLimit("login", 3, Duration.ofMinutes(5));

  @Test
  void theRequestPastTheLimitIsRefusedUntilTheWindowEnds() {
    Clock clock = Clock.fixed(Instant.parse("2026-11-25T12:01:00Z"), ZoneOffset.UTC);
    RateLimiter limiter = new RateLimiter(store, clock);
    for (int i = 0; i < 3; i++) {
      limiter.check(limit, "198.51.100.1");
    }
    assertThatThrownBy(() -> limiter.check(limit, "198.51.100.1"))
        .isInstanceOfSatisfying(
            DomainException.RateLimited.class,
            e -> {
              assertThat(e.limit()).isEqualTo(3);
              assertThat(e.resetAt()).isEqualTo(Instant.parse("2026-11-25T12:05:00Z"));
            });
    limiter.check(limit, "198.51.100.2");
  }

  @Test
  void aNewWindowStartsAFreshCount() {
    RateLimiter early =
        new RateLimiter(store, Clock.fixed(Instant.parse("2026-11-25T12:04:59Z"), ZoneOffset.UTC));
    for (int i = 0; i < 3; i++) {
      early.check(limit, "198.51.100.1");
    }
    RateLimiter late =
        new RateLimiter(store, Clock.fixed(Instant.parse("2026-11-25T12:05:00Z"), ZoneOffset.UTC));
    late.check(limit, "198.51.100.1");
    assertThat(counters).hasSize(2);
  }

  @Test
  void anAbsurdlyLongClientIsCountedByItsDigestSoTheKeyStaysShort() {
    RateLimiter limiter =
        new RateLimiter(store, Clock.fixed(Instant.parse("2026-11-25T12:01:00Z"), ZoneOffset.UTC));
    String forged = "x".repeat(3000);
    for (int i = 0; i < 3; i++) {
      limiter.check(limit, forged);
    }
    assertThatThrownBy(() -> limiter.check(limit, forged))
        .isInstanceOf(DomainException.RateLimited.class);
    assertThat(counters.keySet())
        .singleElement()
        .satisfies(key -> assertThat(key.length()).isLessThan(120));
    limiter.check(limit, "y".repeat(3000));
    assertThat(counters).hasSize(2);
  }
}
