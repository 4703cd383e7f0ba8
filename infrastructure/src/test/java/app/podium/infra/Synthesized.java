package app.podium.infra;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.NestedStack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.cxapi.CloudAssembly;

/**
 * The stacks the tests look at, each built and synthesized once per JVM: synthesis takes seconds,
 * and every test class reads the same template.
 */
final class Synthesized {
  /** The shaded functions jar, as the build passes it (see the surefire configuration). */
  static final String LAMBDA_JAR =
      System.getProperty(
          "podium.lambda.jar", "../functions/target/functions-0.1.0-SNAPSHOT-lambda.jar");

  /** The rotation function's shaded jar (functions/rotation). */
  static final String ROTATION_JAR =
      System.getProperty(
          "podium.rotation.jar",
          "../functions/rotation/target/functions-rotation-0.1.0-SNAPSHOT-lambda.jar");

  private static PodiumStack dev;
  private static TemplateJson devJson;
  private static PodiumStack edge;
  private static TemplateJson edgeJson;

  /**
   * What {@link #edge()} sets besides the dev stack's context: every edge option away from its
   * default, and request limits that differ from the defaults in limit and window.
   */
  static final Map<String, Object> EDGE_CONTEXT =
      Map.of(
          "geoScope",
          "all",
          "originDomain",
          "api-origin.example.org",
          "originCertificateArn",
          "arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c-example",
          "originSecretRotationDays",
          "7",
          "wafIpRateLimit",
          "5000",
          "settings",
          Map.of(
              "API_RATE_LIMIT",
              "600",
              "API_RATE_WINDOW_SECONDS",
              "120",
              "ANONYMOUS_RATE_LIMIT",
              "90",
              "ANONYMOUS_RATE_WINDOW_SECONDS",
              "60"));

  private Synthesized() {}

  static synchronized PodiumStack dev() {
    if (dev == null) {
      dev = build("dev", Set.of());
    }
    return dev;
  }

  /**
   * The dev stack's template with its nested stacks' templates, read from the app's cloud assembly.
   */
  static synchronized TemplateJson devJson() {
    if (devJson == null) {
      devJson = read(dev());
    }
    return devJson;
  }

  /** A stack with {@link #EDGE_CONTEXT}: the other geo scope, the origin domain, other limits. */
  static synchronized PodiumStack edge() {
    if (edge == null) {
      edge = build("dev", Set.of(), EDGE_CONTEXT, StackProps.builder().build());
    }
    return edge;
  }

  static synchronized TemplateJson edgeJson() {
    if (edgeJson == null) {
      edgeJson = read(edge());
    }
    return edgeJson;
  }

  /** Synthesizes the stack's app and reads the parent's template and every nested stack's. */
  static TemplateJson read(PodiumStack stack) {
    CloudAssembly assembly = ((software.amazon.awscdk.App) stack.getNode().getRoot()).synth();
    Path directory = Path.of(assembly.getDirectory());
    Map<String, Object> parent = json(directory.resolve(stack.getTemplateFile()));
    List<TemplateJson.Nested> nested = new ArrayList<>();
    for (NestedStack n : stack.areas().values()) {
      String resourceId = stack.getLogicalId((CfnElement) n.getNestedStackResource());
      Map<String, Object> resource =
          TemplateJson.map(TemplateJson.map(parent.get("Resources")).get(resourceId));
      Map<String, Object> parameters =
          TemplateJson.map(TemplateJson.properties(resource).getOrDefault("Parameters", Map.of()));
      nested.add(
          new TemplateJson.Nested(
              n.getNode().getPath(), json(directory.resolve(n.getTemplateFile())), parameters));
    }
    return new TemplateJson(stack.getNode().getPath(), parent, nested);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> json(Path file) {
    try {
      return new ObjectMapper().readValue(file.toFile(), Map.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A stack of its own app; {@code without} leaves those acknowledgements out. */
  static PodiumStack build(String stage, Set<String> without) {
    return build(stage, without, Map.of(), StackProps.builder().build());
  }

  /**
   * As {@link #build(String, Set)}, with more context (or other values) and the stack's properties.
   */
  static PodiumStack build(
      String stage, Set<String> without, Map<String, Object> context, StackProps props) {
    for (String jar : List.of(LAMBDA_JAR, ROTATION_JAR)) {
      if (!java.nio.file.Files.isRegularFile(java.nio.file.Path.of(jar))) {
        throw new IllegalStateException(
            "No Lambda asset at "
                + jar
                + ": the shaded jar is built in the package "
                + "phase, so run ./mvnw verify (./mvnw test does not package functions)");
      }
    }
    Map<String, Object> all =
        new java.util.HashMap<>(
            Map.of(
                "stage",
                stage,
                "allowedCountries",
                "US,CA",
                "lambdaJar",
                LAMBDA_JAR,
                "rotationJar",
                ROTATION_JAR,
                "alarmEmail",
                "ops@example.com"));
    all.putAll(context);
    software.amazon.awscdk.App app =
        new software.amazon.awscdk.App(
            AppProps.builder().analyticsReporting(false).stackTraces(false).context(all).build());
    Config config = Config.fromContext(app.getNode());
    return new PodiumStack(app, "podium-" + stage, props, config, without);
  }
}
