package app.podium.engine.store;

import app.podium.engine.value.Value;
import java.util.List;
import java.util.Map;

/**
 * A change to the database as the durable log records it: replaying the changes in order rebuilds
 * the data.
 */
public sealed interface Change {
  /** A table created or redefined (indexes, TTL, billing). */
  record TableDefined(TableDef def) implements Change {}

  record TableDropped(String name) implements Change {}

  /** Items written together, atomically: one write, or every write of a transaction. */
  record Items(List<ItemWrite> writes) implements Change {}

  /** One item stored ({@code item} set) or deleted ({@code item} null, {@code key} its key). */
  record ItemWrite(String table, Map<String, Value> key, Map<String, Value> item) {}
}
