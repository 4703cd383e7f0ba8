package app.podium.engine.ops;

import app.podium.engine.expr.Condition;
import app.podium.engine.expr.Operand;
import app.podium.engine.expr.Parser;
import app.podium.engine.expr.Path;
import app.podium.engine.expr.Placeholders;
import app.podium.engine.limits.Charge;
import app.podium.engine.store.Capacity;
import app.podium.engine.store.KeySchema;
import app.podium.engine.store.RangeKey;
import app.podium.engine.store.Row;
import app.podium.engine.store.ScanKey;
import app.podium.engine.store.SortedStore;
import app.podium.engine.store.Table;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Order;
import app.podium.engine.value.Value;
import app.podium.engine.value.ValueJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Query (one partition, a sort key range, either direction) and Scan (every partition, or one
 * segment of them).
 */
final class QueryScan {
  /**
   * A key condition: the partition key's value and the bounds of the sort key (null: unbounded).
   */
  record KeyRange(Value hash, RangeKey low, RangeKey high) {}

  private final Context context;

  QueryScan(Context context) {
    this.context = context;
  }

  Map<String, Object> query(JsonNode request) {
    Table table = context.database().table(Requests.tableName(request));
    Reads.Source source = Reads.source(table, request);
    Expressions.requireOneStyle(
        request,
        List.of("KeyConditions", "QueryFilter", "AttributesToGet"),
        List.of("KeyConditionExpression", "FilterExpression", "ProjectionExpression"));
    Placeholders placeholders = Expressions.placeholders(request);
    Condition keyCondition =
        Expressions.condition(
            request, "KeyConditionExpression", Parser.Kind.KEY_CONDITION, placeholders);
    if (keyCondition == null) {
      keyCondition = Legacy.conditions(Requests.field(request, "KeyConditions"), "AND");
    }
    if (keyCondition == null) {
      throw DynamoError.validation(
          "Either the KeyConditions or KeyConditionExpression parameter must be specified in "
              + "the request.");
    }
    Condition filter = filter(request, placeholders, "QueryFilter");
    List<Path> projection = Expressions.projection(request, placeholders);
    placeholders.requireAllUsed(true);
    KeyRange range = keyRange(keyCondition, source.keys());
    if (filter != null) {
      for (String attribute : Reads.attributes(filter)) {
        if (source.keys().isKey(attribute)) {
          throw DynamoError.validation(
              "Filter Expression can only contain non-primary key attributes: Primary key "
                  + "attribute: "
                  + attribute);
        }
      }
    }
    String select = Reads.select(request, source, projection);
    Integer limit = Reads.limit(request);
    boolean forward =
        !request.has("ScanIndexForward") || Requests.bool(request, "ScanIndexForward");
    boolean consistent = Requests.bool(request, "ConsistentRead");

    SortedStore store = source.index() == null ? table.items() : source.index().rows();
    NavigableMap<RangeKey, Row> rows = store.partition(range.hash());
    if (range.low() != null && range.high() != null) {
      rows =
          range.low().compareTo(range.high()) > 0
              ? Collections.emptyNavigableMap()
              : rows.subMap(range.low(), true, range.high(), true);
    } else if (range.low() != null) {
      rows = rows.tailMap(range.low(), true);
    } else if (range.high() != null) {
      rows = rows.headMap(range.high(), true);
    }
    Map<String, Value> start = startKey(request, source);
    if (start != null) {
      if (!start.get(source.keys().hash()).equals(range.hash())) {
        throw DynamoError.validation(
            "The provided starting key does not match the range key predicate");
      }
      RangeKey after =
          source.index() == null
              ? app.podium.engine.store.ItemKey.of(table.def().keys(), start).rangeKey()
              : source.index().rangeKey(start);
      if ((range.low() != null && after.compareTo(range.low()) < 0)
          || (range.high() != null && after.compareTo(range.high()) > 0)) {
        throw DynamoError.validation(
            "The provided starting key does not match the range key predicate");
      }
      rows = forward ? rows.tailMap(after, false) : rows.headMap(after, false);
    }
    Iterator<Row> ordered = (forward ? rows : rows.descendingMap()).values().iterator();
    Reads.Page page = Reads.read(ordered, source, limit, filter, select, projection, consistent);
    Consumed consumed = ItemOps.consumed(request);
    charge(source, page, consistent, consumed);
    return Reads.answer(page, select, consumed);
  }

  Map<String, Object> scan(JsonNode request) {
    Table table = context.database().table(Requests.tableName(request));
    Reads.Source source = Reads.source(table, request);
    Expressions.requireOneStyle(
        request,
        List.of("ScanFilter", "AttributesToGet"),
        List.of("FilterExpression", "ProjectionExpression"));
    Placeholders placeholders = Expressions.placeholders(request);
    Condition filter = filter(request, placeholders, "ScanFilter");
    List<Path> projection = Expressions.projection(request, placeholders);
    placeholders.requireAllUsed(true);
    String select = Reads.select(request, source, projection);
    Integer limit = Reads.limit(request);
    Integer segment = Requests.integer(request, "Segment");
    Integer total = Requests.integer(request, "TotalSegments");
    if (segment != null && total == null) {
      throw DynamoError.validation("If segment is specified, total segment must also be specified");
    }
    if (total != null && segment == null) {
      throw DynamoError.validation("If total segment is specified, segment must also be specified");
    }
    if (total != null && (total < 1 || total > 1_000_000)) {
      throw DynamoError.validation(
          "1 validation error detected: Value '"
              + total
              + "' at 'totalSegments' failed to "
              + "satisfy constraint: Member must have value "
              + (total < 1 ? "greater than or equal to 1" : "less than or equal to 1000000"));
    }
    if (segment != null && (segment < 0 || segment >= total)) {
      throw DynamoError.validation(
          "1 validation error detected: Value '"
              + segment
              + "' at 'segment' failed to "
              + "satisfy constraint: Member must have value "
              + (segment < 0
                  ? "greater than or equal to 0"
                  : "less than or equal to " + (total - 1)));
    }
    boolean consistent = Requests.bool(request, "ConsistentRead");
    SortedStore store = source.index() == null ? table.items() : source.index().rows();
    long from = segment == null ? 0 : ScanKey.segmentStart(segment, total);
    long until =
        segment == null || segment == total - 1
            ? Long.MAX_VALUE
            : ScanKey.segmentStart(segment + 1, total);
    Map<String, Value> start = startKey(request, source);
    Iterator<Row> rows = new ScanIterator(store, source, from, until, start);
    Reads.Page page = Reads.read(rows, source, limit, filter, select, projection, consistent);
    Consumed consumed = ItemOps.consumed(request);
    charge(source, page, consistent, consumed);
    return Reads.answer(page, select, consumed);
  }

  /**
   * FilterExpression, or the older {@code legacyField} (QueryFilter, ScanFilter); null when there
   * is neither.
   */
  private static Condition filter(JsonNode request, Placeholders placeholders, String legacyField) {
    Condition filter =
        Expressions.condition(request, "FilterExpression", Parser.Kind.FILTER, placeholders);
    return filter != null
        ? filter
        : Legacy.conditions(
            Requests.field(request, legacyField), Requests.string(request, "ConditionalOperator"));
  }

  /**
   * Rows of every partition in scan order within [from, until) of the hash space, after a start key
   * if any.
   */
  private static final class ScanIterator implements Iterator<Row> {
    private final Iterator<SortedStore.Partition> partitions;
    private final long until;
    private Iterator<Row> current;
    private Row next;

    ScanIterator(
        SortedStore store, Reads.Source source, long from, long until, Map<String, Value> start) {
      this.until = until;
      if (start == null) {
        partitions = store.scanFrom(ScanKey.atHash(from)).values().iterator();
        current = Collections.emptyIterator();
      } else {
        Value hash = start.get(source.keys().hash());
        ScanKey position = ScanKey.of(hash);
        partitions = store.scanFrom(position).tailMap(position, false).values().iterator();
        RangeKey after =
            source.index() == null
                ? app.podium.engine.store.ItemKey.of(source.table().def().keys(), start).rangeKey()
                : source.index().rangeKey(start);
        current = store.partition(hash).tailMap(after, false).values().iterator();
      }
    }

    @Override
    public boolean hasNext() {
      while (next == null) {
        if (current.hasNext()) {
          next = current.next();
        } else if (partitions.hasNext()) {
          SortedStore.Partition partition = partitions.next();
          if (ScanKey.of(partition.key()).hash() >= until) {
            return false;
          }
          current = partition.rows().values().iterator();
        } else {
          return false;
        }
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      Row row = next;
      next = null;
      return row;
    }
  }

  /**
   * Prices a page (read units per 4 KB read in each partition, half when eventually consistent) and
   * admits it.
   */
  private void charge(Reads.Source source, Reads.Page page, boolean consistent, Consumed consumed) {
    List<Charge> charges = new ArrayList<>();
    String index = source.index() == null ? null : source.index().def().name();
    double total = 0;
    for (Map.Entry<Value, Long> read : page.bytesByPartition.entrySet()) {
      double units = Capacity.readUnits(read.getValue(), consistent);
      charges.add(Charge.read(source.table().name(), index, read.getKey(), units));
    }
    long allBytes = page.bytesByPartition.values().stream().mapToLong(Long::longValue).sum();
    total = Capacity.readUnits(allBytes, consistent);
    if (!context.throughput().admit(charges)) {
      throw Writer.throttled();
    }
    if (index == null) {
      consumed.table(source.table().name(), total);
    } else {
      consumed.table(source.table().name(), page.fetchedUnits);
      consumed.index(source.table().name(), index, source.index().def().global(), total);
    }
  }

  /** ExclusiveStartKey, which must name exactly the key attributes of what is read. */
  private static Map<String, Value> startKey(JsonNode request, Reads.Source source) {
    Map<String, Value> start = ValueJson.item(Requests.field(request, "ExclusiveStartKey"));
    if (start == null) {
      return null;
    }
    Set<String> names = source.keyNames();
    if (start.size() != names.size() || !start.keySet().containsAll(names)) {
      throw DynamoError.validation("Exclusive Start Key must have same size as table's key schema");
    }
    for (KeySchema keys :
        source.index() == null
            ? List.of(source.table().def().keys())
            : List.of(source.table().def().keys(), source.index().def().keys())) {
      if (start.get(keys.hash()).type() != keys.hashType()
          || (keys.hasRange() && start.get(keys.range()).type() != keys.rangeType())) {
        throw DynamoError.validation(
            "The provided starting key is invalid: The provided key element does not match "
                + "the schema");
      }
    }
    return start;
  }

  /**
   * Checks a key condition against the key schema and turns it into the partition and sort key
   * bounds.
   */
  static KeyRange keyRange(Condition condition, KeySchema keys) {
    List<Condition> terms = new ArrayList<>();
    flatten(condition, terms);
    Value hash = null;
    RangeKey low = null;
    RangeKey high = null;
    boolean rangeSeen = false;
    for (Condition term : terms) {
      String attribute;
      Value value;
      switch (term) {
        case Condition.Compare compare -> {
          if (compare.comparator() == Condition.Comparator.NE) {
            throw DynamoError.validation("Invalid operator used in KeyConditionExpression: <>");
          }
          boolean pathFirst = compare.left() instanceof Operand.PathRef;
          Condition.Comparator comparator =
              pathFirst ? compare.comparator() : compare.comparator().flipped();
          attribute = attribute(pathFirst ? compare.left() : compare.right());
          value = literal(pathFirst ? compare.right() : compare.left());
          if (attribute.equals(keys.hash())) {
            if (hash != null) {
              throw DynamoError.validation(
                  "KeyConditionExpressions must only contain one condition per key");
            }
            if (comparator != Condition.Comparator.EQ) {
              throw DynamoError.validation("Query key condition not supported");
            }
            checkType(value, keys.hashType());
            hash = value;
            continue;
          }
          requireRange(attribute, keys, rangeSeen);
          checkType(value, keys.rangeType());
          switch (comparator) {
            case EQ -> {
              low = RangeKey.before(value);
              high = RangeKey.after(value);
            }
            case LT -> high = RangeKey.before(value);
            case LE -> high = RangeKey.after(value);
            case GT -> low = RangeKey.after(value);
            default -> low = RangeKey.before(value);
          }
        }
        case Condition.Between between -> {
          attribute = attribute(between.value());
          requireRange(attribute, keys, rangeSeen);
          Value from = literal(between.low());
          Value to = literal(between.high());
          checkType(from, keys.rangeType());
          checkType(to, keys.rangeType());
          low = RangeKey.before(from);
          high = RangeKey.after(to);
        }
        case Condition.BeginsWith beginsWith -> {
          attribute = attribute(beginsWith.value());
          requireRange(attribute, keys, rangeSeen);
          Value prefix = literal(beginsWith.prefix());
          if (keys.rangeType() == Value.Type.N) {
            throw DynamoError.validation(
                "Invalid KeyConditionExpression: Incorrect operand type for operator or "
                    + "function; operator or function: begins_with, operand type: N");
          }
          checkType(prefix, keys.rangeType());
          low = RangeKey.before(prefix);
          Value end = Order.prefixEnd(prefix);
          high = end == null ? null : RangeKey.before(end);
        }
        case Condition.Or ignored ->
            throw DynamoError.validation("Invalid operator used in KeyConditionExpression: OR");
        case Condition.Not ignored ->
            throw DynamoError.validation("Invalid operator used in KeyConditionExpression: NOT");
        case Condition.In ignored ->
            throw DynamoError.validation("Invalid operator used in KeyConditionExpression: IN");
        case Condition.Exists exists ->
            throw DynamoError.validation(
                "Invalid operator used in KeyConditionExpression: "
                    + (exists.exists() ? "attribute_exists" : "attribute_not_exists"));
        case Condition.TypeIs ignored ->
            throw DynamoError.validation(
                "Invalid operator used in KeyConditionExpression: attribute_type");
        case Condition.Contains ignored ->
            throw DynamoError.validation(
                "Invalid operator used in KeyConditionExpression: contains");
        case Condition.And ignored -> throw new IllegalStateException("flattened");
      }
      rangeSeen = true;
    }
    if (hash == null) {
      throw DynamoError.validation("Query condition missed key schema element");
    }
    return new KeyRange(hash, low, high);
  }

  private static void flatten(Condition condition, List<Condition> terms) {
    if (condition instanceof Condition.And and) {
      flatten(and.left(), terms);
      flatten(and.right(), terms);
    } else {
      terms.add(condition);
    }
  }

  private static void requireRange(String attribute, KeySchema keys, boolean rangeSeen) {
    if (!attribute.equals(keys.range())) {
      throw DynamoError.validation("Query condition missed key schema element");
    }
    if (rangeSeen) {
      throw DynamoError.validation(
          "KeyConditionExpressions must only contain one condition per key");
    }
  }

  private static String attribute(Operand operand) {
    if (operand instanceof Operand.PathRef ref && ref.path().size() == 1) {
      return ref.path().attribute();
    }
    throw DynamoError.validation(
        "Invalid KeyConditionExpression: Only top-level attributes can be used in a key "
            + "condition");
  }

  private static Value literal(Operand operand) {
    if (operand instanceof Operand.Literal literal) {
      return literal.value();
    }
    throw DynamoError.validation(
        "Invalid KeyConditionExpression: A key condition compares a key attribute with a "
            + "value");
  }

  private static void checkType(Value value, Value.Type type) {
    if (value.type() != type) {
      throw DynamoError.invalid("Condition parameter type does not match schema type");
    }
  }
}
