package app.podium.bench;

import app.podium.RouteFunction;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code functions_jar_mb}: the size of the shaded Lambda jar. {@code cold_start_ms}: from starting
 * a fresh JVM on that jar, with the JVM flags the stack sets, to the first response of the home
 * timeline's RouteFunction against this run's DynamoDB Local; the minimum of 5 runs. {@code
 * cold_start_vs_warm}: that divided by the p50 of warm calls in the same JVMs.
 */
final class ColdStartBench {
  static final int RUNS = 5;

  /**
   * What the CDK stack sets in JAVA_TOOL_OPTIONS: tier-1 compilation only, the usual Lambda choice.
   */
  static final List<String> JVM_FLAGS =
      List.of("-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1");

  private ColdStartBench() {}

  static void run(String endpoint, Report report) throws Exception {
    Path jar = lambdaJar();
    double megabytes = Files.size(jar) / (1024.0 * 1024.0);
    report.line(
        "== cold start: fresh JVM on %s (%.1f MB), flags %s",
        jar.getFileName(), megabytes, JVM_FLAGS);
    report.result("functions_jar_mb", megabytes, "MB");

    Fixture fx = new Fixture(endpoint, "cold-");
    HomeReadBench.seed(fx, report);
    String classes =
        Path.of(ColdStartProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI())
            .toString();
    List<Long> cold = new ArrayList<>();
    List<Long> warm = new ArrayList<>();
    for (int run = 0; run < RUNS; run++) {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(JVM_FLAGS);
      command.addAll(
          List.of(
              "-cp",
              jar + File.pathSeparator + classes,
              ColdStartProbe.class.getName(),
              HomeReadBench.READER,
              Integer.toString(HomeReadBench.LIMIT)));
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
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          if (line.startsWith("FIRST ")) {
            cold.add(System.nanoTime() - start);
            if (!line.equals("FIRST 200")) {
              throw new IllegalStateException("cold start answered " + line);
            }
          } else if (line.startsWith("WARM_P50_NANOS ")) {
            warm.add(Long.parseLong(line.substring("WARM_P50_NANOS ".length())));
          }
        }
      }
      if (process.waitFor() != 0 || cold.size() != run + 1 || warm.size() != run + 1) {
        throw new IllegalStateException(
            "cold start probe failed (exit " + process.exitValue() + ")");
      }
      report.line(
          "run %d: first response after %.0f ms, warm p50 %.2f ms",
          run + 1, Report.millis(cold.get(run)), Report.millis(warm.get(run)));
    }
    long best = cold.stream().min(Long::compare).orElseThrow();
    long warmMedian = Report.median(warm);
    report.result("cold_start_ms", Report.millis(best), "ms");
    report.result("cold_start_vs_warm", (double) best / warmMedian, "ratio");
  }

  private static Path lambdaJar() throws Exception {
    Path configured = Path.of(System.getProperty("podium.functions.target", "functions/target"));
    Path target = Files.isDirectory(configured) ? configured : Path.of("..", "functions", "target");
    try (var files = Files.list(target)) {
      return files
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
