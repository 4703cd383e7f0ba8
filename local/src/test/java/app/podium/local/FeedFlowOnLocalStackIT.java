package app.podium.local;

import app.podium.local.support.PodiumIT;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@link FeedFlowIT}'s tests (signup with invites, follows, posting, fan-out through SNS and SQS,
 * home timelines) against LocalStack instead of the DynamoDB engine and fauxqs. Skipped where
 * Docker is absent.
 */
@Testcontainers(disabledWithoutDocker = true)
@PodiumIT(onLocalStackContainer = true)
class FeedFlowOnLocalStackIT extends FeedFlowIT {}
