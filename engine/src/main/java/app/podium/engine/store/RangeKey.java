package app.podium.engine.store;

import app.podium.engine.value.Order;
import app.podium.engine.value.Value;
import java.util.Arrays;

/**
 * The sort position of a row within a partition: the table's sort key, or for an index its sort key
 * then the table's key (index keys need not be unique). A bound has a tail: it sorts before (-1) or
 * after (+1) every key it is a prefix of, so that a range of rows is a sub-map.
 */
public final class RangeKey implements Comparable<RangeKey> {
  public static final RangeKey NONE = new RangeKey(new Value[0], 0);

  private final Value[] parts;
  private final int tail;

  private RangeKey(Value[] parts, int tail) {
    this.parts = parts;
    this.tail = tail;
  }

  public static RangeKey of(Value... parts) {
    return new RangeKey(parts, 0);
  }

  /** Sorts before every key that starts with {@code parts}. */
  public static RangeKey before(Value... parts) {
    return new RangeKey(parts, -1);
  }

  /** Sorts after every key that starts with {@code parts}. */
  public static RangeKey after(Value... parts) {
    return new RangeKey(parts, 1);
  }

  public Value part(int index) {
    return parts[index];
  }

  public int size() {
    return parts.length;
  }

  @Override
  public int compareTo(RangeKey other) {
    int common = Math.min(parts.length, other.parts.length);
    for (int i = 0; i < common; i++) {
      int order = Order.compare(parts[i], other.parts[i]);
      if (order != 0) {
        return order;
      }
    }
    if (parts.length == other.parts.length) {
      return Integer.compare(tail, other.tail);
    }
    if (parts.length < other.parts.length) {
      return tail != 0 ? tail : -1;
    }
    return other.tail != 0 ? -other.tail : 1;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RangeKey key && tail == key.tail && Arrays.equals(parts, key.parts);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(parts) * 31 + tail;
  }

  @Override
  public String toString() {
    return Arrays.toString(parts) + (tail == 0 ? "" : tail < 0 ? "-" : "+");
  }
}
