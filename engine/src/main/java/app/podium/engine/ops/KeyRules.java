package app.podium.engine.ops;

import app.podium.engine.store.IndexDef;
import app.podium.engine.store.ItemKey;
import app.podium.engine.store.KeySchema;
import app.podium.engine.store.TableDef;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.ItemSize;
import app.podium.engine.value.Value;
import java.util.Map;

/**
 * DynamoDB's rules for keys: the schema's attributes, of the schema's types, non-empty, within the
 * size limits.
 */
final class KeyRules {
  static final int MAX_HASH_KEY = 2048;
  static final int MAX_RANGE_KEY = 1024;

  private KeyRules() {}

  /** The key of a {@code Key} parameter, which must hold exactly the table's key attributes. */
  static ItemKey key(TableDef table, Map<String, Value> key) {
    if (key == null) {
      throw DynamoError.validation(
          "1 validation error detected: Value null at 'key' failed to satisfy constraint: "
              + "Member must not be null");
    }
    KeySchema keys = table.keys();
    if (key.size() != keys.names().size() || !key.keySet().containsAll(keys.names())) {
      throw DynamoError.validation("The number of conditions on the keys is invalid");
    }
    checkKeyValues(keys, key);
    return ItemKey.of(keys, key);
  }

  /** The key of a whole item (PutItem), whose key attributes must be there. */
  static ItemKey ofItem(TableDef table, Map<String, Value> item) {
    KeySchema keys = table.keys();
    for (String name : keys.names()) {
      if (!item.containsKey(name)) {
        throw DynamoError.validation("One of the required keys was not given a value");
      }
    }
    checkKeyValues(keys, item);
    return ItemKey.of(keys, item);
  }

  private static void checkKeyValues(KeySchema keys, Map<String, Value> item) {
    Value hash = item.get(keys.hash());
    checkKeyValue(keys.hash(), keys.hashType(), hash);
    if (keySize(hash) > MAX_HASH_KEY) {
      throw DynamoError.invalid(
          "Size of hashkey has exceeded the maximum size limit of" + MAX_HASH_KEY + " bytes");
    }
    if (keys.hasRange()) {
      Value range = item.get(keys.range());
      checkKeyValue(keys.range(), keys.rangeType(), range);
      if (keySize(range) > MAX_RANGE_KEY) {
        throw DynamoError.invalid(
            "Aggregated size of all range keys has exceeded the size limit of "
                + MAX_RANGE_KEY
                + " bytes");
      }
    }
  }

  private static void checkKeyValue(String name, Value.Type type, Value value) {
    if (value.type() != type) {
      throw DynamoError.invalid("Type mismatch for key");
    }
    if (isEmpty(value)) {
      throw DynamoError.validation(
          "One or more parameter values are not valid. The AttributeValue for a key "
              + "attribute cannot contain an empty "
              + (type == Value.Type.S ? "string" : "binary")
              + " value. Key: "
              + name);
    }
  }

  private static boolean isEmpty(Value value) {
    return (value instanceof Value.S s && s.value().isEmpty())
        || (value instanceof Value.B b && b.value().length() == 0);
  }

  private static int keySize(Value value) {
    return ItemSize.of(value);
  }

  /**
   * A new item's index key attributes, where it has them, must be of the index's types and not
   * empty.
   */
  static void checkIndexKeys(TableDef table, Map<String, Value> item) {
    for (IndexDef index : table.indexes()) {
      for (String name : index.keys().names()) {
        Value value = item.get(name);
        if (value == null || table.keys().isKey(name)) {
          continue;
        }
        Value.Type type =
            name.equals(index.keys().hash()) ? index.keys().hashType() : index.keys().rangeType();
        if (value.type() != type) {
          throw DynamoError.invalid("Type mismatch for Index Key");
        }
        if (isEmpty(value)) {
          throw DynamoError.validation(
              "One or more parameter values are not valid. A value specified for a "
                  + "secondary index key is not supported. The AttributeValue for a key attribute cannot contain an "
                  + "empty "
                  + (type == Value.Type.S ? "string" : "binary")
                  + " value. IndexName: "
                  + index.name()
                  + ", IndexKey: "
                  + name);
        }
      }
    }
  }

  static void checkSize(Map<String, Value> item, String message) {
    if (ItemSize.of(item) > ItemSize.MAX_ITEM) {
      throw DynamoError.validation(message);
    }
  }
}
