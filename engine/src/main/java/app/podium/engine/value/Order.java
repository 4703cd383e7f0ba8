package app.podium.engine.value;

/**
 * DynamoDB's order of scalar values: strings by their UTF-8 bytes (which is code point order),
 * numbers by value, binary by unsigned bytes. Keys are sorted, and conditions compare, in this
 * order.
 */
public final class Order {
  private Order() {}

  /** Compares two scalars of the same type (S, N or B). */
  public static int compare(Value a, Value b) {
    return switch (a) {
      case Value.S s -> compareStrings(s.value(), ((Value.S) b).value());
      case Value.N n -> n.value().compareTo(((Value.N) b).value());
      case Value.B bin -> bin.value().compareTo(((Value.B) b).value());
      default -> throw new IllegalArgumentException("not a scalar: " + a.type());
    };
  }

  /** Whether {@code <}, {@code BETWEEN} and friends can compare these two values. */
  public static boolean comparable(Value a, Value b) {
    return a.type() == b.type()
        && (a instanceof Value.S || a instanceof Value.N || a instanceof Value.B);
  }

  /**
   * Code point order of two UTF-16 strings, which is the order of their UTF-8 bytes. Java's own
   * compareTo orders by UTF-16 units, which puts supplementary characters (surrogates) before
   * U+E000..U+FFFF; shifting both ranges fixes that without encoding anything.
   */
  public static int compareStrings(String a, String b) {
    int length = Math.min(a.length(), b.length());
    for (int i = 0; i < length; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        if (x >= 0xD800 && y >= 0xD800) {
          return fixup(x) - fixup(y);
        }
        return x - y;
      }
    }
    return a.length() - b.length();
  }

  private static int fixup(char c) {
    return c >= 0xE000 ? c - 0x800 : c + 0x2000;
  }

  /**
   * The least value greater than every value that begins with {@code prefix} (S or B), or null when
   * there is none: the upper bound of a begins_with range.
   */
  public static Value prefixEnd(Value prefix) {
    if (prefix instanceof Value.S s) {
      StringBuilder text = new StringBuilder(s.value());
      while (!text.isEmpty()) {
        int last = text.codePointBefore(text.length());
        text.setLength(text.length() - Character.charCount(last));
        if (last < Character.MAX_CODE_POINT) {
          int next = last + 1 == Character.MIN_SURROGATE ? 0xE000 : last + 1;
          return new Value.S(text.appendCodePoint(next).toString());
        }
      }
      return null;
    }
    byte[] bytes = ((Value.B) prefix).value().toArray();
    int end = bytes.length;
    while (end > 0 && bytes[end - 1] == (byte) 0xFF) {
      end--;
    }
    if (end == 0) {
      return null;
    }
    byte[] bound = java.util.Arrays.copyOf(bytes, end);
    bound[end - 1]++;
    return new Value.B(Bytes.wrap(bound));
  }
}
