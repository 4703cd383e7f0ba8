package app.podium.bench;

import app.podium.Tables;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * The items a DynamoDB write request writes, each named by its table and key, e.g. {@code
 * counter_shards key=123:favourites#7}: one for PutItem, UpdateItem and DeleteItem, one per item of
 * a BatchWriteItem or TransactWriteItems. A transaction's ConditionCheck writes nothing and is left
 * out. A put names its item by the table's key attributes, which is why the tables are needed.
 */
final class WrittenKeys {
  private WrittenKeys() {}

  /**
   * An item written: the table's logical name and the key, rendered {@code name=value} in key
   * order.
   */
  record Written(String table, String key) {
    @Override
    public String toString() {
      return table + " " + key;
    }
  }

  /**
   * @param tables the table of a physical name, or null for a table Podium does not have
   */
  static List<Written> of(SdkRequest request, Function<String, Tables.Table> tables) {
    List<Written> written = new ArrayList<>();
    switch (request) {
      case PutItemRequest put -> written.add(byItem(tables, put.tableName(), put.item()));
      case UpdateItemRequest update -> written.add(byKey(tables, update.tableName(), update.key()));
      case DeleteItemRequest delete -> written.add(byKey(tables, delete.tableName(), delete.key()));
      case BatchWriteItemRequest batch ->
          batch
              .requestItems()
              .forEach(
                  (table, requests) ->
                      requests.forEach(
                          r ->
                              written.add(
                                  r.putRequest() != null
                                      ? byItem(tables, table, r.putRequest().item())
                                      : byKey(tables, table, r.deleteRequest().key()))));
      case TransactWriteItemsRequest transaction -> {
        for (TransactWriteItem item : transaction.transactItems()) {
          if (item.put() != null) {
            written.add(byItem(tables, item.put().tableName(), item.put().item()));
          } else if (item.update() != null) {
            written.add(byKey(tables, item.update().tableName(), item.update().key()));
          } else if (item.delete() != null) {
            written.add(byKey(tables, item.delete().tableName(), item.delete().key()));
          }
        }
      }
      default -> {}
    }
    return written;
  }

  /** Physical table names of one prefix to Podium's tables. */
  static Function<String, Tables.Table> tablesOf(String prefix) {
    Map<String, Tables.Table> byName = new java.util.HashMap<>();
    Tables.ALL.forEach(t -> byName.put(t.physicalName(prefix), t));
    return byName::get;
  }

  private static Written byItem(
      Function<String, Tables.Table> tables, String physical, Map<String, AttributeValue> item) {
    Tables.Table table = tables.apply(physical);
    if (table == null) {
      return new Written(physical, "?");
    }
    List<String> names =
        Stream.concat(Stream.of(table.partitionKey()), table.sortKey().stream())
            .map(Tables.Key::name)
            .toList();
    return new Written(table.name(), render(names, item));
  }

  private static Written byKey(
      Function<String, Tables.Table> tables, String physical, Map<String, AttributeValue> key) {
    Tables.Table table = tables.apply(physical);
    List<String> names =
        table == null
            ? key.keySet().stream().sorted().toList()
            : Stream.concat(Stream.of(table.partitionKey()), table.sortKey().stream())
                .map(Tables.Key::name)
                .toList();
    return new Written(table == null ? physical : table.name(), render(names, key));
  }

  private static String render(List<String> names, Map<String, AttributeValue> item) {
    List<String> parts = new ArrayList<>();
    for (String name : names) {
      AttributeValue value = item.get(name);
      parts.add(name + "=" + (value == null ? "?" : value.s() != null ? value.s() : value.n()));
    }
    return String.join(",", parts);
  }
}
