package app.podium.engine.expr;

import app.podium.engine.value.Value;

/** Something that evaluates to a value (or to nothing, when a path is missing). */
public sealed interface Operand {
  record PathRef(Path path) implements Operand {}

  record Literal(String placeholder, Value value) implements Operand {}

  record Size(Operand of) implements Operand {}

  record IfNotExists(Path path, Operand fallback) implements Operand {}

  record ListAppend(Operand first, Operand second) implements Operand {}

  record Arithmetic(Operand left, boolean plus, Operand right) implements Operand {}
}
