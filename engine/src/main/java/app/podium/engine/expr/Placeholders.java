package app.podium.engine.expr;

import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Value;
import app.podium.engine.value.ValueJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * A request's ExpressionAttributeNames and ExpressionAttributeValues, checked as DynamoDB checks
 * them, with a record of which ones its expressions used: DynamoDB refuses a request that defines
 * one it never uses.
 */
public final class Placeholders {
  private static final Pattern NAME_KEY = Pattern.compile("#[A-Za-z0-9_]+");
  private static final Pattern VALUE_KEY = Pattern.compile(":[A-Za-z0-9_]+");

  private final Map<String, String> names;
  private final Map<String, Value> values;
  private final Set<String> usedNames = ConcurrentHashMap.newKeySet();
  private final Set<String> usedValues = ConcurrentHashMap.newKeySet();

  private Placeholders(Map<String, String> names, Map<String, Value> values) {
    this.names = names;
    this.values = values;
  }

  public static Placeholders none() {
    return new Placeholders(null, null);
  }

  /** From the request's two fields, either of which may be absent. */
  public static Placeholders of(JsonNode namesNode, JsonNode valuesNode) {
    Map<String, String> names = null;
    if (namesNode != null && !namesNode.isNull()) {
      if (namesNode.isEmpty()) {
        throw DynamoError.validation("ExpressionAttributeNames must not be empty");
      }
      names = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = namesNode.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!NAME_KEY.matcher(field.getKey()).matches()) {
          throw DynamoError.validation(
              "ExpressionAttributeNames contains invalid key: Syntax error; key: \""
                  + field.getKey()
                  + "\"");
        }
        if (!field.getValue().isTextual()) {
          throw DynamoError.serialization("Unexpected value type in payload");
        }
        names.put(field.getKey(), field.getValue().textValue());
      }
    }
    Map<String, Value> values = null;
    if (valuesNode != null && !valuesNode.isNull()) {
      if (valuesNode.isEmpty()) {
        throw DynamoError.validation("ExpressionAttributeValues must not be empty");
      }
      values = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> fields = valuesNode.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        if (!VALUE_KEY.matcher(field.getKey()).matches()) {
          throw DynamoError.validation(
              "ExpressionAttributeValues contains invalid key: Syntax error; key: \""
                  + field.getKey()
                  + "\"");
        }
        try {
          values.put(field.getKey(), ValueJson.value(field.getValue()));
        } catch (DynamoError invalid) {
          if (!invalid.type().equals("ValidationException")) {
            throw invalid;
          }
          throw DynamoError.validation(
              "ExpressionAttributeValues contains invalid value: "
                  + invalid.getMessage()
                  + " for key "
                  + field.getKey());
        }
      }
    }
    return new Placeholders(names, values);
  }

  public boolean hasNames() {
    return names != null;
  }

  public boolean hasValues() {
    return values != null;
  }

  /**
   * The attribute name {@code placeholder} stands for, or null when the request does not define it.
   */
  String name(String placeholder) {
    String name = names == null ? null : names.get(placeholder);
    if (name != null) {
      usedNames.add(placeholder);
    }
    return name;
  }

  Value value(String placeholder) {
    Value value = values == null ? null : values.get(placeholder);
    if (value != null) {
      usedValues.add(placeholder);
    }
    return value;
  }

  /**
   * Refuses names or values that no expression used. {@code valuesUsable} is false when the
   * request's only expression is a projection, which takes no values: DynamoDB leaves values alone
   * then.
   */
  public void requireAllUsed(boolean valuesUsable) {
    if (names != null) {
      List<String> unused = names.keySet().stream().filter(k -> !usedNames.contains(k)).toList();
      if (!unused.isEmpty()) {
        throw DynamoError.validation(
            "Value provided in ExpressionAttributeNames unused in expressions: keys: {"
                + String.join(", ", unused)
                + "}");
      }
    }
    if (values != null && valuesUsable) {
      List<String> unused = values.keySet().stream().filter(k -> !usedValues.contains(k)).toList();
      if (!unused.isEmpty()) {
        throw DynamoError.validation(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {"
                + String.join(", ", unused)
                + "}");
      }
    }
  }
}
