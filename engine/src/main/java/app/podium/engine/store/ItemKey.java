package app.podium.engine.store;

import app.podium.engine.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The primary key of one item of one table: its partition key value and its sort key value (or
 * null).
 */
public record ItemKey(Value hash, Value range) {
  public static ItemKey of(KeySchema keys, Map<String, Value> item) {
    return new ItemKey(item.get(keys.hash()), keys.hasRange() ? item.get(keys.range()) : null);
  }

  public RangeKey rangeKey() {
    return range == null ? RangeKey.NONE : RangeKey.of(range);
  }

  /** The key as an item (attribute name to value), as DynamoDB returns keys. */
  public Map<String, Value> toItem(KeySchema keys) {
    Map<String, Value> item = new LinkedHashMap<>();
    item.put(keys.hash(), hash);
    if (range != null) {
      item.put(keys.range(), range);
    }
    return item;
  }
}
