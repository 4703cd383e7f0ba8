package app.podium.infra;

import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/**
 * The stacks the tests look at, each built and synthesized once per JVM: synthesis takes seconds, and every
 * test class reads the same template.
 */
final class Synthesized {
  /** The shaded functions jar, as the build passes it (see the surefire configuration). */
  static final String LAMBDA_JAR = System.getProperty("podium.lambda.jar",
      "../functions/target/functions-0.1.0-SNAPSHOT-lambda.jar");

  private static PodiumStack dev;
  private static Template devTemplate;

  private Synthesized() {}

  static synchronized PodiumStack dev() {
    if (dev == null) {
      dev = build("dev", Set.of());
    }
    return dev;
  }

  static synchronized Template devTemplate() {
    if (devTemplate == null) {
      devTemplate = Template.fromStack(dev());
    }
    return devTemplate;
  }

  /** A stack of its own app; {@code without} leaves those acknowledgements out. */
  static PodiumStack build(String stage, Set<String> without) {
    if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(LAMBDA_JAR))) {
      throw new IllegalStateException("No Lambda asset at " + LAMBDA_JAR + ": the shaded jar is built in the package "
          + "phase, so run ./mvnw verify (./mvnw test does not package functions)");
    }
    software.amazon.awscdk.App app = new software.amazon.awscdk.App(AppProps.builder()
        .analyticsReporting(false)
        .stackTraces(false)
        .context(Map.of("stage", stage, "allowedCountries", "US,CA", "lambdaJar", LAMBDA_JAR,
            "alarmEmail", "ops@example.com"))
        .build());
    Config config = Config.fromContext(app.getNode());
    return new PodiumStack(app, "podium-" + stage, StackProps.builder().build(), config, without);
  }
}
