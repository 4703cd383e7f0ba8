package app.podium.engine.contract;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays every checked-in contract pair (src/test/resources/contract, recorded against DynamoDB)
 * against Podium's engine, one test per scenario. Every pair that differs is in
 * target/contract-report.txt, grouped by operation.
 */
class EngineContractTest {
  private static final Path REPORT = Path.of("target", "contract-report.txt");
  private static EngineUnderTest engine;

  @TestFactory
  Stream<DynamicTest> everyPairAnswersAsDynamoDbDid() {
    ContractReport report =
        new ContractReport(
            "Podium's engine (Engine.Options.defaults(), its TTL sweeper held back, in process)");
    engine = EngineUnderTest.start();
    return Replay.tests(new ContractRunner(WireClient.local(engine.endpoint())), report, REPORT);
  }

  @AfterAll
  static void stop() {
    if (engine != null) {
      engine.close();
    }
  }
}
