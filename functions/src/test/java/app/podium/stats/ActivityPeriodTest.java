package app.podium.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ActivityPeriodTest {

  @Test
  void aMonthIsNamedByYearAndMonthAndEndsAtTheNextMonthsFirstInstantUtc() {
    assertThat(ActivityPeriod.month(Instant.parse("2026-12-08T03:55:00Z")))
        .isEqualTo(
            new ActivityPeriod(
                "2026-12",
                Instant.parse("2026-12-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z")));
    assertThat(ActivityPeriod.month(Instant.parse("2026-02-28T23:59:59.999Z")))
        .isEqualTo(
            new ActivityPeriod(
                "2026-02",
                Instant.parse("2026-02-01T00:00:00Z"),
                Instant.parse("2026-03-01T00:00:00Z")));
    assertThat(ActivityPeriod.month(Instant.parse("2026-03-01T00:00:00Z")).name())
        .isEqualTo("2026-03");
  }

  @Test
  void aHalfYearRunsJanuaryToJuneOrJulyToDecember() {
    assertThat(ActivityPeriod.halfYear(Instant.parse("2026-06-30T23:59:59Z")))
        .isEqualTo(
            new ActivityPeriod(
                "2026-H1",
                Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2026-07-01T00:00:00Z")));
    assertThat(ActivityPeriod.halfYear(Instant.parse("2026-07-01T00:00:00Z")))
        .isEqualTo(
            new ActivityPeriod(
                "2026-H2",
                Instant.parse("2026-07-01T00:00:00Z"),
                Instant.parse("2027-01-01T00:00:00Z")));
    assertThat(ActivityPeriod.halfYear(Instant.parse("2026-01-01T00:00:00Z")).name())
        .isEqualTo("2026-H1");
  }

  @Test
  void anActivityCountsInItsHalfYearAndItsMonth() {
    Instant at = Instant.parse("2026-12-31T23:00:00Z");
    assertThat(ActivityPeriod.holding(at))
        .containsExactly(ActivityPeriod.halfYear(at), ActivityPeriod.month(at));
  }

  @Test
  void aPeriodHoldsFromItsStartUpToButNotItsEnd() {
    ActivityPeriod december = ActivityPeriod.month(Instant.parse("2026-12-15T00:00:00Z"));
    assertThat(december.holds(Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
    assertThat(december.holds(Instant.parse("2026-12-31T23:59:59.999Z"))).isTrue();
    assertThat(december.holds(Instant.parse("2026-11-30T23:59:59.999Z"))).isFalse();
    assertThat(december.holds(Instant.parse("2027-01-01T00:00:00Z"))).isFalse();
  }
}
