package app.podium.engine.store;

import app.podium.engine.value.Value;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Rows by partition key, each partition sorted by its {@link RangeKey}; partitions also kept in
 * scan order. Reads need no lock. Writers of one row are serialized by the caller (an item lock);
 * writers of different rows of one partition meet only on the partition's monitor, held while a
 * partition is created, changed or dropped.
 */
public final class SortedStore {
  /** One partition: its rows, sorted. */
  public static final class Partition {
    final Value key;
    final ScanKey scanKey;
    final ConcurrentSkipListMap<RangeKey, Row> rows = new ConcurrentSkipListMap<>();
    boolean removed;

    Partition(Value key) {
      this.key = key;
      this.scanKey = ScanKey.of(key);
    }

    public Value key() {
      return key;
    }

    public ConcurrentNavigableMap<RangeKey, Row> rows() {
      return rows;
    }
  }

  private final ConcurrentHashMap<Value, Partition> partitions = new ConcurrentHashMap<>();
  private final ConcurrentSkipListMap<ScanKey, Partition> scanOrder = new ConcurrentSkipListMap<>();

  public Row get(Value hash, RangeKey range) {
    Partition partition = partitions.get(hash);
    return partition == null ? null : partition.rows.get(range);
  }

  /** The rows of one partition, sorted (empty when there are none). */
  public NavigableMap<RangeKey, Row> partition(Value hash) {
    Partition partition = partitions.get(hash);
    return partition == null ? Collections.emptyNavigableMap() : partition.rows;
  }

  /** Stores {@code row} (or removes the row when it is null); returns the row it replaced. */
  public Row put(Value hash, RangeKey range, Row row) {
    while (true) {
      Partition partition =
          row == null ? partitions.get(hash) : partitions.computeIfAbsent(hash, Partition::new);
      if (partition == null) {
        return null;
      }
      synchronized (partition) {
        if (partition.removed) {
          continue;
        }
        if (partition.rows.isEmpty() && row != null) {
          scanOrder.put(partition.scanKey, partition);
        }
        Row old = row == null ? partition.rows.remove(range) : partition.rows.put(range, row);
        if (partition.rows.isEmpty()) {
          partition.removed = true;
          partitions.remove(hash, partition);
          scanOrder.remove(partition.scanKey, partition);
        }
        return old;
      }
    }
  }

  /** Partitions in scan order, from {@code from} on (inclusive). */
  public NavigableMap<ScanKey, Partition> scanFrom(ScanKey from) {
    return from == null ? scanOrder : scanOrder.tailMap(from, true);
  }

  public int partitionCount() {
    return partitions.size();
  }
}
