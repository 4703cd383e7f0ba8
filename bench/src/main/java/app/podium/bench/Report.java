package app.podium.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Progress and raw figures as they come; the {@code RESULT <name> <value> <unit>} lines all at the
 * end.
 */
final class Report {
  private final List<String> results = new ArrayList<>();

  void line(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
    System.out.flush();
  }

  void result(String name, double value, String unit) {
    String text =
        value == Math.rint(value) && Math.abs(value) < 1e15
            ? Long.toString((long) value)
            : String.format(Locale.ROOT, "%.3f", value);
    results.add("RESULT " + name + " " + text + " " + unit);
  }

  void printResults() {
    results.forEach(System.out::println);
    System.out.flush();
  }

  static double millis(long nanos) {
    return nanos / 1e6;
  }

  static long median(List<Long> values) {
    return percentile(values, 50);
  }

  /** Nearest-rank percentile. */
  static long percentile(List<Long> values, double percent) {
    long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  static String ms(List<Long> nanos) {
    return String.join(
        " ", nanos.stream().map(n -> String.format(Locale.ROOT, "%.0f", millis(n))).toList());
  }
}
