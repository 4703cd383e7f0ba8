package app.podium.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class FanoutTimeTest {
  @Test
  void onePageTakesTheHopPlusThePage() {
    assertThat(FanoutTime.once(1, 1, 100, List.of(500.0), 10, 50, new Random(1))).isEqualTo(550);
  }

  @Test
  void manyPagesAreBoundByTheChainOfEnqueues() {
    // each page enqueues the next after its Query (10 ms) plus an SQS hop (50 ms): the 1,000th page
    // starts
    // about 999 x 60 ms after the first, whatever the concurrency
    double done = FanoutTime.once(1_000, 1, 100, List.of(500.0), 10, 50, new Random(1));
    assertThat(done).isCloseTo(50 + 999 * 60 + 500, within(1e-6));
  }

  @Test
  void fewWorkersMakeTheConcurrencyTheBound() {
    double done = FanoutTime.once(100, 1, 2, List.of(1_000.0), 10, 50, new Random(1));
    assertThat(done).isGreaterThanOrEqualTo(50 * 1_000);
  }

  @Test
  void p99IsNeverBelowP50() {
    FanoutTime.Percentiles p =
        FanoutTime.simulate(10, 1, 100, List.of(100.0, 900.0), 10, 50, 200, 3);
    assertThat(p.p99()).isGreaterThanOrEqualTo(p.p50());
    assertThat(p.p99()).isLessThanOrEqualTo((50 + 9 * 60 + 900) / 1000.0);
  }

  @Test
  void shardedFollowersAreWalkedByOneChainPerShard() {
    // 1,600 pages over 16 chains: each chain is 100 pages long, so the last page starts 99 x 60 ms
    // in (pages of
    // 50 ms, so 16 chains never need more than the 100 environments)
    double done = FanoutTime.once(1_600, 16, 100, List.of(50.0), 10, 50, new Random(1));
    assertThat(done).isCloseTo(50 + 99 * 60 + 50, within(1e-6));
    assertThat(FanoutTime.once(3, 16, 100, List.of(500.0), 10, 50, new Random(1)))
        .as("more chains than pages")
        .isEqualTo(550);
  }
}
