package app.podium.engine.store;

import java.util.List;

/**
 * A secondary index: global (its own partition key) or local (the table's partition key, another
 * sort key).
 */
public record IndexDef(
    String name,
    boolean global,
    KeySchema keys,
    ProjectionType projection,
    List<String> nonKeyAttributes,
    long readUnits,
    long writeUnits) {
  public enum ProjectionType {
    ALL,
    KEYS_ONLY,
    INCLUDE
  }

  public IndexDef {
    nonKeyAttributes = nonKeyAttributes == null ? List.of() : List.copyOf(nonKeyAttributes);
  }
}
