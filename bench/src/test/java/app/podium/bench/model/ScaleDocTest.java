package app.podium.bench.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleDocTest {
  private final ScaleModel model = new ScaleModel(TestCosts.units(), 3);

  private List<ScaleModel.Result> national() {
    return ScaleDoc.THRESHOLDS.stream().map(t -> model.evaluate(Scenario.national(), t)).toList();
  }

  @Test
  void theRecommendationIsHybridWithItsHotKeyUnderTheLimit() {
    ScaleModel.Result chosen = ScaleDoc.recommend(national());
    assertThat(chosen.pure()).isFalse();
    assertThat(chosen.hottest().load()).isLessThan(1);
  }

  @Test
  void itIsTheCheapestThatMeetsTheFanoutGoalOrElseTheFastest() {
    List<ScaleModel.Result> results = national();
    ScaleModel.Result chosen = ScaleDoc.recommend(results);
    List<ScaleModel.Result> meeting =
        results.stream()
            .filter(r -> !r.pure() && r.hottest().load() < 1 && ScaleDoc.meetsFanoutGoal(r))
            .toList();
    if (meeting.isEmpty()) {
      assertThat(
              results.stream()
                  .filter(r -> !r.pure())
                  .mapToDouble(r -> r.fanout().p99())
                  .min()
                  .orElseThrow())
          .isEqualTo(chosen.fanout().p99());
    } else {
      assertThat(meeting.stream().mapToDouble(r -> r.cost().total()).min().orElseThrow())
          .isEqualTo(chosen.cost().total());
    }
  }

  @Test
  void thePageNamesEveryScenarioAndTheChart() {
    List<ScaleModel.Result> results = national();
    String svg = ScaleChart.svg(results, results);
    assertThat(svg).startsWith("<svg").contains("polyline").endsWith("</svg>\n");
    assertThat(ScaleDoc.label(1e4)).isEqualTo("10k");
    assertThat(ScaleDoc.label(1e6)).isEqualTo("1M");
    assertThat(ScaleDoc.label(ScaleModel.PURE)).isEqualTo("pure");
  }
}
