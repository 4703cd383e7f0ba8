package app.podium.engine.value;

/** Small helpers over values. */
public final class Values {
  /** A placeholder value where a refused expression still needs an operand. */
  public static final Value NULL = Value.Null.INSTANCE;

  private Values() {}

  /** As DynamoDB prints a scalar in a message, without braces: {@code N:5}, {@code S:abc}. */
  public static String brief(Value value) {
    return value.type()
        + ":"
        + switch (value) {
          case Value.S s -> s.value();
          case Value.N n -> n.text();
          case Value.B b -> b.value().base64();
          case Value.Bool bool -> Boolean.toString(bool.value());
          default -> value.toString();
        };
  }
}
