package app.podium.engine.contract;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What DynamoDB keeps, as plainly as it can be said: per table, a map sorted by key (partition,
 * then sort key) of items. An item here has the keys {@code pk} (S) and {@code sk} (N), and at most
 * three more attributes: {@code n} a number, {@code t} a string and {@code s} a string set. No
 * expressions, no wire: the operations of {@link EngineModelPropertyTest} say what they do to it in
 * Java.
 */
final class ReferenceModel {
  /** A key of both tables: partition key {@code pk}, sort key {@code sk}. */
  record Key(String pk, int sk) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byPartition = pk.compareTo(other.pk);
      return byPartition != 0 ? byPartition : Integer.compare(sk, other.sk);
    }

    @Override
    public String toString() {
      return pk + "/" + sk;
    }
  }

  /** An item's attributes besides its key; null where the item has none. */
  record Item(BigDecimal n, String t, Set<String> s) {
    static final Item EMPTY = new Item(null, null, null);

    Item {
      s = s == null || s.isEmpty() ? null : Set.copyOf(new TreeSet<>(s));
    }

    Item withN(BigDecimal value) {
      return new Item(value, t, s);
    }

    Item withT(String value) {
      return new Item(n, value, s);
    }

    Item withS(Set<String> value) {
      return new Item(n, t, value);
    }

    /**
     * Comparable with what the engine answers: every attribute as text, sets sorted, numbers in
     * normal form.
     */
    Map<String, String> view(Key key) {
      Map<String, String> view = new TreeMap<>();
      view.put("pk", key.pk());
      view.put("sk", Integer.toString(key.sk()));
      if (n != null) {
        view.put("n", normal(n));
      }
      if (t != null) {
        view.put("t", t);
      }
      if (s != null) {
        view.put("s", new TreeSet<>(s).toString());
      }
      return view;
    }

    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      if (n != null) {
        parts.add("n=" + normal(n));
      }
      if (t != null) {
        parts.add("t=" + t);
      }
      if (s != null) {
        parts.add("s=" + new TreeSet<>(s));
      }
      return "{" + String.join(", ", parts) + "}";
    }
  }

  static String normal(BigDecimal number) {
    return number.signum() == 0 ? "0" : number.stripTrailingZeros().toPlainString();
  }

  private final List<NavigableMap<Key, Item>> tables = new ArrayList<>();

  ReferenceModel(int tableCount) {
    for (int i = 0; i < tableCount; i++) {
      tables.add(new TreeMap<>());
    }
  }

  NavigableMap<Key, Item> table(int table) {
    return tables.get(table);
  }

  Item get(int table, Key key) {
    return tables.get(table).get(key);
  }

  void put(int table, Key key, Item item) {
    tables.get(table).put(key, item);
  }

  Item delete(int table, Key key) {
    return tables.get(table).remove(key);
  }

  /** Every item of a table as the engine would show it, in key order. */
  List<Map<String, String>> contents(int table) {
    List<Map<String, String>> out = new ArrayList<>();
    tables.get(table).forEach((key, item) -> out.add(item.view(key)));
    return out;
  }

  /**
   * The items of one partition with a sort key above {@code above}, in sort key order or reversed.
   */
  List<Map.Entry<Key, Item>> partition(int table, String pk, int above, boolean forward) {
    NavigableMap<Key, Item> range =
        tables.get(table).subMap(new Key(pk, above), false, new Key(pk, Integer.MAX_VALUE), true);
    return new ArrayList<>((forward ? range : range.descendingMap()).entrySet());
  }
}
