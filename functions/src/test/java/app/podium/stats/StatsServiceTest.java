package app.podium.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StatsServiceTest {
  static final Instant NOW = Instant.parse("2026-12-08T04:00:00Z");

  /** Counts as the store does: once per member and period, by its marker. */
  static final class CountingStore implements StatsStore {
    final Set<String> markers = new HashSet<>();
    final List<String> tried = new ArrayList<>();

    @Override
    public InstanceStats read(ActivityPeriod month, ActivityPeriod halfYear) {
      return new InstanceStats(0, 0, count(month), count(halfYear));
    }

    long count(ActivityPeriod period) {
      return markers.stream().filter(m -> m.startsWith(period.name() + ":")).count();
    }

    @Override
    public boolean countActive(String memberId, ActivityPeriod period) {
      tried.add(period.name());
      return markers.add(period.name() + ":" + memberId);
    }
  }

  final CountingStore store = new CountingStore();
  final StatsService stats = new StatsService(store, Clock.fixed(NOW, ZoneOffset.UTC));

  @Test
  void aMemberActiveEarlierThisMonthIsNotCountedAgainNorTried() {
    stats.countActive("1", Instant.parse("2026-12-06T10:00:00Z"), NOW);
    assertThat(store.tried).isEmpty();
    assertThat(stats.current().activeMonth()).isZero();
  }

  @Test
  void theFirstActivityOfAMonthCountsTheMonthOnlyWhenTheHalfYearHeldThePreviousOne() {
    stats.countActive("1", Instant.parse("2026-11-28T10:00:00Z"), NOW);
    assertThat(store.tried).containsExactly("2026-12");
    assertThat(stats.current()).isEqualTo(new InstanceStats(0, 0, 1, 0));
  }

  @Test
  void aMemberBackAfterMonthsCountsInBothPeriodsOnceHoweverManyTasksTry() {
    Instant previous = Instant.parse("2026-05-01T00:00:00Z");
    stats.countActive("1", previous, NOW);
    stats.countActive("1", previous, NOW);
    stats.countActive("2", Instant.EPOCH, NOW);
    assertThat(store.tried)
        .containsExactly("2026-H2", "2026-12", "2026-H2", "2026-12", "2026-H2", "2026-12");
    assertThat(stats.current()).isEqualTo(new InstanceStats(0, 0, 2, 2));
  }
}
