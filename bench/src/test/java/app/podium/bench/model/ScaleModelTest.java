package app.podium.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScaleModelTest {
  private final ScaleModel model = new ScaleModel(TestCosts.units(), 3);

  @Test
  void aPureFanoutPostWithFFollowersCostsFTimelineWrites() {
    Scenario allActive =
        new Scenario(
            "t",
            1e6,
            1e5,
            new PowerLaw(10, 1e5, 1.3),
            5e5,
            20,
            2,
            10,
            1,
            5,
            1.0,
            20,
            1,
            50,
            1,
            2000,
            1000,
            16,
            16,
            true,
            100,
            50,
            800,
            30,
            1024,
            1,
            0.5,
            5,
            1);
    assertThat(model.fanoutWritesPerPost(allActive, 12_345, ScaleModel.PURE)).isEqualTo(12_345);
    assertThat(model.fanoutWritesPerPost(allActive, 12_345, 10_000)).isZero();
    assertThat(model.fanoutWritesPerPost(Scenario.national(), 1_000, ScaleModel.PURE))
        .isEqualTo(400);
  }

  @Test
  void doublingThePeakFactorDoublesPeakUnitsAndLeavesTheAverage() {
    Scenario base = Scenario.national();
    ScaleModel.Result once = model.evaluate(base, 1e4);
    ScaleModel.Result twice = model.evaluate(base.withPeakFactor(2 * base.peakFactor()), 1e4);
    assertThat(twice.peak().rcu())
        .isCloseTo(2 * once.peak().rcu(), within(1e-6 * once.peak().rcu()));
    assertThat(twice.peak().wcu())
        .isCloseTo(2 * once.peak().wcu(), within(1e-6 * once.peak().wcu()));
    assertThat(twice.average().rcu())
        .isCloseTo(once.average().rcu(), within(1e-9 * once.average().rcu()));
  }

  @Test
  void hybridWithAThresholdAboveTheLargestAccountEqualsPure() {
    Scenario launch = Scenario.launch();
    ScaleModel.Result pure = model.evaluate(launch, ScaleModel.PURE);
    ScaleModel.Result above =
        model.evaluate(launch, 2 * Math.max(launch.largestFollowers(), launch.followers().max()));
    assertThat(above.average()).isEqualTo(pure.average());
    assertThat(above.cost().total()).isEqualTo(pure.cost().total());
    assertThat(above.timelineGb()).isEqualTo(pure.timelineGb());
    assertThat(above.hottest().load()).isEqualTo(pure.hottest().load());
  }

  @Test
  void hybridWritesFewerUnitsThanPureAtNationalScale() {
    ScaleModel.Result pure = model.evaluate(Scenario.national(), ScaleModel.PURE);
    ScaleModel.Result hybrid = model.evaluate(Scenario.national(), 1e4);
    assertThat(hybrid.average().wcu()).isLessThan(pure.average().wcu());
    // the 80M account alone: 20 posts a day to its active followers, one unit each
    Scenario s = Scenario.national();
    double largestWrites =
        s.largestPostsPerDay() / 86_400 * s.largestFollowers() * s.activeFollowerShare();
    assertThat(pure.average().wcu() - model.evaluate(s, 1e7).average().wcu())
        .isCloseTo(
            largestWrites,
            within(0.01 * largestWrites)); // the rest: follows of it no longer backfill
    assertThat(hybrid.largestFannedOut()).isEqualTo(1e4);
    assertThat(pure.largestFannedOut()).isEqualTo(8e7);
  }

  @Test
  void theCacheCapsMergeQueriesOfOneAuthorAtWarmContainersPerWindow() {
    Scenario s = Scenario.national();
    double reads = 10_000;
    double cap = ScaleModel.warmContainers(s, reads) / (s.cacheWindowMs() / 1000);
    assertThat(ScaleModel.warmContainers(s, reads)).isEqualTo(500);
    assertThat(model.mergeQueries(s, 8e7, reads)).isEqualTo(cap);
    // a small large author's followers ask less often than the cap allows
    assertThat(model.mergeQueries(s, 1e4, reads))
        .isCloseTo(reads * 1e4 / s.members(), within(1e-9));
  }

  @Test
  void withoutCachingTheAuthorAccountTheNationalHottestKeyIsOverItsLimit() {
    ScaleModel.Result cached = model.evaluate(Scenario.national(), 1e4);
    ScaleModel.Result uncached =
        model.evaluate(Scenario.national().withLargeAuthorAccountCached(false), 1e4);
    assertThat(uncached.hottest().load()).isGreaterThan(cached.hottest().load());
    assertThat(uncached.hottest().load()).isGreaterThan(1);
  }
}
