package app.podium.bench;

import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Counts, per item written (table and key, {@link WrittenKeys}), how many writes it took, as
 * requests go on the wire: per attempt, so a transaction DynamoDB cancels and the SDK or Podium
 * sends again counts again, as it costs again. What a hot key is: the share of a burst's writes
 * that land on one item.
 */
final class KeyWriteCounter implements ExecutionInterceptor {
  private final java.util.function.Function<String, app.podium.Tables.Table> tables;
  private final Map<WrittenKeys.Written, LongAdder> writes = new ConcurrentHashMap<>();

  KeyWriteCounter(String prefix) {
    this.tables = WrittenKeys.tablesOf(prefix);
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    for (WrittenKeys.Written written : WrittenKeys.of(context.request(), tables)) {
      writes.computeIfAbsent(written, k -> new LongAdder()).increment();
    }
  }

  void reset() {
    writes.clear();
  }

  /**
   * The most-written item and its writes, ties broken by name so that a run reads the same twice.
   */
  Optional<Map.Entry<WrittenKeys.Written, Long>> hottest() {
    return writes.entrySet().stream()
        .map(e -> Map.entry(e.getKey(), e.getValue().sum()))
        .max(
            Map.Entry.<WrittenKeys.Written, Long>comparingByValue()
                .thenComparing(e -> e.getKey().toString(), Comparator.reverseOrder()));
  }

  /** Writes per table (logical name), e.g. {@code {counter_shards=2000, reactions=2000}}. */
  Map<String, Long> byTable() {
    Map<String, Long> result = new TreeMap<>();
    writes.forEach((written, count) -> result.merge(written.table(), count.sum(), Long::sum));
    return result;
  }

  /** How many distinct items of a table were written. */
  long keysOf(String table) {
    return writes.keySet().stream().filter(w -> w.table().equals(table)).count();
  }

  long writesTo(String table) {
    return byTable().getOrDefault(table, 0L);
  }
}
