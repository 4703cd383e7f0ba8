package app.podium.engine.store;

import app.podium.engine.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The rows of one secondary index: each item that has the index's key attributes, projected, under
 * the index's partition key and sorted by the index's sort key then the table's key. It remembers
 * where each item's row is, so that an item's new state replaces its old row whatever changed.
 */
public final class IndexStore {
  private record Location(Value hash, RangeKey range) {}

  private final IndexDef def;
  private final KeySchema tableKeys;
  private final SortedStore rows = new SortedStore();
  private final ConcurrentHashMap<ItemKey, Location> locations = new ConcurrentHashMap<>();

  public IndexStore(IndexDef def, KeySchema tableKeys) {
    this.def = def;
    this.tableKeys = tableKeys;
  }

  /** Rows and bytes in the index, as DescribeTable reports them. */
  public long[] counts() {
    long count = 0;
    long bytes = 0;
    for (SortedStore.Partition partition : rows.scanFrom(null).values()) {
      for (Row row : partition.rows().values()) {
        count++;
        bytes += row.size();
      }
    }
    return new long[] {count, bytes};
  }

  public IndexDef def() {
    return def;
  }

  public SortedStore rows() {
    return rows;
  }

  /** Whether {@code item} has this index's key attributes, and so a row in it. */
  public boolean covers(Map<String, Value> item) {
    return item != null
        && item.containsKey(def.keys().hash())
        && (!def.keys().hasRange() || item.containsKey(def.keys().range()));
  }

  /** The index row's sort position for {@code item}: index sort key, then table key. */
  public RangeKey rangeKey(Map<String, Value> item) {
    Value tableHash = item.get(tableKeys.hash());
    Value tableRange = tableKeys.hasRange() ? item.get(tableKeys.range()) : null;
    if (def.keys().hasRange()) {
      Value indexRange = item.get(def.keys().range());
      return tableRange == null
          ? RangeKey.of(indexRange, tableHash)
          : RangeKey.of(indexRange, tableHash, tableRange);
    }
    return tableRange == null ? RangeKey.of(tableHash) : RangeKey.of(tableHash, tableRange);
  }

  /** The attributes of {@code item} that this index holds. */
  public Map<String, Value> project(Map<String, Value> item) {
    if (def.projection() == IndexDef.ProjectionType.ALL) {
      return item;
    }
    Map<String, Value> projected = new LinkedHashMap<>();
    for (String key : tableKeys.names()) {
      projected.put(key, item.get(key));
    }
    for (String key : def.keys().names()) {
      projected.put(key, item.get(key));
    }
    for (String attribute : def.nonKeyAttributes()) {
      Value value = item.get(attribute);
      if (value != null) {
        projected.put(attribute, value);
      }
    }
    return projected;
  }

  /**
   * Sets the index's row for the item at {@code key} to match {@code item} (null: the item is
   * gone).
   */
  public void update(ItemKey key, Map<String, Value> item) {
    Location old = locations.get(key);
    if (covers(item)) {
      Location now = new Location(item.get(def.keys().hash()), rangeKey(item));
      if (old != null && !old.equals(now)) {
        rows.put(old.hash(), old.range(), null);
      }
      rows.put(now.hash(), now.range(), Row.of(project(item)));
      locations.put(key, now);
    } else if (old != null) {
      rows.put(old.hash(), old.range(), null);
      locations.remove(key);
    }
  }

  /**
   * Write units an item change costs this index: a row written, removed, or both when its key
   * moved.
   */
  public int writeUnits(Map<String, Value> before, Map<String, Value> after) {
    boolean was = covers(before);
    boolean is = covers(after);
    if (!was && !is) {
      return 0;
    }
    if (was && is) {
      boolean moved =
          !before.get(def.keys().hash()).equals(after.get(def.keys().hash()))
              || (def.keys().hasRange()
                  && !before.get(def.keys().range()).equals(after.get(def.keys().range())));
      if (!moved && project(before).equals(project(after))) {
        return 0;
      }
      return moved
          ? Capacity.writeUnits(Row.of(project(before)).size())
              + Capacity.writeUnits(Row.of(project(after)).size())
          : Capacity.writeUnits(Row.of(project(after)).size());
    }
    return Capacity.writeUnits(Row.of(project(was ? before : after)).size());
  }
}
