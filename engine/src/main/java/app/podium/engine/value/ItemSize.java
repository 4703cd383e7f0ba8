package app.podium.engine.value;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sizes as DynamoDB computes them ("DynamoDB item sizes and formats"): names and strings in UTF-8
 * bytes, binary in raw bytes, a number one byte per two significant digits plus one, a boolean or
 * null one byte, a list or map 3 bytes plus one byte per element plus its elements.
 */
public final class ItemSize {
  /** DynamoDB's largest item: 400 KB. */
  public static final int MAX_ITEM = 400 * 1024;

  private ItemSize() {}

  public static int of(Map<String, Value> item) {
    int size = 0;
    for (Map.Entry<String, Value> attribute : item.entrySet()) {
      size += utf8(attribute.getKey()) + of(attribute.getValue());
    }
    return size;
  }

  public static int of(Value value) {
    return switch (value) {
      case Value.S s -> utf8(s.value());
      case Value.N n -> number(n.value());
      case Value.B b -> b.value().length();
      case Value.Bool ignored -> 1;
      case Value.Null ignored -> 1;
      case Value.L l -> {
        int size = 3;
        for (Value element : l.values()) {
          size += 1 + of(element);
        }
        yield size;
      }
      case Value.M m -> {
        int size = 3;
        for (Map.Entry<String, Value> entry : m.values().entrySet()) {
          size += 1 + utf8(entry.getKey()) + of(entry.getValue());
        }
        yield size;
      }
      case Value.SS ss -> ss.values().stream().mapToInt(ItemSize::utf8).sum();
      case Value.NS ns -> ns.values().stream().mapToInt(ItemSize::number).sum();
      case Value.BS bs -> bs.values().stream().mapToInt(Bytes::length).sum();
    };
  }

  private static int number(java.math.BigDecimal value) {
    return (Numbers.significantDigits(value) + 1) / 2 + 1;
  }

  public static int utf8(String text) {
    int length = text.length();
    int bytes = length;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c >= 0x80) {
        // fall back to the encoder for the rare non-ASCII text: surrogates and 2-3 byte forms
        return text.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    return bytes;
  }
}
