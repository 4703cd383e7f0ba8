package app.podium.local.support;

import app.podium.Tables;
import app.podium.local.LocalStack;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Everything a stack has stored: every item of every table (but those left out), each written as
 * one canonical line, so two states compare equal exactly when no item was added, removed or
 * changed. A test's view of "this request wrote nothing" that does not trust the code under test to
 * say what it wrote.
 */
public final class StoredState {
  private final Map<String, Set<String>> items;

  private StoredState(Map<String, Set<String>> items) {
    this.items = items;
  }

  /** A consistent scan of every table in {@link Tables#ALL} except {@code leftOut}. */
  public static StoredState of(LocalStack stack, Set<Tables.Table> leftOut) {
    String prefix = stack.backend().settings().tablePrefix();
    Map<String, Set<String>> items = new TreeMap<>();
    for (Tables.Table table : Tables.ALL) {
      if (leftOut.contains(table)) {
        continue;
      }
      Set<String> lines = new TreeSet<>();
      stack
          .dynamoDbClient()
          .scanPaginator(r -> r.tableName(table.physicalName(prefix)).consistentRead(true))
          .items()
          .forEach(item -> lines.add(canonical(item)));
      items.put(table.name(), lines);
    }
    return new StoredState(items);
  }

  /**
   * The tables (by {@link Tables.Table#name()}) whose items differ between this state and {@code
   * later}.
   */
  public Set<String> tablesChangedIn(StoredState later) {
    Set<String> changed = new TreeSet<>();
    items.forEach(
        (table, lines) -> {
          if (!lines.equals(later.items.get(table))) {
            changed.add(table);
          }
        });
    return changed;
  }

  /**
   * What changed, table by table: items that appeared (+) and disappeared (-), the first few of
   * each.
   */
  public String diff(StoredState later, int perTable) {
    StringBuilder out = new StringBuilder();
    for (String table : tablesChangedIn(later)) {
      Set<String> added = new TreeSet<>(later.items.get(table));
      added.removeAll(items.get(table));
      Set<String> removed = new TreeSet<>(items.get(table));
      removed.removeAll(later.items.get(table));
      out.append(table)
          .append(": +")
          .append(added.size())
          .append(" -")
          .append(removed.size())
          .append('\n');
      added.stream()
          .limit(perTable)
          .forEach(line -> out.append("  + ").append(abbreviate(line)).append('\n'));
      removed.stream()
          .limit(perTable)
          .forEach(line -> out.append("  - ").append(abbreviate(line)).append('\n'));
    }
    return out.toString();
  }

  public int itemCount() {
    return items.values().stream().mapToInt(Set::size).sum();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof StoredState state && state.items.equals(items);
  }

  @Override
  public int hashCode() {
    return items.hashCode();
  }

  private static String canonical(Map<String, AttributeValue> item) {
    return canonicalMap(item);
  }

  private static String canonicalMap(Map<String, AttributeValue> map) {
    StringBuilder out = new StringBuilder("{");
    new TreeMap<>(map)
        .forEach(
            (name, value) -> out.append(name).append('=').append(canonical(value)).append(';'));
    return out.append('}').toString();
  }

  private static String canonical(AttributeValue value) {
    if (value.s() != null) {
      return "S:" + value.s();
    }
    if (value.n() != null) {
      return "N:" + value.n();
    }
    if (value.bool() != null) {
      return "B:" + value.bool();
    }
    if (Boolean.TRUE.equals(value.nul())) {
      return "NULL";
    }
    if (value.b() != null) {
      return "BIN:" + value.b().asByteBuffer().hashCode();
    }
    if (value.hasSs()) {
      return "SS:" + new TreeSet<>(value.ss());
    }
    if (value.hasNs()) {
      return "NS:" + new TreeSet<>(value.ns());
    }
    if (value.hasL()) {
      List<String> list = new ArrayList<>();
      value.l().forEach(element -> list.add(canonical(element)));
      return "L:" + list;
    }
    if (value.hasM()) {
      return "M:" + canonicalMap(new LinkedHashMap<>(value.m()));
    }
    return value.toString();
  }

  private static String abbreviate(String line) {
    return line.length() > 400 ? line.substring(0, 400) + "..." : line;
  }
}
