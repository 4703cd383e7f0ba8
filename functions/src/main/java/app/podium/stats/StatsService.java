package app.podium.stats;

import java.time.Clock;
import java.time.Instant;

/** The server's statistics: one source for instance v1, v2 and NodeInfo. */
public final class StatsService {
  private final StatsStore store;
  private final Clock clock;

  public StatsService(StatsStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  /** The statistics now, active members counted in the current month and half-year. */
  public InstanceStats current() {
    Instant now = clock.instant();
    return store.read(ActivityPeriod.month(now), ActivityPeriod.halfYear(now));
  }

  /**
   * Counts the member active at {@code at} in each period holding it that did not hold their
   * previous activity: a member active yesterday was counted this month already, so most days cost
   * nothing here. Each period's marker counts the member once, however many tasks try.
   */
  public void countActive(String memberId, Instant previous, Instant at) {
    for (ActivityPeriod period : ActivityPeriod.holding(at)) {
      if (!period.holds(previous)) {
        store.countActive(memberId, period);
      }
    }
  }
}
