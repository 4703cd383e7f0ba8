package app.podium.engine.ops;

import app.podium.engine.expr.Evaluator;
import app.podium.engine.expr.Path;
import app.podium.engine.expr.Placeholders;
import app.podium.engine.limits.Charge;
import app.podium.engine.store.Capacity;
import app.podium.engine.store.ItemKey;
import app.podium.engine.store.Row;
import app.podium.engine.store.Table;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Value;
import app.podium.engine.value.ValueJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BatchGetItem (100 keys) and BatchWriteItem (25 writes): each item on its own, and what a hot
 * partition refuses comes back as UnprocessedKeys or UnprocessedItems for the caller to send again.
 */
final class Batches {
  static final int MAX_GET_KEYS = 100;
  static final int MAX_WRITES = 25;
  static final long MAX_RESPONSE_BYTES = 16L * 1024 * 1024;

  private final Context context;
  private final Writer writer;

  Batches(Context context) {
    this.context = context;
    this.writer = new Writer(context);
  }

  Map<String, Object> batchGetItem(JsonNode request) {
    JsonNode requestItems = Requests.field(request, "RequestItems");
    if (requestItems == null || requestItems.isEmpty()) {
      throw DynamoError.validation(
          "1 validation error detected: Value "
              + (requestItems == null ? "null" : "{}")
              + " at 'requestItems' failed to satisfy constraint: Member must have length greater than or equal to 1");
    }
    record TableRead(
        Table table,
        JsonNode spec,
        List<ItemKey> keys,
        List<Path> projection,
        boolean consistent) {}
    List<TableRead> reads = new ArrayList<>();
    int total = 0;
    Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
    while (tables.hasNext()) {
      Map.Entry<String, JsonNode> entry = tables.next();
      Table table = context.database().table(Requests.checkedName(entry.getKey()));
      JsonNode spec = entry.getValue();
      JsonNode keysNode = Requests.field(spec, "Keys");
      if (keysNode == null || keysNode.isEmpty()) {
        throw DynamoError.validation(
            "The list of keys in RequestItems for BatchGetItem is required: "
                + entry.getKey()
                + " has empty list");
      }
      total += keysNode.size();
      if (total > MAX_GET_KEYS) {
        throw DynamoError.validation("Too many items requested for the BatchGetItem call");
      }
      List<ItemKey> keys = new ArrayList<>();
      Set<ItemKey> seen = new HashSet<>();
      for (JsonNode keyNode : keysNode) {
        ItemKey key = KeyRules.key(table.def(), ValueJson.item(keyNode));
        if (!seen.add(key)) {
          throw DynamoError.validation("Provided list of item keys contains duplicates");
        }
        keys.add(key);
      }
      Expressions.requireOneStyle(
          spec, List.of("AttributesToGet"), List.of("ProjectionExpression"));
      Placeholders placeholders = Expressions.placeholders(spec);
      List<Path> projection = Expressions.projection(spec, placeholders);
      placeholders.requireAllUsed(false);
      reads.add(
          new TableRead(table, spec, keys, projection, Requests.bool(spec, "ConsistentRead")));
    }
    Consumed consumed = ItemOps.consumed(request);
    Map<String, List<Map<String, Value>>> responses = new LinkedHashMap<>();
    ObjectNode unprocessed = JsonNodeFactory.instance.objectNode();
    long bytes = 0;
    for (TableRead read : reads) {
      List<Map<String, Value>> found =
          responses.computeIfAbsent(read.table().name(), t -> new ArrayList<>());
      for (ItemKey key : read.keys()) {
        Row row = read.table().get(key);
        double units = Capacity.readUnits(row == null ? 0 : row.size(), read.consistent());
        boolean over = bytes + (row == null ? 0 : row.size()) > MAX_RESPONSE_BYTES;
        if (over
            || !context
                .throughput()
                .admit(List.of(Charge.read(read.table().name(), null, key.hash(), units)))) {
          ObjectNode spec = (ObjectNode) unprocessed.get(read.table().name());
          if (spec == null) {
            spec = read.spec().deepCopy();
            spec.set("Keys", JsonNodeFactory.instance.arrayNode());
            unprocessed.set(read.table().name(), spec);
          }
          ((ArrayNode) spec.get("Keys")).add(Json.tree(key.toItem(read.table().def().keys())));
          continue;
        }
        if (row != null) {
          // a batch charges the items it found (DynamoDB Local 3.3.1; a GetItem of a missing item
          // costs 0.5)
          consumed.table(read.table().name(), units);
          bytes += row.size();
          found.add(
              read.projection() == null
                  ? row.item()
                  : Evaluator.project(read.projection(), row.item()));
        }
      }
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("Responses", responses);
    response.put("UnprocessedKeys", unprocessed);
    ItemOps.putIfPresent(response, "ConsumedCapacity", consumed.all());
    return response;
  }

  Map<String, Object> batchWriteItem(JsonNode request) {
    JsonNode requestItems = Requests.field(request, "RequestItems");
    if (requestItems == null || requestItems.isEmpty()) {
      throw DynamoError.validation("BatchWriteItem cannot have a null or no requests set");
    }
    record Pending(WriteAction action, JsonNode original) {}
    List<Pending> writes = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> tables = requestItems.fields();
    while (tables.hasNext()) {
      Map.Entry<String, JsonNode> entry = tables.next();
      Table table = context.database().table(Requests.checkedName(entry.getKey()));
      if (!entry.getValue().isArray() || entry.getValue().isEmpty()) {
        throw DynamoError.validation(
            "The batch write request list for a table cannot be null or empty: " + entry.getKey());
      }
      Set<ItemKey> seen = new HashSet<>();
      for (JsonNode write : entry.getValue()) {
        JsonNode put = Requests.field(write, "PutRequest");
        JsonNode delete = Requests.field(write, "DeleteRequest");
        if ((put == null) == (delete == null)) {
          throw DynamoError.validation(
              "Supplied AttributeValue has more than one datatypes set, must contain exactly "
                  + "one of the supported datatypes");
        }
        WriteAction action;
        if (put != null) {
          Map<String, Value> item = ValueJson.item(Requests.field(put, "Item"));
          if (item == null) {
            throw DynamoError.validation(
                "1 validation error detected: Value null at 'item' failed to satisfy "
                    + "constraint: Member must not be null");
          }
          ItemKey key = KeyRules.ofItem(table.def(), item);
          KeyRules.checkIndexKeys(table.def(), item);
          KeyRules.checkSize(item, ItemOps.ITEM_TOO_LARGE);
          action = new WriteAction.Put(table, key, item, null);
        } else {
          action =
              new WriteAction.Delete(
                  table,
                  KeyRules.key(table.def(), ValueJson.item(Requests.field(delete, "Key"))),
                  null);
        }
        if (!seen.add(action.key())) {
          throw DynamoError.validation("Provided list of item keys contains duplicates");
        }
        writes.add(new Pending(action, write));
      }
      if (writes.size() > MAX_WRITES) {
        throw DynamoError.validation("Too many items requested for the BatchWriteItem call");
      }
    }
    Consumed consumed = ItemOps.consumed(request);
    ObjectNode unprocessed = JsonNodeFactory.instance.objectNode();
    for (Pending pending : writes) {
      try {
        writer.write(pending.action(), false, consumed);
      } catch (DynamoError refused) {
        if (!refused.type().equals("ProvisionedThroughputExceededException")) {
          throw refused;
        }
        ArrayNode list = (ArrayNode) unprocessed.get(pending.action().table().name());
        if (list == null) {
          list = unprocessed.putArray(pending.action().table().name());
        }
        list.add(pending.original());
      }
    }
    Map<String, Object> response = new LinkedHashMap<>();
    response.put("UnprocessedItems", unprocessed);
    ItemOps.putIfPresent(response, "ConsumedCapacity", consumed.all());
    return response;
  }
}
