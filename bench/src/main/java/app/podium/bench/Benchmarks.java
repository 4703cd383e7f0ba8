package app.podium.bench;

import app.podium.engine.Engine;
import app.podium.local.LocalDynamoDb;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every benchmark against one Podium engine in this process, each in tables of its own, and
 * ends with one {@code RESULT <name> <value> <unit>} line per figure. Only ratios measured in this
 * run mean anything: see bench/README.md. {@code -Dbench.only=fanout,home,large,reactions,cold}
 * runs a subset; {@code -Dbench.only=model} calibrates and runs the scale model and writes
 * docs/scale.md.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Set<String> only =
        Arrays.stream(System.getProperty("bench.only", "all").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .collect(Collectors.toSet());
    Report report = new Report();
    long start = System.nanoTime();
    report.line(
        "podium bench %s: %d cpus, java %s, max heap %d MB",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    int exit = 0;
    // without the per-partition limits: the benchmarks time Podium's code against raw SDK calls, as
    // they did on
    // DynamoDB Local, which never throttles; their own interceptors count the hottest keys
    try (LocalDynamoDb dynamoDb =
        LocalDynamoDb.start(Engine.Options.defaults().withoutThrottling())) {
      String endpoint = dynamoDb.endpoint();
      report.line(
          "Podium's DynamoDB engine (in memory, in process, throttling off) on %s", endpoint);
      if (selected(only, "fanout")) {
        FanoutBench.run(endpoint, report);
      }
      if (selected(only, "home")) {
        HomeReadBench.run(endpoint, report);
      }
      if (selected(only, "large")) {
        LargeAccountBench.run(endpoint, report);
      }
      if (selected(only, "reactions")) {
        ReactionsBench.run(endpoint, report);
      }
      if (selected(only, "cold")) {
        ColdStartBench.run(endpoint, report);
      }
      // not part of "all": it rewrites docs/scale.md and docs/scale.svg
      if (only.contains("model")) {
        ModelBench.run(endpoint, report);
      }
    } catch (Exception | Error e) {
      e.printStackTrace();
      exit = 1;
    }
    report.line("total %.0f s", (System.nanoTime() - start) / 1e9);
    report.printResults();
    // the fan-out pollers and emulators a benchmark starts may leave threads behind; this is a
    // command-line
    // program, so end it here.
    System.exit(exit);
  }

  private static boolean selected(Set<String> only, String name) {
    return only.contains("all") || only.contains(name);
  }
}
