package app.podium.engine.store;

import app.podium.engine.value.Value;
import java.util.ArrayList;
import java.util.List;

/**
 * The key of a table or an index: a partition (hash) attribute and an optional sort (range)
 * attribute.
 */
public record KeySchema(String hash, Value.Type hashType, String range, Value.Type rangeType) {
  public boolean hasRange() {
    return range != null;
  }

  public List<String> names() {
    List<String> names = new ArrayList<>(2);
    names.add(hash);
    if (range != null) {
      names.add(range);
    }
    return names;
  }

  public boolean isKey(String attribute) {
    return attribute.equals(hash) || attribute.equals(range);
  }
}
