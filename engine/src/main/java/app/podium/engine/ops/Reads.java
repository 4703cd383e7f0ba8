package app.podium.engine.ops;

import app.podium.engine.expr.Condition;
import app.podium.engine.expr.Evaluator;
import app.podium.engine.expr.Operand;
import app.podium.engine.expr.Path;
import app.podium.engine.store.Capacity;
import app.podium.engine.store.IndexDef;
import app.podium.engine.store.IndexStore;
import app.podium.engine.store.KeySchema;
import app.podium.engine.store.Row;
import app.podium.engine.store.Table;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What Query and Scan share: which attributes come back (Select, projection, an index's
 * projection), the filter, and the page: Limit counted before the filter, at most 1 MB read,
 * LastEvaluatedKey where it stopped.
 */
final class Reads {
  static final long MAX_PAGE_BYTES = 1024 * 1024;

  /** Where a read looks: a table, or one of its indexes. */
  record Source(Table table, IndexStore index) {
    KeySchema keys() {
      return index == null ? table.def().keys() : index.def().keys();
    }

    boolean global() {
      return index != null && index.def().global();
    }

    /**
     * The attributes of a row's LastEvaluatedKey: the table's key, and the index's when reading an
     * index.
     */
    Map<String, Value> lastKey(Map<String, Value> item) {
      Map<String, Value> key = new LinkedHashMap<>();
      List<String> names = new ArrayList<>(table.def().keys().names());
      if (index != null) {
        names.addAll(index.def().keys().names());
      }
      for (String name : names) {
        key.put(name, item.get(name));
      }
      return key;
    }

    Set<String> keyNames() {
      Set<String> names = new HashSet<>(table.def().keys().names());
      if (index != null) {
        names.addAll(index.def().keys().names());
      }
      return names;
    }
  }

  /** A page read: its items, counts, where it stopped, and what it read per partition key. */
  static final class Page {
    final List<Map<String, Value>> items = new ArrayList<>();
    int count;
    int scanned;
    Map<String, Value> lastKey;
    final Map<Value, Long> bytesByPartition = new LinkedHashMap<>();

    /**
     * Units read from the table to complete a local index's rows, item by item (charged to the
     * table).
     */
    double fetchedUnits;
  }

  private Reads() {}

  static Source source(Table table, JsonNode request) {
    String indexName = Requests.string(request, "IndexName");
    if (indexName == null) {
      return new Source(table, null);
    }
    IndexStore index = table.indexes().get(indexName);
    if (index == null) {
      throw DynamoError.validation("The table does not have the specified index: " + indexName);
    }
    if (index.def().global() && Requests.bool(request, "ConsistentRead")) {
      throw DynamoError.validation(
          "Consistent reads are not supported on global secondary indexes");
    }
    return new Source(table, index);
  }

  /** Select, checked against the projection and the index; returns the effective Select. */
  static String select(JsonNode request, Source source, List<Path> projection) {
    String select = Requests.string(request, "Select");
    List<String> allowed =
        List.of("ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES", "SPECIFIC_ATTRIBUTES", "COUNT");
    if (select != null && !allowed.contains(select)) {
      throw Requests.notInEnum(select, "select", allowed);
    }
    if (select == null) {
      select =
          projection != null
              ? "SPECIFIC_ATTRIBUTES"
              : source.index() == null ? "ALL_ATTRIBUTES" : "ALL_PROJECTED_ATTRIBUTES";
    }
    switch (select) {
      case "SPECIFIC_ATTRIBUTES" -> {
        if (projection == null) {
          throw DynamoError.validation(
              "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
                  + "SPECIFIC_ATTRIBUTES");
        }
      }
      case "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES" -> {
        if (projection != null) {
          throw DynamoError.validation(
              "Cannot specify the "
                  + (request.has("ProjectionExpression")
                      ? "ProjectionExpression"
                      : "AttributesToGet")
                  + " when choosing to get "
                  + (select.equals("COUNT") ? "only the Count" : select));
        }
        if (select.equals("ALL_PROJECTED_ATTRIBUTES") && source.index() == null) {
          throw DynamoError.validation(
              "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName");
        }
      }
      default -> {}
    }
    if (source.global()) {
      IndexDef index = source.index().def();
      if (select.equals("ALL_ATTRIBUTES") && index.projection() != IndexDef.ProjectionType.ALL) {
        throw DynamoError.invalid(
            "Select type ALL_ATTRIBUTES is not supported for global secondary index "
                + index.name()
                + " because its projection type is not ALL");
      }
      if (projection != null && index.projection() != IndexDef.ProjectionType.ALL) {
        List<String> missing =
            projection.stream()
                .map(Path::attribute)
                .distinct()
                .filter(name -> !projects(source, name))
                .toList();
        if (!missing.isEmpty()) {
          throw DynamoError.invalid(
              "Global secondary index " + index.name() + " does not project " + missing);
        }
      }
    }
    return select;
  }

  private static boolean projects(Source source, String attribute) {
    IndexDef index = source.index().def();
    return index.projection() == IndexDef.ProjectionType.ALL
        || source.keyNames().contains(attribute)
        || index.nonKeyAttributes().contains(attribute);
  }

  static Integer limit(JsonNode request) {
    Integer limit = Requests.integer(request, "Limit");
    if (limit != null && limit < 1) {
      throw DynamoError.validation("Limit must be greater than or equal to 1");
    }
    return limit;
  }

  /** Every top-level attribute a condition reads. */
  static Set<String> attributes(Condition condition) {
    Set<String> names = new HashSet<>();
    collect(condition, names);
    return names;
  }

  private static void collect(Condition condition, Set<String> names) {
    switch (condition) {
      case Condition.And and -> {
        collect(and.left(), names);
        collect(and.right(), names);
      }
      case Condition.Or or -> {
        collect(or.left(), names);
        collect(or.right(), names);
      }
      case Condition.Not not -> collect(not.condition(), names);
      case Condition.Exists exists -> names.add(exists.path().attribute());
      case Condition.TypeIs typeIs -> names.add(typeIs.path().attribute());
      case Condition.Compare compare -> {
        collect(compare.left(), names);
        collect(compare.right(), names);
      }
      case Condition.Between between ->
          List.of(between.value(), between.low(), between.high()).forEach(o -> collect(o, names));
      case Condition.In in -> {
        collect(in.value(), names);
        in.candidates().forEach(o -> collect(o, names));
      }
      case Condition.BeginsWith beginsWith -> {
        collect(beginsWith.value(), names);
        collect(beginsWith.prefix(), names);
      }
      case Condition.Contains contains -> {
        collect(contains.container(), names);
        collect(contains.element(), names);
      }
    }
  }

  private static void collect(Operand operand, Set<String> names) {
    if (operand instanceof Operand.PathRef ref) {
      names.add(ref.path().attribute());
    } else if (operand instanceof Operand.Size size) {
      collect(size.of(), names);
    }
  }

  /**
   * Reads rows in order into a page: each row counts toward Limit and the 1 MB before the filter
   * decides whether it is returned. {@code partitionOf} names the partition key value a row was
   * read under.
   */
  static Page read(
      Iterator<Row> rows,
      Source source,
      Integer limit,
      Condition filter,
      String select,
      List<Path> projection,
      boolean consistent) {
    Page page = new Page();
    long bytes = 0;
    String hashName = source.keys().hash();
    while (rows.hasNext()) {
      Row row = rows.next();
      page.scanned++;
      bytes += row.size();
      page.bytesByPartition.merge(row.item().get(hashName), (long) row.size(), Long::sum);
      Map<String, Value> item = row.item();
      if (filter == null || Evaluator.test(filter, item)) {
        page.count++;
        if (!select.equals("COUNT")) {
          Map<String, Value> full = item;
          if (needsTable(source, select, projection)) {
            Row tableRow =
                source
                    .table()
                    .get(app.podium.engine.store.ItemKey.of(source.table().def().keys(), item));
            full = tableRow == null ? item : tableRow.item();
            page.fetchedUnits +=
                tableRow == null ? 0 : Capacity.readUnits(tableRow.size(), consistent);
          }
          page.items.add(projection == null ? full : Evaluator.project(projection, full));
        }
      }
      if ((limit != null && page.scanned >= limit) || (bytes >= MAX_PAGE_BYTES && rows.hasNext())) {
        page.lastKey = source.lastKey(item);
        break;
      }
    }
    return page;
  }

  /**
   * A local index whose projection lacks what was asked reads the rest from the table, as DynamoDB
   * does.
   */
  private static boolean needsTable(Source source, String select, List<Path> projection) {
    if (source.index() == null
        || source.index().def().global()
        || source.index().def().projection() == IndexDef.ProjectionType.ALL) {
      return false;
    }
    if (select.equals("ALL_ATTRIBUTES")) {
      return true;
    }
    return projection != null
        && projection.stream().anyMatch(path -> !projects(source, path.attribute()));
  }

  /** The page as Query and Scan answer it. */
  static Map<String, Object> answer(Page page, String select, Consumed consumed) {
    Map<String, Object> response = new LinkedHashMap<>();
    if (!select.equals("COUNT")) {
      response.put("Items", page.items);
    }
    response.put("Count", page.count);
    response.put("ScannedCount", page.scanned);
    if (page.lastKey != null) {
      response.put("LastEvaluatedKey", page.lastKey);
    }
    ItemOps.putIfPresent(response, "ConsumedCapacity", consumed.single());
    return response;
  }
}
