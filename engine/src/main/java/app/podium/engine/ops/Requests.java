package app.podium.engine.ops;

import app.podium.engine.value.DynamoError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.regex.Pattern;

/** Reading a request's fields, with DynamoDB's checks of their shape. */
final class Requests {
  private static final Pattern TABLE_NAME = Pattern.compile("[a-zA-Z0-9_.-]{3,255}");

  private Requests() {}

  static JsonNode field(JsonNode request, String name) {
    JsonNode node = request.get(name);
    return node == null || node.isNull() ? null : node;
  }

  static String string(JsonNode request, String name) {
    JsonNode node = field(request, name);
    if (node == null) {
      return null;
    }
    if (!node.isTextual()) {
      throw DynamoError.serialization("Unexpected value type in payload");
    }
    return node.textValue();
  }

  static boolean bool(JsonNode request, String name) {
    JsonNode node = field(request, name);
    if (node == null) {
      return false;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isNumber()) {
      return node.intValue() != 0;
    }
    throw DynamoError.serialization("Unexpected value type in payload");
  }

  static Integer integer(JsonNode request, String name) {
    JsonNode node = field(request, name);
    if (node == null) {
      return null;
    }
    if (!node.canConvertToInt()) {
      throw DynamoError.serialization("Unexpected value type in payload");
    }
    return node.intValue();
  }

  /** The table a request names, checked as DynamoDB checks names before it looks the table up. */
  static String tableName(JsonNode request) {
    String name = string(request, "TableName");
    if (name == null) {
      throw DynamoError.validation(
          "Value null at 'tableName' failed to satisfy constraint: Member must not be null");
    }
    return checkedName(name);
  }

  static String checkedName(String name) {
    if (!TABLE_NAME.matcher(name).matches()) {
      throw DynamoError.validation(
          "Invalid table/index name.  Table/index names must be between 3 and 255 "
              + "characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'");
    }
    return name;
  }

  /**
   * An enum-valued field: its value, {@code fallback} when absent, or {@code invalid} thrown when
   * not one of {@code allowed}.
   */
  static String choice(
      JsonNode request, String name, String fallback, List<String> allowed, DynamoError invalid) {
    String value = string(request, name);
    if (value == null) {
      return fallback;
    }
    if (!allowed.contains(value)) {
      throw invalid;
    }
    return value;
  }

  /** DynamoDB's generic message for an enum field outside its values. */
  static DynamoError notInEnum(String value, String field, List<String> allowed) {
    return DynamoError.validation(
        "1 validation error detected: Value '"
            + value
            + "' at '"
            + field
            + "' failed to satisfy constraint: Member must satisfy enum value set: ["
            + String.join(", ", allowed)
            + "]");
  }
}
