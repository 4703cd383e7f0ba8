package app.podium.bench.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationModelTest {
  private final UnitCosts units = TestCosts.units();

  @Test
  void aPostReachesEveryFollowerOnce() {
    CalibrationPlan plan =
        new CalibrationPlan(
            4,
            250,
            List.of(new int[] {2, 1}, new int[] {3, 1}),
            List.of(new CalibrationPlan.Op(CalibrationPlan.Kind.POST, 1, -1)));
    CalibrationModel.Prediction p =
        CalibrationModel.predict(plan, units, CalibrationModel.Term.NONE);
    assertThat(p.fanout().wcu()).isEqualTo(2 * units.perActiveFollowerWcu());
    assertThat(p.fanout().rcu())
        .isCloseTo(
            units.fanoutTask().rcu()
                + units.followerQueryRcu(2)
                + 2 * units.activityPerFollowerRcu(),
            within(1e-9));
    assertThat(p.snsPublishes()).isEqualTo(1);
    assertThat(p.lambdaInvocations()).isEqualTo(2);
  }

  @Test
  void aHomeReadHydratesWhatTheFanoutAndTheBackfillPutThere() {
    // 1 posts twice; 2 follows 1 (backfill 2); 2 reads: 2 statuses by 1 author
    CalibrationPlan plan =
        new CalibrationPlan(
            4,
            250,
            List.of(),
            List.of(
                new CalibrationPlan.Op(CalibrationPlan.Kind.POST, 1, -1),
                new CalibrationPlan.Op(CalibrationPlan.Kind.POST, 1, -1),
                new CalibrationPlan.Op(CalibrationPlan.Kind.FOLLOW, 2, 1),
                new CalibrationPlan.Op(CalibrationPlan.Kind.READ, 2, -1)));
    CalibrationModel.Prediction p =
        CalibrationModel.predict(plan, units, CalibrationModel.Term.NONE);
    assertThat(p.byKind().get(CalibrationPlan.Kind.FOLLOW).wcu())
        .isCloseTo(units.follow().wcu() + 2 * units.followPerBackfill().wcu(), within(1e-9));
    assertThat(p.byKind().get(CalibrationPlan.Kind.READ).rcu())
        .isCloseTo(
            units.homeBase().rcu()
                + units.timelineQueryRcu(2)
                + 2 * units.homePerStatusRcu()
                + units.homePerAuthorRcu(),
            within(1e-9));
  }

  @Test
  void leavingOutTheFollowerPageReadLowersTheReadsOfAFanout() {
    CalibrationPlan plan = CalibrationPlan.draw(CalibrationPlan.defaults());
    double full = CalibrationModel.predict(plan, units, CalibrationModel.Term.NONE).fanout().rcu();
    double without =
        CalibrationModel.predict(plan, units, CalibrationModel.Term.FOLLOWER_PAGE_READ)
            .fanout()
            .rcu();
    assertThat(without).isLessThan(full);
  }

  @Test
  void theDefaultPlanHasTheIssuesShape() {
    CalibrationPlan plan = CalibrationPlan.draw(CalibrationPlan.defaults());
    assertThat(plan.members()).isEqualTo(2_000);
    assertThat(plan.count(CalibrationPlan.Kind.POST)).isEqualTo(500);
    assertThat(plan.count(CalibrationPlan.Kind.READ)).isEqualTo(2_000);
    assertThat(plan.count(CalibrationPlan.Kind.FOLLOW)).isEqualTo(500);
    long largeFollowers =
        plan.follows().stream().filter(f -> f[1] == CalibrationPlan.LARGE).count();
    assertThat(largeFollowers).isGreaterThan(plan.threshold());
    long secondLargest =
        plan.follows().stream()
            .filter(f -> f[1] != CalibrationPlan.LARGE)
            .collect(
                java.util.stream.Collectors.groupingBy(
                    f -> f[1], java.util.stream.Collectors.counting()))
            .values()
            .stream()
            .mapToLong(Long::longValue)
            .max()
            .orElseThrow();
    assertThat(secondLargest).isLessThanOrEqualTo(plan.threshold());
  }
}
