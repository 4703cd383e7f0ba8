package app.podium.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Replays contract files against one endpoint: one dynamic test per scenario, every pair in the
 * report.
 */
final class Replay {
  /**
   * Where the checked-in pairs are; the parity profile points it at the source folder it records
   * into.
   */
  static final Path CONTRACT_DIR =
      Path.of(System.getProperty("parity.contract.dir", "src/test/resources/contract"));

  private Replay() {}

  static Stream<DynamicTest> tests(ContractRunner runner, ContractReport report, Path reportFile) {
    return Scenario.loadAll(CONTRACT_DIR).stream()
        .map(
            scenario ->
                DynamicTest.dynamicTest(
                    scenario.name(),
                    scenario.file().toUri(),
                    () -> {
                      List<String> failures = replay(runner, scenario, report);
                      report.writeTo(reportFile);
                      assertThat(failures)
                          .as(
                              "%s against %s (all of it in %s)",
                              scenario.name(), runner.endpoint(), reportFile)
                          .isEmpty();
                    }));
  }

  /**
   * Plays {@code scenario} and compares every answer; returns the differences, each prefixed by its
   * step.
   */
  static List<String> replay(ContractRunner runner, Scenario scenario, ContractReport report) {
    report.scenario();
    List<WireClient.Answer> answers;
    try {
      answers = runner.play(scenario);
    } catch (IllegalStateException setupFailed) {
      report.together(scenario.name(), 0, "its setup", List.of(setupFailed.getMessage()));
      return List.of(setupFailed.getMessage());
    }
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      JsonNode step = scenario.steps().get(i);
      List<String> differences = ContractRunner.differences(step, answers.get(i));
      report.pair(
          scenario.name(),
          i + 1,
          Scenario.operation(step),
          step.path("note").asText(null),
          differences);
      int number = i + 1;
      differences.forEach(
          difference ->
              failures.add("#" + number + " " + Scenario.operation(step) + " " + difference));
    }
    Map<String, List<Integer>> groups = new TreeMap<>();
    for (int i = 0; i < answers.size(); i++) {
      JsonNode group = scenario.steps().get(i).path("compare").path("segments");
      if (!group.isMissingNode()) {
        groups.computeIfAbsent(group.asText(), g -> new ArrayList<>()).add(i);
      }
    }
    groups.forEach(
        (group, indexes) -> {
          List<String> differences =
              ContractRunner.segmentDifferences(
                  indexes.stream().map(i -> scenario.steps().get(i)).toList(),
                  indexes.stream().map(answers::get).toList());
          report.together(
              scenario.name(),
              indexes.getFirst() + 1,
              "segments " + group + " together",
              differences);
          differences.forEach(difference -> failures.add("segments " + group + " " + difference));
        });
    return failures;
  }
}
