package app.podium.engine.store;

import app.podium.engine.value.Order;
import app.podium.engine.value.Value;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A table's items, its secondary indexes and its counters. Its definition changes by replacement.
 */
public final class Table {
  /** An item's TTL: when it expires (epoch seconds) and which item it is. */
  record Expiry(long seconds, ItemKey key) {}

  static final Comparator<ItemKey> KEY_ORDER =
      (a, b) -> {
        int order = Order.compare(a.hash(), b.hash());
        if (order != 0 || a.range() == null) {
          return order;
        }
        return Order.compare(a.range(), b.range());
      };
  private static final Comparator<Expiry> EXPIRY_ORDER =
      Comparator.comparingLong(Expiry::seconds)
          .thenComparing(Expiry::key, Comparator.nullsFirst(KEY_ORDER));

  private volatile TableDef def;
  private final SortedStore items = new SortedStore();
  private volatile Map<String, IndexStore> indexes;
  private final AtomicLong itemCount = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final ConcurrentSkipListSet<Expiry> expiries = new ConcurrentSkipListSet<>(EXPIRY_ORDER);

  Table(TableDef def) {
    this.def = def;
    Map<String, IndexStore> stores = new LinkedHashMap<>();
    for (IndexDef index : def.indexes()) {
      stores.put(index.name(), new IndexStore(index, def.keys()));
    }
    this.indexes = Map.copyOf(stores);
  }

  public TableDef def() {
    return def;
  }

  void define(TableDef newDef) {
    this.def = newDef;
  }

  public String name() {
    return def.name();
  }

  public SortedStore items() {
    return items;
  }

  public Map<String, IndexStore> indexes() {
    return indexes;
  }

  void indexes(Map<String, IndexStore> newIndexes) {
    this.indexes = Map.copyOf(newIndexes);
  }

  public long itemCount() {
    return itemCount.get();
  }

  public long bytes() {
    return bytes.get();
  }

  public Row get(ItemKey key) {
    return items.get(key.hash(), key.rangeKey());
  }

  /**
   * Stores the item (or deletes it when {@code item} is null) under {@code key}, and keeps the
   * counters and the TTL schedule in step. The caller holds the item's lock and updates the
   * indexes; returns the row replaced.
   */
  Row store(ItemKey key, Map<String, Value> item) {
    Row row = item == null ? null : Row.of(item);
    Row old = items.put(key.hash(), key.rangeKey(), row);
    itemCount.addAndGet((row == null ? 0 : 1) - (old == null ? 0 : 1));
    bytes.addAndGet((row == null ? 0 : row.size()) - (old == null ? 0 : old.size()));
    String ttl = def.ttlAttribute();
    if (ttl != null) {
      long before = old == null ? -1 : expirySeconds(old.item(), ttl);
      long after = row == null ? -1 : expirySeconds(row.item(), ttl);
      if (before != after) {
        if (before >= 0) {
          expiries.remove(new Expiry(before, key));
        }
        if (after >= 0) {
          expiries.add(new Expiry(after, key));
        }
      }
    }
    return old;
  }

  /**
   * Schedules every item's TTL, after TTL is enabled on attribute {@code ttl} (or clears it when
   * null).
   */
  void scheduleAll(String ttl) {
    expiries.clear();
    if (ttl == null) {
      return;
    }
    for (SortedStore.Partition partition : items.scanFrom(null).values()) {
      for (Row row : partition.rows().values()) {
        long seconds = expirySeconds(row.item(), ttl);
        if (seconds >= 0) {
          expiries.add(new Expiry(seconds, ItemKey.of(def.keys(), row.item())));
        }
      }
    }
  }

  /** The items whose TTL is at or before {@code seconds}, earliest first. */
  Iterable<Expiry> expiredBy(long seconds) {
    return expiries.headSet(new Expiry(seconds + 1, null), false);
  }

  /**
   * An item's expiry in epoch seconds, or -1 when its TTL attribute is not a number (then it never
   * expires).
   */
  static long expirySeconds(Map<String, Value> item, String ttl) {
    if (item.get(ttl) instanceof Value.N n && n.value().signum() >= 0) {
      return n.value().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0
          ? Long.MAX_VALUE
          : n.value().longValue();
    }
    return -1;
  }
}
