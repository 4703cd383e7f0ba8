package app.podium.local;

import app.podium.local.support.PodiumIT;
import org.testcontainers.junit.jupiter.Testcontainers;

/** {@link SignupFlowIT}'s tests against LocalStack. Skipped where Docker is absent. */
@Testcontainers(disabledWithoutDocker = true)
@PodiumIT(onLocalStackContainer = true)
class SignupFlowOnLocalStackIT extends SignupFlowIT {}
