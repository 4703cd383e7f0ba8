package app.podium.engine.ops;

import app.podium.engine.expr.Evaluator;
import app.podium.engine.limits.Charge;
import app.podium.engine.store.Capacity;
import app.podium.engine.store.Database;
import app.podium.engine.store.IndexStore;
import app.podium.engine.store.ItemLocks;
import app.podium.engine.store.Row;
import app.podium.engine.store.Table;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.ItemSize;
import app.podium.engine.value.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs one item write atomically under the item's lock: condition, new state, throughput, capacity,
 * commit. Also prices writes for transactions and batches.
 */
final class Writer {
  static final String THROTTLED =
      "Throughput exceeds the current capacity of your table or index. DynamoDB is "
          + "automatically scaling your table or index so please try again shortly. If exceptions persist, check if you "
          + "have a hot key: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html";

  /** The item before and after a write that went through. */
  record Outcome(Map<String, Value> before, Map<String, Value> after) {}

  private final Context context;

  Writer(Context context) {
    this.context = context;
  }

  /**
   * Writes one item. Throws ConditionalCheckFailedException (with the old item when {@code
   * returnOldOnFailure}), ProvisionedThroughputExceededException when its partition is over its
   * limit, or a validation error.
   */
  Outcome write(WriteAction action, boolean returnOldOnFailure, Consumed consumed) {
    Database database = context.database();
    ItemLocks locks = database.locks();
    int stripe = locks.stripe(action.table().name(), action.key());
    locks.lock(stripe);
    try {
      Row row = action.table().get(action.key());
      Map<String, Value> before = row == null ? null : row.item();
      boolean passes = passes(action, before);
      Map<String, Value> after = passes ? action.after(before) : before;
      List<Charge> charges = charges(action, row, after, 1);
      if (!context.throughput().admit(charges)) {
        throw throttled();
      }
      record(action, charges, consumed);
      if (!passes) {
        DynamoError failed = DynamoError.conditionalCheckFailed();
        if (returnOldOnFailure && before != null) {
          failed.with("Item", before);
        }
        throw failed;
      }
      if (action.writes() && (before != null || after != null)) {
        database.commit(List.of(new Database.Write(action.table(), action.key(), after)));
      }
      return new Outcome(before, after);
    } finally {
      locks.unlock(stripe);
    }
  }

  static boolean passes(WriteAction action, Map<String, Value> before) {
    return action.condition() == null
        || Evaluator.test(action.condition(), before == null ? Map.of() : before);
  }

  static DynamoError throttled() {
    return new DynamoError("ProvisionedThroughputExceededException", 400, THROTTLED);
  }

  /**
   * What a write costs each partition it touches: the table's (a write unit per KB of the larger of
   * the item before and after; a ConditionCheck reads instead) and each index whose row changes.
   * {@code factor} is 2 in a transaction.
   */
  static List<Charge> charges(WriteAction action, Row row, Map<String, Value> after, int factor) {
    Table table = action.table();
    Map<String, Value> before = row == null ? null : row.item();
    List<Charge> charges = new ArrayList<>();
    // the stored row knows its size; the item after is unchanged when the write does not apply
    int size =
        Math.max(
            row == null ? 0 : row.size(),
            after == null ? 0 : after == before ? row.size() : ItemSize.of(after));
    if (!action.writes()) {
      charges.add(
          Charge.read(table.name(), null, action.key().hash(), factor * Capacity.readUnits(size)));
      return charges;
    }
    charges.add(
        Charge.write(table.name(), null, action.key().hash(), factor * Capacity.writeUnits(size)));
    for (IndexStore index : table.indexes().values()) {
      int units = index.writeUnits(before, after);
      if (units > 0) {
        Map<String, Value> keyed = index.covers(after) ? after : before;
        charges.add(
            Charge.write(
                table.name(),
                index.def().name(),
                keyed.get(index.def().keys().hash()),
                factor * units));
      }
    }
    return charges;
  }

  /** Adds a write's charges ({@link #charges}) to the request's consumed capacity. */
  static void record(WriteAction action, List<Charge> charges, Consumed consumed) {
    for (Charge charge : charges) {
      double units = charge.readUnits() + charge.writeUnits();
      if (charge.index() == null) {
        consumed.table(charge.table(), units);
      } else {
        consumed.index(
            charge.table(),
            charge.index(),
            action.table().indexes().get(charge.index()).def().global(),
            units);
      }
    }
  }
}
