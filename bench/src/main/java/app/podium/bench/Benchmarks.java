package app.podium.bench;

import app.podium.local.LocalDynamoDb;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every benchmark against one DynamoDB Local in this process, each in tables of its own, and ends
 * with one {@code RESULT <name> <value> <unit>} line per figure. Only ratios measured in this run mean
 * anything: see bench/README.md. {@code -Dbench.only=fanout,home,large,reactions,cold} runs a subset;
 * {@code -Dbench.only=model} calibrates and runs the scale model and writes docs/scale.md.
 */
public final class Benchmarks {
  private Benchmarks() {}

  public static void main(String[] args) throws Exception {
    Set<String> only = Arrays.stream(System.getProperty("bench.only", "all").split(","))
        .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    Report report = new Report();
    long start = System.nanoTime();
    report.line("podium bench %s: %d cpus, java %s, max heap %d MB", Instant.now(),
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() >> 20);
    int exit = 0;
    try (LocalDynamoDb dynamoDb = LocalDynamoDb.start(0, null)) {
      String endpoint = dynamoDb.endpoint();
      report.line("DynamoDB Local (in memory, in process) on %s", endpoint);
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
    // DynamoDB Local leaves non-daemon threads behind; this is a command-line program, so end it here.
    System.exit(exit);
  }

  private static boolean selected(Set<String> only, String name) {
    return only.contains("all") || only.contains(name);
  }
}
