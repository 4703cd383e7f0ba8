package app.podium.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The {@code parity} profile's run ({@code -Pparity}): records every contract pair against DynamoDB
 * Local (or against {@code PARITY_ENDPOINT}, LocalStack or AWS, when it is set) into the source
 * folder, then replays them all against a fresh instance of the same, which proves that the harness
 * and its normalisation hold across instances.
 */
@EnabledIfSystemProperty(named = "parity", matches = "true")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DynamoDbLocalParityTest {
  private static final String PARITY_ENDPOINT = System.getenv("PARITY_ENDPOINT");
  private static final int MIN_PAIRS = 150;
  private static DynamoDbLocal replayTarget;

  @Test
  @Order(1)
  void recordsEveryPair() throws Exception {
    List<Scenario> scenarios = Scenario.loadAll(Replay.CONTRACT_DIR);
    int pairs = scenarios.stream().mapToInt(scenario -> scenario.steps().size()).sum();
    if (Boolean.parseBoolean(System.getProperty("parity.record", "true"))) {
      record(scenarios, pairs);
    }
    assertThat(pairs).as("pairs in %s", Replay.CONTRACT_DIR).isGreaterThanOrEqualTo(MIN_PAIRS);
  }

  private static void record(List<Scenario> scenarios, int pairs) throws Exception {
    List<String> broken = new ArrayList<>();
    try (Target target = Target.start()) {
      System.out.printf(
          "recording %d scenarios (%d pairs) against %s%n",
          scenarios.size(), pairs, target.label());
      for (Scenario scenario : scenarios) {
        try {
          List<WireClient.Answer> answers = target.runner().play(scenario);
          for (int i = 0; i < answers.size(); i++) {
            ((ObjectNode) scenario.steps().get(i))
                .set("answer", ContractRunner.recorded(answers.get(i)));
          }
          scenario.write();
        } catch (IllegalStateException e) {
          broken.add(e.getMessage());
        }
      }
    }
    assertThat(broken).as("scenarios that could not be recorded").isEmpty();
  }

  @TestFactory
  @Order(2)
  Stream<DynamicTest> replaysEveryPairAgainstAFreshInstance() throws Exception {
    Target target = Target.start();
    replayTarget = target.local();
    ContractReport report = new ContractReport(target.label());
    return Replay.tests(target.runner(), report, Path.of("target", "contract-report-parity.txt"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (replayTarget != null) {
      replayTarget.close();
    }
  }

  /** DynamoDB Local started here, or the endpoint PARITY_ENDPOINT names. */
  private record Target(ContractRunner runner, DynamoDbLocal local, String label)
      implements AutoCloseable {
    static Target start() throws Exception {
      if (PARITY_ENDPOINT != null && !PARITY_ENDPOINT.isBlank()) {
        return new Target(
            new ContractRunner(WireClient.remote(PARITY_ENDPOINT)),
            null,
            "PARITY_ENDPOINT " + PARITY_ENDPOINT);
      }
      DynamoDbLocal local = DynamoDbLocal.start();
      return new Target(
          new ContractRunner(WireClient.local(local.endpoint())),
          local,
          "DynamoDB Local (in memory, in process) on " + local.endpoint());
    }

    @Override
    public void close() throws Exception {
      if (local != null) {
        local.close();
      }
    }
  }
}
