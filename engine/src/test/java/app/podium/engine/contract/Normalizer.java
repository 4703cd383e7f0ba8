package app.podium.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Makes an answer comparable across servers and runs, the same way for the recording and for the
 * replay: values that DynamoDB does not fix (timestamps, ARNs, the sizes and counts it refreshes
 * every six hours) become placeholders; what DynamoDB Local cannot record (a table's id and warm
 * throughput, a 0 timestamp for never) is left out; arrays whose order DynamoDB does not fix (set
 * members, a Scan's items, a batch's responses, a table's attribute definitions and indexes) are
 * sorted; JSON numbers lose trailing zeros. The README of the contract folder lists all of it.
 */
final class Normalizer {
  private static final Map<String, String> PLACEHOLDERS =
      Map.ofEntries(
          Map.entry("CreationDateTime", "<timestamp>"),
          Map.entry("LastIncreaseDateTime", "<timestamp>"),
          Map.entry("LastDecreaseDateTime", "<timestamp>"),
          Map.entry("LastUpdateToPayPerRequestDateTime", "<timestamp>"),
          Map.entry("TableArn", "<arn>"),
          Map.entry("IndexArn", "<arn>"),
          Map.entry("LatestStreamArn", "<arn>"),
          Map.entry("LatestStreamLabel", "<label>"),
          Map.entry("TableSizeBytes", "<size>"),
          Map.entry("IndexSizeBytes", "<size>"),
          Map.entry("ItemCount", "<count>"));

  /**
   * Timestamps whose 0 (the epoch) means never: DynamoDB leaves them out, DynamoDB Local answers 0.
   */
  private static final Set<String> NEVER_WHEN_ZERO =
      Set.of("LastIncreaseDateTime", "LastDecreaseDateTime");

  /**
   * Parts of a table's description that DynamoDB answers and DynamoDB Local never does: left out of
   * both.
   */
  private static final Set<String> NOT_RECORDABLE =
      Set.of("TableId", "WarmThroughput", "OnDemandThroughput");

  /** Orderless wherever they appear: set members, and the parts of a table's description. */
  private static final Set<String> SET_LIKE =
      Set.of(
          "SS",
          "NS",
          "BS",
          "AttributeDefinitions",
          "GlobalSecondaryIndexes",
          "LocalSecondaryIndexes",
          "NonKeyAttributes",
          "Replicas");

  private Normalizer() {}

  /**
   * A normalised copy of {@code body}, the answer to {@code operation} (the target without its
   * prefix).
   */
  static JsonNode normalize(String operation, JsonNode body) {
    JsonNode copy = body.deepCopy();
    JsonNode result = walk(copy);
    if (result instanceof ObjectNode object) {
      sortOperationArrays(operation, object);
      // an error's message is "message" or "Message" as DynamoDB pleases (every SDK reads both):
      // one spelling
      if (object.has("__type") && object.has("Message") && !object.has("message")) {
        object.set("message", object.remove("Message"));
      }
    }
    return result;
  }

  private static JsonNode walk(JsonNode node) {
    if (node.isNumber()) {
      BigDecimal value = node.decimalValue().stripTrailingZeros();
      return value.scale() <= 0
          ? LongNode.valueOf(value.longValueExact())
          : DecimalNode.valueOf(value);
    }
    if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, walk(array.get(i)));
      }
      return array;
    }
    if (node instanceof ObjectNode object) {
      for (String field :
          List.copyOf(object.properties().stream().map(Map.Entry::getKey).toList())) {
        JsonNode value = object.get(field);
        String placeholder = PLACEHOLDERS.get(field);
        if (NOT_RECORDABLE.contains(field)
            || NEVER_WHEN_ZERO.contains(field)
                && value.isNumber()
                && value.decimalValue().signum() == 0) {
          object.remove(field);
        } else if (field.equals("ProvisionedThroughput") && allZero(walk(value))) {
          // an on-demand table's or index's: DynamoDB answers zeros, DynamoDB Local leaves the
          // index's out
          object.remove(field);
        } else if (placeholder != null && value.isValueNode()) {
          object.set(field, TextNode.valueOf(placeholder));
        } else {
          JsonNode walked = walk(value);
          object.set(
              field,
              SET_LIKE.contains(field) && walked instanceof ArrayNode array
                  ? sorted(array)
                  : walked);
        }
      }
    }
    return node;
  }

  private static boolean allZero(JsonNode throughput) {
    for (JsonNode value : throughput) {
      if (!value.isNumber() || value.decimalValue().signum() != 0) {
        return false;
      }
    }
    return true;
  }

  private static void sortOperationArrays(String operation, ObjectNode body) {
    switch (operation) {
      case "Scan" -> sortIfArray(body, "Items");
      case "BatchGetItem" -> {
        sortEachArray(body.get("Responses"));
        sortByTable(body);
      }
      case "BatchWriteItem" -> {
        sortEachArray(body.get("UnprocessedItems"));
        sortByTable(body);
      }
      case "TransactWriteItems", "TransactGetItems" -> sortByTable(body);
      default -> {}
    }
  }

  private static void sortEachArray(JsonNode tables) {
    if (tables instanceof ObjectNode object) {
      object
          .properties()
          .forEach(
              entry -> {
                if (entry.getValue() instanceof ArrayNode array) {
                  entry.setValue(sorted(array));
                }
              });
    }
  }

  private static void sortIfArray(ObjectNode body, String field) {
    if (body.get(field) instanceof ArrayNode array) {
      body.set(field, sorted(array));
    }
  }

  /**
   * A list of ConsumedCapacity, one a table: in table name order, so that a difference stays with
   * its table.
   */
  private static void sortByTable(ObjectNode body) {
    if (body.get("ConsumedCapacity") instanceof ArrayNode array) {
      body.set(
          "ConsumedCapacity",
          sorted(array, Comparator.comparing(member -> member.path("TableName").asText())));
    }
  }

  /**
   * The node as text with every object's fields in name order: servers order an item's attributes
   * as they like.
   */
  private static String canonical(JsonNode node) {
    if (node.isObject()) {
      StringBuilder out = new StringBuilder("{");
      new TreeMap<>(
              node.properties().stream()
                  .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)))
          .forEach(
              (name, value) ->
                  out.append(TextNode.valueOf(name))
                      .append(':')
                      .append(canonical(value))
                      .append(','));
      return out.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[");
      node.forEach(member -> out.append(canonical(member)).append(','));
      return out.append(']').toString();
    }
    return node.toString();
  }

  private static ArrayNode sorted(ArrayNode array) {
    return sorted(array, Comparator.comparing(Normalizer::canonical));
  }

  private static ArrayNode sorted(ArrayNode array, Comparator<JsonNode> order) {
    List<JsonNode> members = new ArrayList<>();
    array.forEach(members::add);
    members.sort(order);
    ArrayNode result = JsonNodeFactory.instance.arrayNode();
    members.forEach(result::add);
    return result;
  }
}
