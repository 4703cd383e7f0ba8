package app.podium.engine.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Capacity a request consumed, per table and per index, reported as ReturnConsumedCapacity asks:
 * NONE, TOTAL (per table) or INDEXES (per table, split into the table and each index).
 */
final class Consumed {
  private static final class PerTable {
    double table;
    final Map<String, Double> global = new LinkedHashMap<>();
    final Map<String, Double> local = new LinkedHashMap<>();

    double total() {
      return table
          + global.values().stream().mapToDouble(Double::doubleValue).sum()
          + local.values().stream().mapToDouble(Double::doubleValue).sum();
    }
  }

  private final String mode;
  private final Map<String, PerTable> tables = new LinkedHashMap<>();

  Consumed(String mode) {
    this.mode = mode == null ? "NONE" : mode;
  }

  /** The same units, reported as {@code otherMode} asks. */
  Consumed as(String otherMode) {
    Consumed copy = new Consumed(otherMode);
    copy.tables.putAll(tables);
    return copy;
  }

  boolean wanted() {
    return mode.equals("TOTAL") || mode.equals("INDEXES");
  }

  void table(String table, double units) {
    tables.computeIfAbsent(table, t -> new PerTable()).table += units;
  }

  void index(String table, String index, boolean global, double units) {
    PerTable perTable = tables.computeIfAbsent(table, t -> new PerTable());
    (global ? perTable.global : perTable.local).merge(index, units, Double::sum);
  }

  /** The ConsumedCapacity of a single-table answer, or null when not asked for. */
  Map<String, Object> single() {
    if (!wanted() || tables.isEmpty()) {
      return null;
    }
    Map.Entry<String, PerTable> only = tables.entrySet().iterator().next();
    return describe(only.getKey(), only.getValue());
  }

  /** The ConsumedCapacity list of a batch or transaction answer, or null when not asked for. */
  List<Map<String, Object>> all() {
    if (!wanted()) {
      return null;
    }
    return tables.entrySet().stream().map(e -> describe(e.getKey(), e.getValue())).toList();
  }

  private Map<String, Object> describe(String table, PerTable units) {
    Map<String, Object> capacity = new LinkedHashMap<>();
    capacity.put("TableName", table);
    capacity.put("CapacityUnits", units.total());
    if (mode.equals("INDEXES")) {
      capacity.put("Table", Map.of("CapacityUnits", units.table));
      if (!units.global.isEmpty()) {
        capacity.put("GlobalSecondaryIndexes", unitsByIndex(units.global));
      }
      if (!units.local.isEmpty()) {
        capacity.put("LocalSecondaryIndexes", unitsByIndex(units.local));
      }
    }
    return capacity;
  }

  private static Map<String, Object> unitsByIndex(Map<String, Double> byIndex) {
    Map<String, Object> described = new LinkedHashMap<>();
    byIndex.forEach((index, units) -> described.put(index, Map.of("CapacityUnits", units)));
    return described;
  }
}
