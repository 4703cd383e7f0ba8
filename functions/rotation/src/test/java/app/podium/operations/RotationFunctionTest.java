package app.podium.operations;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import org.junit.jupiter.api.Test;

/** The stack deploys this module's jar to the function that Routes declares by this handler. */
class RotationFunctionTest {
  @Test
  void theRotationsDeclarationNamesThisModulesHandlerInThisModulesJar() {
    assertThat(Routes.ROTATE_ORIGIN_SECRET.handler())
        .isEqualTo(RotateOriginSecretHandler.class.getName());
    assertThat(Routes.ROTATE_ORIGIN_SECRET.jar()).isEqualTo(Routes.Jar.ROTATION);
    assertThat(Routes.FUNCTIONS.stream().filter(f -> f.jar() == Routes.Jar.ROTATION))
        .containsExactly(Routes.ROTATE_ORIGIN_SECRET);
  }
}
