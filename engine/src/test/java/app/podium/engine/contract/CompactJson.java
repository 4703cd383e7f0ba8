package app.podium.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes JSON for a reviewer: an object or array that fits on one line stays on one line ({@code
 * {"S": "a"}}), a larger one takes a line per member, indented by two.
 */
final class CompactJson {
  private static final int WIDTH = 118;

  private CompactJson() {}

  static String write(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, 0, 0, out);
    return out.append('\n').toString();
  }

  /** {@code used}: the columns already taken on the current line (indent and field name). */
  private static void write(JsonNode node, int indent, int used, StringBuilder out) {
    String inline = inline(node);
    if (used + inline.length() <= WIDTH || !node.isContainerNode() || node.isEmpty()) {
      out.append(inline);
      return;
    }
    boolean object = node.isObject();
    out.append(object ? '{' : '[');
    String pad = " ".repeat(indent + 2);
    if (object) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String name = quoted(field.getKey()) + ": ";
        out.append('\n').append(pad).append(name);
        write(field.getValue(), indent + 2, pad.length() + name.length(), out);
        out.append(fields.hasNext() ? "," : "");
      }
    } else {
      for (int i = 0; i < node.size(); i++) {
        out.append('\n').append(pad);
        write(node.get(i), indent + 2, pad.length(), out);
        out.append(i < node.size() - 1 ? "," : "");
      }
    }
    out.append('\n').append(" ".repeat(indent)).append(object ? '}' : ']');
  }

  private static String inline(JsonNode node) {
    if (node.isObject()) {
      StringBuilder out = new StringBuilder("{");
      node.fields()
          .forEachRemaining(
              field ->
                  out.append(out.length() > 1 ? ", " : "")
                      .append(quoted(field.getKey()))
                      .append(": ")
                      .append(inline(field.getValue())));
      return out.append('}').toString();
    }
    if (node.isArray()) {
      StringBuilder out = new StringBuilder("[");
      node.forEach(member -> out.append(out.length() > 1 ? ", " : "").append(inline(member)));
      return out.append(']').toString();
    }
    return node.toString();
  }

  private static String quoted(String text) {
    return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
  }
}
