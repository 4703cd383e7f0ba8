package app.podium.engine.limits;

import app.podium.engine.value.Value;
import app.podium.engine.value.Values;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * DynamoDB's per-partition throughput, as an on-demand table enforces it: at most 1,000 write units
 * and 3,000 read units a second on one partition key of a table or of an index (times a scale;
 * scale 0 never refuses). It also keeps the hot-key report: each key's peak units in one second,
 * and its refusals.
 *
 * <p>Seconds are fixed windows. Admission is one short critical section, so that a request's
 * charges on several partitions (a table and its indexes, a transaction's items) are admitted all
 * together or not at all.
 */
public final class PartitionThroughput implements Throughput {
  public static final double WRITE_LIMIT = 1000;
  public static final double READ_LIMIT = 3000;

  /** How many keys the report lists. */
  public static final int REPORTED = 20;

  /** Keys kept before idle, cool ones are forgotten. */
  private static final int KEPT = 50_000;

  private record Key(String table, String index, Value value) {}

  private static final class Meter {
    long second = Long.MIN_VALUE;
    double read;
    double write;
    double peakRead;
    double peakWrite;
    long throttled;

    void roll(long now) {
      if (now != second) {
        second = now;
        read = 0;
        write = 0;
      }
    }

    double heat() {
      return Math.max(peakRead / READ_LIMIT, peakWrite / WRITE_LIMIT);
    }
  }

  private final double scale;
  private final LongSupplier seconds;
  private final Map<Key, Meter> meters = new ConcurrentHashMap<>();

  /**
   * @param seconds the current second (a clock's epoch seconds, or a test's)
   */
  public PartitionThroughput(double scale, LongSupplier seconds) {
    this.scale = scale;
    this.seconds = seconds;
  }

  public boolean limits() {
    return scale > 0;
  }

  public double readLimit() {
    return READ_LIMIT * scale;
  }

  public double writeLimit() {
    return WRITE_LIMIT * scale;
  }

  @Override
  public synchronized boolean admit(List<Charge> charges) {
    long now = seconds.getAsLong();
    List<Meter> touched = new ArrayList<>(charges.size());
    boolean refused = false;
    for (Charge charge : charges) {
      Meter meter =
          meters.computeIfAbsent(
              new Key(charge.table(), charge.index(), charge.key()), k -> new Meter());
      meter.roll(now);
      touched.add(meter);
      if (scale > 0
          && (meter.read + charge.readUnits() > readLimit()
              || meter.write + charge.writeUnits() > writeLimit())) {
        refused = true;
      }
    }
    if (refused) {
      touched.forEach(meter -> meter.throttled++);
      return false;
    }
    for (int i = 0; i < charges.size(); i++) {
      Meter meter = touched.get(i);
      meter.read += charges.get(i).readUnits();
      meter.write += charges.get(i).writeUnits();
      meter.peakRead = Math.max(meter.peakRead, meter.read);
      meter.peakWrite = Math.max(meter.peakWrite, meter.write);
    }
    if (meters.size() > KEPT) {
      forgetCoolKeys(now);
    }
    return true;
  }

  /**
   * Forgets keys idle since before the last second whose peak would not make the report: memory
   * stays bounded.
   */
  private void forgetCoolKeys(long now) {
    double threshold =
        meters.values().stream()
            .map(Meter::heat)
            .sorted(Comparator.reverseOrder())
            .skip(REPORTED - 1L)
            .findFirst()
            .orElse(0.0);
    meters
        .values()
        .removeIf(
            meter -> meter.second < now - 1 && meter.heat() < threshold && meter.throttled == 0);
  }

  /** The hottest keys, hottest first (by their peak's share of the limits). */
  public List<HotKey> report() {
    return report("", REPORTED);
  }

  /**
   * The hottest keys of the tables whose names start with {@code tablePrefix}, at most {@code
   * limit} of them.
   */
  public synchronized List<HotKey> report(String tablePrefix, int limit) {
    return meters.entrySet().stream()
        .filter(e -> e.getKey().table().startsWith(tablePrefix))
        .map(
            e ->
                new HotKey(
                    e.getKey().table(),
                    e.getKey().index(),
                    Values.brief(e.getKey().value()),
                    e.getValue().peakRead,
                    e.getValue().peakWrite,
                    e.getValue().throttled))
        .sorted(
            Comparator.comparingDouble(HotKey::heat)
                .reversed()
                .thenComparing(Comparator.comparingLong(HotKey::throttled).reversed()))
        .limit(limit)
        .toList();
  }

  public synchronized void reset() {
    meters.clear();
  }

  /** The report as text, one key a line, as the engine prints it when it stops. */
  public String describe() {
    List<HotKey> hottest = report();
    StringBuilder text =
        new StringBuilder(
            "Podium engine: hot keys (peak units in one second; limits per partition "
                + "key "
                + (scale > 0
                    ? (int) writeLimit() + " write, " + (int) readLimit() + " read"
                    : "off")
                + ")");
    if (hottest.isEmpty()) {
      return text.append(": none").toString();
    }
    for (HotKey key : hottest) {
      text.append(
          String.format(
              "%n  %-40s %-30s write %8.1f  read %8.1f  throttled %d",
              key.where(),
              abbreviated(key.key()),
              key.peakWriteUnits(),
              key.peakReadUnits(),
              key.throttled()));
    }
    return text.toString();
  }

  private static String abbreviated(String key) {
    return key.length() <= 30 ? key : key.substring(0, 27) + "...";
  }
}
