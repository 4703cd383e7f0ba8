package app.podium.engine.ops;

import app.podium.engine.expr.Condition;
import app.podium.engine.expr.Parser;
import app.podium.engine.expr.Path;
import app.podium.engine.expr.Placeholders;
import app.podium.engine.value.DynamoError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The expressions of a request, read with DynamoDB's rules on mixing them with the older
 * parameters.
 */
final class Expressions {
  private Expressions() {}

  static Placeholders placeholders(JsonNode request) {
    return Placeholders.of(
        Requests.field(request, "ExpressionAttributeNames"),
        Requests.field(request, "ExpressionAttributeValues"));
  }

  /**
   * The named condition-like expression (ConditionExpression, FilterExpression, ...), or null when
   * absent.
   */
  static Condition condition(
      JsonNode request, String field, Parser.Kind kind, Placeholders placeholders) {
    String text = Requests.string(request, field);
    return text == null ? null : Parser.condition(text, kind, placeholders);
  }

  /**
   * ProjectionExpression's paths, or AttributesToGet's names; null when the request asks for every
   * attribute.
   */
  static List<Path> projection(JsonNode request, Placeholders placeholders) {
    String text = Requests.string(request, "ProjectionExpression");
    if (text != null) {
      return Parser.projection(text, placeholders);
    }
    JsonNode names = Requests.field(request, "AttributesToGet");
    if (names == null) {
      return null;
    }
    List<Path> paths = new ArrayList<>();
    for (JsonNode name : names) {
      paths.add(Path.of(name.asText()));
    }
    if (paths.stream().distinct().count() < paths.size()) {
      throw DynamoError.validation(
          "One or more parameter values were invalid: Duplicate value in attribute name: " + names);
    }
    return paths;
  }

  /**
   * Refuses a request that mixes expression parameters with the older ones they replace, and
   * placeholders without any expression to use them.
   */
  static void requireOneStyle(JsonNode request, List<String> legacy, List<String> modern) {
    List<String> old = present(request, legacy);
    List<String> now = present(request, modern);
    if (!old.isEmpty() && !now.isEmpty()) {
      throw DynamoError.validation(
          "Can not use both expression and non-expression parameters in the same request: "
              + "Non-expression parameters: {"
              + String.join(", ", old)
              + "} Expression parameters: {"
              + String.join(", ", now)
              + "}");
    }
    if (now.isEmpty()) {
      if (Requests.field(request, "ExpressionAttributeNames") != null) {
        throw DynamoError.validation(
            "ExpressionAttributeNames can only be specified when using expressions");
      }
      if (Requests.field(request, "ExpressionAttributeValues") != null) {
        throw DynamoError.validation(
            "ExpressionAttributeValues can only be specified when using expressions");
      }
    }
  }

  /** The fields of {@code names} that {@code request} has; a loop, as it runs on every request. */
  private static List<String> present(JsonNode request, List<String> names) {
    List<String> present = null;
    for (String name : names) {
      if (Requests.field(request, name) != null) {
        if (present == null) {
          present = new java.util.ArrayList<>(names.size());
        }
        present.add(name);
      }
    }
    return present == null ? List.of() : present;
  }
}
