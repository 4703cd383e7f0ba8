package app.podium.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Shorthands that keep requests readable in a contract file, expanded before sending.
 *
 * <ul>
 *   <li>{@code {"$repeat": "x", "count": 400000}}: the string repeated {@code count} times.
 *   <li>{@code {"$times": 26, "each": ...}}: an array of 26 copies of {@code each}, where {@code
 *       #{i}} in any string becomes the copy's index (0 to 25).
 *   <li>{@code {"$unique": "token-1"}}: {@code token-1} and a suffix of its own for each play of
 *       the scenario, the same in all its steps: a ClientRequestToken is remembered for 10 minutes,
 *       so a replay soon after a recording on the same endpoint must not reuse one.
 * </ul>
 */
final class Macros {
  private Macros() {}

  /** {@code play}: what {@code $unique} appends in this play of the scenario. */
  static JsonNode expand(JsonNode node, String play) {
    if (node instanceof ObjectNode object) {
      if (object.has("$unique")) {
        return TextNode.valueOf(object.get("$unique").asText() + "-" + play);
      }
      if (object.has("$repeat")) {
        return TextNode.valueOf(object.get("$repeat").asText().repeat(object.get("count").asInt()));
      }
      if (object.has("$times")) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        for (int i = 0; i < object.get("$times").asInt(); i++) {
          array.add(expand(indexed(object.get("each"), Integer.toString(i)), play));
        }
        return array;
      }
    }
    return copy(node, name -> name, member -> expand(member, play));
  }

  private static JsonNode indexed(JsonNode node, String index) {
    if (node.isTextual()) {
      return TextNode.valueOf(node.asText().replace("#{i}", index));
    }
    return copy(node, name -> name.replace("#{i}", index), member -> indexed(member, index));
  }

  /**
   * A copy of an object or array: field names passed through {@code name}, members through {@code
   * member}.
   */
  private static JsonNode copy(
      JsonNode node, UnaryOperator<String> name, UnaryOperator<JsonNode> member) {
    if (node instanceof ObjectNode object) {
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        copy.set(name.apply(field.getKey()), member.apply(field.getValue()));
      }
      return copy;
    }
    if (node instanceof ArrayNode array) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      array.forEach(element -> copy.add(member.apply(element)));
      return copy;
    }
    return node;
  }
}
