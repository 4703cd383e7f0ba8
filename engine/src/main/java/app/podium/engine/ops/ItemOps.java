package app.podium.engine.ops;

import app.podium.engine.expr.Condition;
import app.podium.engine.expr.Evaluator;
import app.podium.engine.expr.Parser;
import app.podium.engine.expr.Path;
import app.podium.engine.expr.Placeholders;
import app.podium.engine.expr.Update;
import app.podium.engine.limits.Charge;
import app.podium.engine.store.Capacity;
import app.podium.engine.store.ItemKey;
import app.podium.engine.store.Row;
import app.podium.engine.store.Table;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Value;
import app.podium.engine.value.ValueJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** GetItem, PutItem, UpdateItem and DeleteItem. */
final class ItemOps {
  static final List<String> RETURN_OLD = List.of("NONE", "ALL_OLD");
  static final List<String> RETURN_ANY =
      List.of("NONE", "ALL_OLD", "UPDATED_OLD", "ALL_NEW", "UPDATED_NEW");
  static final String ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size";

  private final Context context;
  private final Writer writer;

  ItemOps(Context context) {
    this.context = context;
    this.writer = new Writer(context);
  }

  Map<String, Object> getItem(JsonNode request) {
    Table table = context.database().table(Requests.tableName(request));
    ItemKey key = KeyRules.key(table.def(), ValueJson.item(Requests.field(request, "Key")));
    Expressions.requireOneStyle(
        request, List.of("AttributesToGet"), List.of("ProjectionExpression"));
    Placeholders placeholders = Expressions.placeholders(request);
    List<Path> projection = Expressions.projection(request, placeholders);
    placeholders.requireAllUsed(false);
    boolean consistent = Requests.bool(request, "ConsistentRead");
    Row row = table.get(key);
    double units = Capacity.readUnits(row == null ? 0 : row.size(), consistent);
    if (!context.throughput().admit(List.of(Charge.read(table.name(), null, key.hash(), units)))) {
      throw Writer.throttled();
    }
    Consumed consumed = consumed(request);
    consumed.table(table.name(), units);
    Map<String, Object> response = new LinkedHashMap<>();
    if (row != null) {
      response.put(
          "Item", projection == null ? row.item() : Evaluator.project(projection, row.item()));
    }
    putIfPresent(response, "ConsumedCapacity", consumed.single());
    return response;
  }

  Map<String, Object> putItem(JsonNode request) {
    Table table = context.database().table(Requests.tableName(request));
    return writeReturningOld(request, put(table, request));
  }

  /**
   * PutItem and DeleteItem: the write, answered with the item before it when ReturnValues is
   * ALL_OLD.
   */
  private Map<String, Object> writeReturningOld(JsonNode request, WriteAction action) {
    String returnValues = returnValues(request, RETURN_OLD);
    Consumed consumed = consumed(request);
    Writer.Outcome outcome = writer.write(action, returnOldOnFailure(request), consumed);
    return answer(
        request, consumed, action, returnValues.equals("ALL_OLD") ? outcome.before() : null);
  }

  /** A PutItem-shaped request (also a transaction's Put) as a validated write. */
  static WriteAction.Put put(Table table, JsonNode request) {
    JsonNode itemNode = Requests.field(request, "Item");
    if (itemNode == null) {
      throw DynamoError.validation(
          "1 validation error detected: Value null at 'item' failed to satisfy constraint: "
              + "Member must not be null");
    }
    Map<String, Value> item = ValueJson.item(itemNode);
    ItemKey key = KeyRules.ofItem(table.def(), item);
    KeyRules.checkIndexKeys(table.def(), item);
    KeyRules.checkSize(item, ITEM_TOO_LARGE);
    Condition condition = condition(table, request);
    return new WriteAction.Put(table, key, item, condition);
  }

  Map<String, Object> updateItem(JsonNode request) {
    Table table = context.database().table(Requests.tableName(request));
    WriteAction.Modify modify = modify(table, request);
    DynamoError keyUpdated = keyUpdated(modify);
    if (keyUpdated != null) {
      throw keyUpdated;
    }
    String returnValues = returnValues(request, RETURN_ANY);
    Consumed consumed = consumed(request);
    Writer.Outcome outcome = writer.write(modify, returnOldOnFailure(request), consumed);
    Map<String, Value> attributes =
        switch (returnValues) {
          case "ALL_OLD" -> outcome.before();
          case "ALL_NEW" -> outcome.after();
          case "UPDATED_OLD" -> updated(outcome.before(), modify);
          case "UPDATED_NEW" -> updated(outcome.after(), modify);
          default -> null;
        };
    return answer(request, consumed, modify, attributes);
  }

  /** An UpdateItem-shaped request (also a transaction's Update) as a validated write. */
  static WriteAction.Modify modify(Table table, JsonNode request) {
    ItemKey key = KeyRules.key(table.def(), ValueJson.item(Requests.field(request, "Key")));
    Expressions.requireOneStyle(
        request,
        List.of("AttributeUpdates", "Expected"),
        List.of("UpdateExpression", "ConditionExpression"));
    Placeholders placeholders = Expressions.placeholders(request);
    String text = Requests.string(request, "UpdateExpression");
    Update update =
        text == null
            ? Legacy.attributeUpdates(Requests.field(request, "AttributeUpdates"))
            : Parser.update(text, placeholders);
    Condition condition =
        text == null && Requests.field(request, "Expected") != null
            ? Legacy.expected(request)
            : Expressions.condition(
                request, "ConditionExpression", Parser.Kind.CONDITION, placeholders);
    placeholders.requireAllUsed(true);
    return new WriteAction.Modify(table, key, update, condition);
  }

  /**
   * The refusal of an update that writes a key attribute, or null. UpdateItem throws it; a
   * transaction cancels with it as the action's ValidationError reason, as DynamoDB does.
   */
  static DynamoError keyUpdated(WriteAction.Modify modify) {
    if (modify.update() != null) {
      for (String attribute : Evaluator.touched(modify.update())) {
        if (modify.table().def().keys().isKey(attribute)) {
          return DynamoError.invalid(
              "Cannot update attribute " + attribute + ". This attribute is part of the key");
        }
      }
    }
    return null;
  }

  /**
   * UPDATED_OLD and UPDATED_NEW: each top-level attribute whose updated path is in {@code item},
   * whole. A path that is not there (SET l[10] appends at the end of a shorter list, so l[10] is
   * not in the new item) shows nothing, as on DynamoDB Local 3.3.1.
   */
  private static Map<String, Value> updated(Map<String, Value> item, WriteAction.Modify modify) {
    if (item == null) {
      return null;
    }
    Set<String> names = new LinkedHashSet<>();
    if (modify.update() != null) {
      for (Path path : Evaluator.paths(modify.update())) {
        if (Evaluator.resolve(path, item) != null) {
          names.add(path.attribute());
        }
      }
    }
    return only(item, names);
  }

  Map<String, Object> deleteItem(JsonNode request) {
    Table table = context.database().table(Requests.tableName(request));
    return writeReturningOld(request, delete(table, request));
  }

  static WriteAction.Delete delete(Table table, JsonNode request) {
    ItemKey key = KeyRules.key(table.def(), ValueJson.item(Requests.field(request, "Key")));
    return new WriteAction.Delete(table, key, condition(table, request));
  }

  /**
   * The request's condition (ConditionExpression, or the older Expected), its placeholders all
   * used.
   */
  static Condition condition(Table table, JsonNode request) {
    Expressions.requireOneStyle(request, List.of("Expected"), List.of("ConditionExpression"));
    if (Requests.field(request, "Expected") != null) {
      return Legacy.expected(request);
    }
    Placeholders placeholders = Expressions.placeholders(request);
    Condition condition =
        Expressions.condition(request, "ConditionExpression", Parser.Kind.CONDITION, placeholders);
    placeholders.requireAllUsed(true);
    return condition;
  }

  static String returnValues(JsonNode request, List<String> allowed) {
    return Requests.choice(
        request,
        "ReturnValues",
        "NONE",
        allowed,
        DynamoError.validation("Return values set to invalid value"));
  }

  static boolean returnOldOnFailure(JsonNode request) {
    List<String> allowed = List.of("ALL_OLD", "NONE");
    String value = Requests.string(request, "ReturnValuesOnConditionCheckFailure");
    if (value != null && !allowed.contains(value)) {
      throw Requests.notInEnum(value, "returnValuesOnConditionCheckFailure", allowed);
    }
    return "ALL_OLD".equals(value);
  }

  static Consumed consumed(JsonNode request) {
    return new Consumed(Requests.string(request, "ReturnConsumedCapacity"));
  }

  private static Map<String, Object> answer(
      JsonNode request, Consumed consumed, WriteAction action, Map<String, Value> attributes) {
    Map<String, Object> response = new LinkedHashMap<>();
    if (attributes != null && !attributes.isEmpty()) {
      response.put("Attributes", attributes);
    }
    putIfPresent(response, "ConsumedCapacity", consumed.single());
    putIfPresent(response, "ItemCollectionMetrics", collectionMetrics(request, action));
    return response;
  }

  /**
   * ItemCollectionMetrics, which DynamoDB gives only for tables with local indexes, when asked for
   * SIZE.
   */
  static Map<String, Object> collectionMetrics(JsonNode request, WriteAction action) {
    if (!"SIZE".equals(Requests.string(request, "ReturnItemCollectionMetrics"))
        || action.table().def().localIndexes().isEmpty()) {
      return null;
    }
    Map<String, Object> metrics = new LinkedHashMap<>();
    metrics.put(
        "ItemCollectionKey", Map.of(action.table().def().keys().hash(), action.key().hash()));
    metrics.put("SizeEstimateRangeGB", List.of(0.0, 1.0));
    return metrics;
  }

  private static Map<String, Value> only(Map<String, Value> item, Set<String> names) {
    if (item == null) {
      return null;
    }
    Map<String, Value> selected = new LinkedHashMap<>();
    for (String name : names) {
      Value value = item.get(name);
      if (value != null) {
        selected.put(name, value);
      }
    }
    return selected;
  }

  static void putIfPresent(Map<String, Object> response, String field, Object value) {
    if (value != null) {
      response.put(field, value);
    }
  }
}
