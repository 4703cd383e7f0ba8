package app.podium.engine.ops;

import app.podium.engine.value.Value;
import app.podium.engine.value.ValueJson;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * Writes answers: maps, lists, strings, numbers, booleans, JSON trees and attribute values (in
 * DynamoDB's typed form), straight to bytes.
 */
public final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] bytes(Object answer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    write(out, answer);
    return out.toByteArray();
  }

  /** Writes {@code answer} as JSON into {@code out}. */
  public static void write(OutputStream out, Object answer) {
    try (JsonGenerator generator = FACTORY.createGenerator(out)) {
      write(generator, answer);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @SuppressWarnings("unchecked")
  static void write(JsonGenerator out, Object value) throws IOException {
    switch (value) {
      case null -> out.writeNull();
      case Value attribute -> ValueJson.write(out, attribute);
      case String text -> out.writeString(text);
      case Boolean bool -> out.writeBoolean(bool);
      case BigDecimal decimal -> out.writeNumber(decimal);
      case Double number -> out.writeNumber(number);
      case Integer number -> out.writeNumber(number);
      case Long number -> out.writeNumber(number);
      case JsonNode node -> MAPPER.writeTree(out, node);
      case Map<?, ?> map -> {
        out.writeStartObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          out.writeFieldName((String) entry.getKey());
          write(out, entry.getValue());
        }
        out.writeEndObject();
      }
      case List<?> list -> {
        out.writeStartArray();
        for (Object element : list) {
          write(out, element);
        }
        out.writeEndArray();
      }
      default -> throw new IllegalArgumentException("cannot write " + value.getClass());
    }
  }

  /**
   * An item as a JSON tree (to put it back into a request-shaped answer such as UnprocessedKeys).
   */
  static JsonNode tree(Map<String, Value> item) {
    try {
      return MAPPER.readTree(bytes(item));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
