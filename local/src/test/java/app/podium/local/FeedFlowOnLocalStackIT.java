package app.podium.local;

import app.podium.local.support.LocalStackContainers;
import app.podium.local.support.Podium;
import app.podium.local.support.TestStacks;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link FeedFlowIT}'s tests (signup with invites, follows, posting, fan-out through SNS and SQS,
 * home timelines) against LocalStack instead of the DynamoDB engine and fauxqs. Skipped where
 * Docker is absent.
 */
@Testcontainers(disabledWithoutDocker = true)
class FeedFlowOnLocalStackIT extends FeedFlowIT {
  @BeforeAll
  static void start() throws Exception {
    stack = TestStacks.startOn(LocalStackContainers.endpoint(), Map.of());
    podium = new Podium(stack);
  }
}
