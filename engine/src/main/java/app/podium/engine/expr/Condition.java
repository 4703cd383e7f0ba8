package app.podium.engine.expr;

import java.util.List;

/** A condition, key condition or filter expression. */
public sealed interface Condition {
  enum Comparator {
    EQ("="),
    NE("<>"),
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">=");

    final String symbol;

    Comparator(String symbol) {
      this.symbol = symbol;
    }

    /** The same comparison with its operands swapped ({@code :a > b} is {@code b < :a}). */
    public Comparator flipped() {
      return switch (this) {
        case LT -> GT;
        case LE -> GE;
        case GT -> LT;
        case GE -> LE;
        default -> this;
      };
    }
  }

  record Compare(Comparator comparator, Operand left, Operand right) implements Condition {}

  record Between(Operand value, Operand low, Operand high) implements Condition {}

  record In(Operand value, List<Operand> candidates) implements Condition {}

  record And(Condition left, Condition right) implements Condition {}

  record Or(Condition left, Condition right) implements Condition {}

  record Not(Condition condition) implements Condition {}

  record Exists(Path path, boolean exists) implements Condition {}

  record TypeIs(Path path, Operand type) implements Condition {}

  record BeginsWith(Operand value, Operand prefix) implements Condition {}

  record Contains(Operand container, Operand element) implements Condition {}
}
