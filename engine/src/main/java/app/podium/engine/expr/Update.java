package app.podium.engine.expr;

import java.util.List;

/** An update expression: its SET, REMOVE, ADD and DELETE actions, each in the order written. */
public record Update(List<Set> sets, List<Path> removes, List<Add> adds, List<Delete> deletes) {
  public record Set(Path path, Operand value) {}

  public record Add(Path path, Operand.Literal value) {}

  public record Delete(Path path, Operand.Literal value) {}

  public Update {
    sets = List.copyOf(sets);
    removes = List.copyOf(removes);
    adds = List.copyOf(adds);
    deletes = List.copyOf(deletes);
  }
}
