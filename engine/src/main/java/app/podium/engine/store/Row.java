package app.podium.engine.store;

import app.podium.engine.value.ItemSize;
import app.podium.engine.value.Value;
import java.util.Collections;
import java.util.Map;

/**
 * A stored item (of a table, or an index's projection of one) with its size, both fixed once
 * stored.
 */
public record Row(Map<String, Value> item, int size) {
  public static Row of(Map<String, Value> item) {
    return new Row(Collections.unmodifiableMap(item), ItemSize.of(item));
  }
}
