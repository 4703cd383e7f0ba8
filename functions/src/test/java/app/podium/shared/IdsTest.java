package app.podium.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {
  @Test
  void idsAreMillisecondsShiftedLeft16BitsWithASequenceBelow() {
    Instant at = Instant.parse("2026-11-25T12:00:00Z");
    Ids ids = new Ids(Clock.fixed(at, ZoneOffset.UTC));
    long id = Long.parseLong(ids.next());
    assertThat(id >>> 16).isEqualTo(at.toEpochMilli());
    assertThat(Ids.floorOf(at.toEpochMilli())).isLessThanOrEqualTo(id);
  }

  @Test
  void idsMintedInOneMillisecondAreDistinctUpTo65536() {
    Ids ids = new Ids(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC));
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < 65_536; i++) {
      seen.add(ids.next());
    }
    assertThat(seen).hasSize(65_536);
  }

  @Test
  void laterMillisecondsGiveLargerIdsThanEarlierOnes() {
    Ids early = new Ids(Clock.fixed(Instant.parse("2026-11-25T12:00:00.000Z"), ZoneOffset.UTC));
    Ids late = new Ids(Clock.fixed(Instant.parse("2026-11-25T12:00:00.001Z"), ZoneOffset.UTC));
    for (int i = 0; i < 1000; i++) {
      assertThat(Long.parseLong(late.next())).isGreaterThan(Long.parseLong(early.next()));
    }
  }

  @Test
  void idsFromOneContainerOnlyGrowEvenPastASequenceOverflowOrAClockStepBack() {
    Instant at = Instant.parse("2026-11-25T12:00:00Z");
    java.util.concurrent.atomic.AtomicLong millis =
        new java.util.concurrent.atomic.AtomicLong(at.toEpochMilli());
    Clock clock =
        new Clock() {
          @Override
          public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(java.time.ZoneId zone) {
            return this;
          }

          @Override
          public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
          }
        };
    Ids ids = new Ids(clock);
    long previous = Long.parseLong(ids.next());
    for (int i = 0; i < 200_000; i++) {
      if (i == 100_000) {
        millis.addAndGet(-5_000);
      }
      long id = Long.parseLong(ids.next());
      assertThat(id).isGreaterThan(previous);
      previous = id;
    }
  }
}
