package app.podium.engine.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a replay found, pair by pair, written as a text file for whoever makes the server match: a
 * summary by operation first, then every pair that differs with its differences.
 */
final class ContractReport {
  private final String against;
  private final List<Mismatch> mismatches = new ArrayList<>();
  private final Map<String, int[]> byOperation = new TreeMap<>();
  private int scenarios;

  ContractReport(String against) {
    this.against = against;
  }

  record Mismatch(
      String scenario, int step, String operation, String note, List<String> differences) {}

  synchronized void scenario() {
    scenarios++;
  }

  /** One pair replayed: {@code differences} empty when it matched. */
  synchronized void pair(
      String scenario, int step, String operation, String note, List<String> differences) {
    int[] counts = byOperation.computeIfAbsent(operation, o -> new int[2]);
    counts[0]++;
    if (!differences.isEmpty()) {
      counts[1]++;
      mismatches.add(new Mismatch(scenario, step, operation, note, differences));
    }
  }

  /**
   * A check beyond single pairs (a parallel Scan's segments together, a scenario's setup): listed
   * when it fails, not counted as a pair.
   */
  synchronized void together(String scenario, int step, String note, List<String> differences) {
    if (!differences.isEmpty()) {
      mismatches.add(new Mismatch(scenario, step, step == 0 ? "setup" : "Scan", note, differences));
    }
  }

  synchronized int pairs() {
    return byOperation.values().stream().mapToInt(counts -> counts[0]).sum();
  }

  synchronized List<Mismatch> mismatches() {
    return List.copyOf(mismatches);
  }

  synchronized String text() {
    StringBuilder out = new StringBuilder();
    out.append("Contract replay against ")
        .append(against)
        .append(", ")
        .append(Instant.now())
        .append('\n');
    int differ = byOperation.values().stream().mapToInt(counts -> counts[1]).sum();
    out.append(
        String.format(
            "%d scenarios, %d pairs: %d match, %d differ%n",
            scenarios, pairs(), pairs() - differ, differ));
    out.append(
        String.format(
            "other checks that fail (parallel Scan segments together, a scenario's setup): %d%n%n",
            mismatches.size() - differ));
    out.append(String.format("%-24s %6s %7s%n", "operation", "pairs", "differ"));
    byOperation.forEach(
        (operation, counts) ->
            out.append(String.format("%-24s %6d %7d%n", operation, counts[0], counts[1])));
    for (Mismatch mismatch : mismatches) {
      out.append(
          String.format(
              "%n%s #%d %s%s%n",
              mismatch.scenario(),
              mismatch.step(),
              mismatch.operation(),
              mismatch.note() == null ? "" : " (" + mismatch.note() + ")"));
      mismatch
          .differences()
          .forEach(difference -> out.append("  ").append(difference).append('\n'));
    }
    return out.toString();
  }

  void writeTo(Path file) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
