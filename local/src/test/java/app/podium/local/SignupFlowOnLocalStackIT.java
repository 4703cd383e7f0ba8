package app.podium.local;

import app.podium.local.support.LocalStackContainers;
import app.podium.local.support.Podium;
import app.podium.local.support.TestStacks;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link SignupFlowIT}'s tests against LocalStack. Skipped where Docker is absent. */
@Testcontainers(disabledWithoutDocker = true)
class SignupFlowOnLocalStackIT extends SignupFlowIT {
  @BeforeAll
  static void start() throws Exception {
    stack = TestStacks.startOn(LocalStackContainers.endpoint(), Map.of());
    podium = new Podium(stack);
  }
}
