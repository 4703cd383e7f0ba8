package app.podium.bench;

import app.podium.RouteFunction;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Lambda jars' sizes ({@code functions_jar_mb}, and against the goal of 15 MB {@code
 * functions_jar_vs_goal}; {@code rotation_jar_mb}), then the home timeline's route in fresh JVMs on
 * the functions' jar, with the JVM flags the stack sets, against this run's DynamoDB Local, the
 * minimum or median of 5 runs each way:
 *
 * <ul>
 *   <li>{@code cold_start_ms}: from starting the JVM to the first response; {@code
 *       cold_start_vs_warm} that over the warm call;
 *   <li>{@code first_request_ms}: the first request alone, after the function's constructor (what a
 *       container without SnapStart pays on its first request beyond its start);
 *   <li>{@code primed_first_request_ms}: the same after SnapStart's priming ran in that JVM, as a
 *       restored snapshot holds it;
 *   <li>{@code warm_call_ms}: the p50 of the later calls in the same JVMs; each first request
 *       {@code _vs_warm} over it.
 * </ul>
 */
final class ColdStartBench {
  static final int RUNS = 5;

  /** The goal for the functions' jar, in MB (MiB, as the size is printed). */
  static final double JAR_GOAL_MB = 15;

  /**
   * What the CDK stack sets in JAVA_TOOL_OPTIONS: tier-1 compilation only, the usual Lambda choice.
   */
  static final List<String> JVM_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  private ColdStartBench() {}

  /** One fresh JVM's figures, in nanoseconds. */
  record Run(long coldStart, long init, long firstRequest, long warm) {}

  static void run(String endpoint, Report report) throws Exception {
    Path jar = lambdaJar(Path.of("functions"), "functions-");
    double megabytes = Files.size(jar) / (1024.0 * 1024.0);
    Path rotation = lambdaJar(Path.of("functions", "rotation"), "functions-rotation-");
    double rotationMegabytes = Files.size(rotation) / (1024.0 * 1024.0);
    report.line(
        "== cold start: fresh JVM on %s (%.1f MB; the rotation's %s %.1f MB), flags %s",
        jar.getFileName(), megabytes, rotation.getFileName(), rotationMegabytes, JVM_FLAGS);
    report.result("functions_jar_mb", megabytes, "MB");
    report.result("functions_jar_vs_goal", megabytes / JAR_GOAL_MB, "ratio");
    report.result("rotation_jar_mb", rotationMegabytes, "MB");

    Fixture fx = new Fixture(endpoint, "cold-");
    HomeReadBench.seed(fx, report);
    List<Run> plain = new ArrayList<>();
    List<Run> primed = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      plain.add(probe(jar, endpoint, false));
      primed.add(probe(jar, endpoint, true));
      report.line(
          "run %d: first response after %.0f ms (constructor %.0f ms, first request %.0f ms; after"
              + " priming %.0f ms), warm p50 %.2f ms",
          run + 1,
          Report.millis(plain.get(run).coldStart()),
          Report.millis(plain.get(run).init()),
          Report.millis(plain.get(run).firstRequest()),
          Report.millis(primed.get(run).firstRequest()),
          Report.millis(plain.get(run).warm()));
    }
    long best = plain.stream().mapToLong(Run::coldStart).min().orElseThrow();
    long first = Report.median(plain.stream().map(Run::firstRequest).toList());
    long primedFirst = Report.median(primed.stream().map(Run::firstRequest).toList());
    List<Long> warmCalls = new ArrayList<>();
    plain.forEach(r -> warmCalls.add(r.warm()));
    primed.forEach(r -> warmCalls.add(r.warm()));
    long warm = Report.median(warmCalls);
    report.result("cold_start_ms", Report.millis(best), "ms");
    report.result("first_request_ms", Report.millis(first), "ms");
    report.result("primed_first_request_ms", Report.millis(primedFirst), "ms");
    report.result("warm_call_ms", Report.millis(warm), "ms");
    report.result("cold_start_vs_warm", (double) best / warm, "ratio");
    report.result("first_request_vs_warm", (double) first / warm, "ratio");
    report.result("primed_first_request_vs_warm", (double) primedFirst / warm, "ratio");
  }

  /** One fresh JVM on the jar: the home timeline's first request, then warm ones. */
  private static Run probe(Path jar, String endpoint, boolean primed) throws Exception {
    String classes =
        Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(JVM_FLAGS);
    command.addAll(
        List.of(
            "-cp",
            jar + File.pathSeparator + classes,
            ColdStartProbe.class.getName(),
            HomeReadBench.READER,
            Integer.toString(HomeReadBench.LIMIT),
            primed ? "primed" : "plain"));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder
        .environment()
        .putAll(
            Map.of(
                "DYNAMODB_ENDPOINT",
                endpoint,
                "TABLE_PREFIX",
                "cold-",
                "SNS_ENDPOINT",
                "http://127.0.0.1:9",
                "SQS_ENDPOINT",
                "http://127.0.0.1:9",
                "AWS_REGION",
                "us-east-1",
                "LOG_LEVEL",
                "WARN",
                RouteFunction.ROUTE_ENV,
                "GET /api/v1/timelines/home"));
    long start = System.nanoTime();
    Process process = builder.start();
    Map<String, Long> figures = new HashMap<>();
    List<String> others = new ArrayList<>();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("FIRST ")) {
          figures.put("COLD", System.nanoTime() - start);
          if (!line.equals("FIRST 200")) {
            throw new IllegalStateException("cold start answered " + line);
          }
        } else if (line.matches("[A-Z0-9_]+_NANOS \\d+")) {
          String[] parts = line.split(" ");
          figures.put(parts[0], Long.parseLong(parts[1]));
        } else {
          others.add(line);
        }
      }
    }
    if (process.waitFor() != 0 || figures.size() != 4) {
      throw new IllegalStateException(
          "cold start probe failed (exit "
              + process.exitValue()
              + ", "
              + figures.keySet()
              + "): "
              + String.join("\n", others.subList(Math.max(0, others.size() - 20), others.size())));
    }
    return new Run(
        figures.get("COLD"),
        figures.get("INIT_NANOS"),
        figures.get("FIRST_NANOS"),
        figures.get("WARM_P50_NANOS"));
  }

  /**
   * The module's shaded jar, {@code <prefix><version>-lambda.jar} in its target folder, from the
   * repository's root or from bench/.
   */
  private static Path lambdaJar(Path module, String prefix) throws Exception {
    Path target =
        Files.isDirectory(module.resolve("target"))
            ? module.resolve("target")
            : Path.of("..").resolve(module).resolve("target");
    try (var files = Files.list(target)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith(prefix))
          .filter(f -> f.getFileName().toString().endsWith("-lambda.jar"))
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalStateException(
                      "no shaded jar in "
                          + target.toAbsolutePath()
                          + ": build with ./mvnw -pl bench -am package -Pbench"));
    }
  }
}
