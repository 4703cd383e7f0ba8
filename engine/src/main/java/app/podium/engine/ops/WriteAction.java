package app.podium.engine.ops;

import app.podium.engine.expr.Condition;
import app.podium.engine.expr.Evaluator;
import app.podium.engine.expr.Update;
import app.podium.engine.store.ItemKey;
import app.podium.engine.store.Table;
import app.podium.engine.value.Value;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One validated item write, as PutItem, UpdateItem, DeleteItem, a batch or a transaction asks for
 * it.
 */
sealed interface WriteAction {
  Table table();

  ItemKey key();

  /** Must hold on the item before the write (null: no condition). */
  Condition condition();

  /**
   * The item after this write, given the item before it (null when there was none); null deletes
   * the item.
   */
  Map<String, Value> after(Map<String, Value> before);

  /** Whether this action stores anything (a ConditionCheck does not). */
  default boolean writes() {
    return true;
  }

  record Put(Table table, ItemKey key, Map<String, Value> item, Condition condition)
      implements WriteAction {
    @Override
    public Map<String, Value> after(Map<String, Value> before) {
      return item;
    }
  }

  record Delete(Table table, ItemKey key, Condition condition) implements WriteAction {
    @Override
    public Map<String, Value> after(Map<String, Value> before) {
      return null;
    }
  }

  record Check(Table table, ItemKey key, Condition condition) implements WriteAction {
    @Override
    public Map<String, Value> after(Map<String, Value> before) {
      return before;
    }

    @Override
    public boolean writes() {
      return false;
    }
  }

  /** An update: on a missing item it starts from the key alone, as DynamoDB creates the item. */
  record Modify(Table table, ItemKey key, Update update, Condition condition)
      implements WriteAction {
    @Override
    public Map<String, Value> after(Map<String, Value> before) {
      Map<String, Value> base =
          before != null ? before : new LinkedHashMap<>(key.toItem(table.def().keys()));
      if (update == null) {
        return base;
      }
      Map<String, Value> result = Evaluator.apply(update, base);
      KeyRules.checkSize(result, "Item size to update has exceeded the maximum allowed size");
      KeyRules.checkIndexKeys(table.def(), result);
      return result;
    }
  }
}
