package app.podium.engine.value;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One DynamoDB attribute value. Values are immutable; sets keep their first-seen order and compare
 * as sets; numbers are normalized (see {@link Numbers}) so that {@code equals} is DynamoDB's
 * equality.
 */
public sealed interface Value {
  enum Type {
    S("STRING"),
    N("NUMBER"),
    B("BINARY"),
    BOOL("BOOLEAN"),
    NULL("NULL"),
    L("LIST"),
    M("MAP"),
    SS("STRING_SET"),
    NS("NUMBER_SET"),
    BS("BINARY_SET");

    private final String longName;

    Type(String longName) {
      this.longName = longName;
    }

    /** The name DynamoDB uses for the type in some messages ("operand type: STRING"). */
    public String longName() {
      return longName;
    }

    public boolean isSet() {
      return this == SS || this == NS || this == BS;
    }
  }

  Type type();

  record S(String value) implements Value {
    @Override
    public Type type() {
      return Type.S;
    }
  }

  record N(BigDecimal value) implements Value {
    public static N of(String text) {
      return new N(Numbers.parse(text));
    }

    public static N of(long number) {
      return new N(Numbers.checked(BigDecimal.valueOf(number)));
    }

    public String text() {
      return Numbers.text(value);
    }

    @Override
    public Type type() {
      return Type.N;
    }
  }

  record B(Bytes value) implements Value {
    @Override
    public Type type() {
      return Type.B;
    }
  }

  record Bool(boolean value) implements Value {
    public static final Bool TRUE = new Bool(true);
    public static final Bool FALSE = new Bool(false);

    @Override
    public Type type() {
      return Type.BOOL;
    }
  }

  record Null() implements Value {
    public static final Null INSTANCE = new Null();

    @Override
    public Type type() {
      return Type.NULL;
    }
  }

  record L(List<Value> values) implements Value {
    public L {
      values = List.copyOf(values);
    }

    @Override
    public Type type() {
      return Type.L;
    }
  }

  record M(Map<String, Value> values) implements Value {
    public M {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override
    public Type type() {
      return Type.M;
    }
  }

  record SS(Set<String> values) implements Value {
    public SS {
      values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    @Override
    public Type type() {
      return Type.SS;
    }
  }

  record NS(Set<BigDecimal> values) implements Value {
    public NS {
      values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    @Override
    public Type type() {
      return Type.NS;
    }
  }

  record BS(Set<Bytes> values) implements Value {
    public BS {
      values = Collections.unmodifiableSet(new LinkedHashSet<>(values));
    }

    @Override
    public Type type() {
      return Type.BS;
    }
  }

  /** Elements of a set value as values of their scalar type, in the set's order. */
  static List<Value> elements(Value set) {
    return switch (set) {
      case SS ss -> ss.values().stream().<Value>map(S::new).toList();
      case NS ns -> ns.values().stream().<Value>map(N::new).toList();
      case BS bs -> bs.values().stream().<Value>map(B::new).toList();
      default -> throw new IllegalArgumentException("not a set: " + set.type());
    };
  }
}
