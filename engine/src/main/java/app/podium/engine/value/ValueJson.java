package app.podium.engine.value;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * DynamoDB's JSON form of attribute values ({@code {"S":"x"}}, {@code {"N":"1"}}, ...), read with
 * its validation.
 */
public final class ValueJson {
  private ValueJson() {}

  /** An item or key: a JSON object of attribute name to attribute value. */
  public static Map<String, Value> item(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isObject()) {
      throw DynamoError.serialization("Unexpected value type in payload");
    }
    Map<String, Value> item = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      item.put(field.getKey(), value(field.getValue()));
    }
    return item;
  }

  public static Value value(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw DynamoError.serialization("Unexpected value type in payload");
    }
    int types = node.size();
    if (types == 0) {
      throw DynamoError.validation(
          "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
    }
    if (types > 1) {
      throw DynamoError.validation(
          "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported "
              + "datatypes");
    }
    Map.Entry<String, JsonNode> only = node.fields().next();
    JsonNode content = only.getValue();
    return switch (only.getKey()) {
      case "S" -> new Value.S(text(content));
      case "N" -> new Value.N(Numbers.parse(text(content)));
      case "B" -> new Value.B(binary(content));
      case "BOOL" -> {
        if (!content.isBoolean()) {
          throw DynamoError.serialization("Unexpected value type in payload");
        }
        yield content.booleanValue() ? Value.Bool.TRUE : Value.Bool.FALSE;
      }
      case "NULL" -> {
        if (!content.isBoolean()) {
          throw DynamoError.serialization("Unexpected value type in payload");
        }
        if (!content.booleanValue()) {
          throw DynamoError.invalid("Null attribute value types must have the value of true");
        }
        yield Value.Null.INSTANCE;
      }
      case "L" -> {
        List<Value> values = new ArrayList<>(content.size());
        for (JsonNode element : array(content)) {
          values.add(value(element));
        }
        yield new Value.L(values);
      }
      case "M" -> new Value.M(item(content));
      case "SS" -> {
        List<String> strings = new ArrayList<>();
        for (JsonNode element : nonEmptySet(content, "string")) {
          strings.add(text(element));
        }
        Set<String> set = new LinkedHashSet<>(strings);
        if (set.size() < strings.size()) {
          throw DynamoError.invalid("Input collection " + strings + " contains duplicates");
        }
        yield new Value.SS(set);
      }
      case "NS" -> {
        Set<BigDecimal> set = new LinkedHashSet<>();
        for (JsonNode element : nonEmptySet(content, "number")) {
          if (!set.add(Numbers.parse(text(element)))) {
            throw DynamoError.validation("Input collection contains duplicates");
          }
        }
        yield new Value.NS(set);
      }
      case "BS" -> {
        List<Bytes> bytes = new ArrayList<>();
        for (JsonNode element : nonEmptySet(content, "binary")) {
          bytes.add(binary(element));
        }
        Set<Bytes> set = new LinkedHashSet<>(bytes);
        if (set.size() < bytes.size()) {
          // DynamoDB lists a string set's members, and only names a binary set's type
          throw DynamoError.invalid("Input collection of type BS contains duplicates.");
        }
        yield new Value.BS(set);
      }
      default -> throw DynamoError.serialization("Unexpected field type: " + only.getKey());
    };
  }

  private static String text(JsonNode node) {
    if (!node.isTextual()) {
      throw DynamoError.serialization("Unexpected value type in payload");
    }
    return node.textValue();
  }

  private static Bytes binary(JsonNode node) {
    try {
      return Bytes.fromBase64(text(node));
    } catch (IllegalArgumentException e) {
      throw DynamoError.serialization(
          "Base64 encoded length is expected a multiple of 4 bytes but found: "
              + node.asText().length());
    }
  }

  private static JsonNode array(JsonNode node) {
    if (!node.isArray()) {
      throw DynamoError.serialization("Unexpected value type in payload");
    }
    return node;
  }

  private static JsonNode nonEmptySet(JsonNode node, String kind) {
    array(node);
    if (node.isEmpty()) {
      throw DynamoError.invalid("An " + kind + " set  may not be empty");
    }
    return node;
  }

  public static void write(JsonGenerator out, Map<String, Value> item) throws IOException {
    out.writeStartObject();
    for (Map.Entry<String, Value> attribute : item.entrySet()) {
      out.writeFieldName(attribute.getKey());
      write(out, attribute.getValue());
    }
    out.writeEndObject();
  }

  public static void write(JsonGenerator out, Value value) throws IOException {
    out.writeStartObject();
    switch (value) {
      case Value.S s -> out.writeStringField("S", s.value());
      case Value.N n -> out.writeStringField("N", n.text());
      case Value.B b -> out.writeStringField("B", b.value().base64());
      case Value.Bool bool -> out.writeBooleanField("BOOL", bool.value());
      case Value.Null ignored -> out.writeBooleanField("NULL", true);
      case Value.L l -> {
        out.writeArrayFieldStart("L");
        for (Value element : l.values()) {
          write(out, element);
        }
        out.writeEndArray();
      }
      case Value.M m -> {
        out.writeFieldName("M");
        write(out, m.values());
      }
      case Value.SS ss -> {
        out.writeArrayFieldStart("SS");
        for (String element : ss.values()) {
          out.writeString(element);
        }
        out.writeEndArray();
      }
      case Value.NS ns -> {
        out.writeArrayFieldStart("NS");
        for (BigDecimal element : ns.values()) {
          out.writeString(Numbers.text(element));
        }
        out.writeEndArray();
      }
      case Value.BS bs -> {
        out.writeArrayFieldStart("BS");
        for (Bytes element : bs.values()) {
          out.writeString(element.base64());
        }
        out.writeEndArray();
      }
    }
    out.writeEndObject();
  }
}
