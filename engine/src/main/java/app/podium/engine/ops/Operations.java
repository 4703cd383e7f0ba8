package app.podium.engine.ops;

import app.podium.engine.value.DynamoError;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** DynamoDB's operations by name; any other name is an UnknownOperationException that names it. */
public final class Operations {
  private final Map<String, Function<JsonNode, Map<String, Object>>> handlers =
      new LinkedHashMap<>();

  public Operations(Context context) {
    TableOps tables = new TableOps(context);
    ItemOps items = new ItemOps(context);
    QueryScan reads = new QueryScan(context);
    Batches batches = new Batches(context);
    Transactions transactions = new Transactions(context);
    handlers.put("CreateTable", tables::createTable);
    handlers.put("DeleteTable", tables::deleteTable);
    handlers.put("DescribeTable", tables::describeTable);
    handlers.put("ListTables", tables::listTables);
    handlers.put("UpdateTable", tables::updateTable);
    handlers.put("UpdateTimeToLive", tables::updateTimeToLive);
    handlers.put("DescribeTimeToLive", tables::describeTimeToLive);
    handlers.put("GetItem", items::getItem);
    handlers.put("PutItem", items::putItem);
    handlers.put("UpdateItem", items::updateItem);
    handlers.put("DeleteItem", items::deleteItem);
    handlers.put("Query", reads::query);
    handlers.put("Scan", reads::scan);
    handlers.put("BatchGetItem", batches::batchGetItem);
    handlers.put("BatchWriteItem", batches::batchWriteItem);
    handlers.put("TransactGetItems", transactions::transactGetItems);
    handlers.put("TransactWriteItems", transactions::transactWriteItems);
  }

  public Set<String> names() {
    return handlers.keySet();
  }

  public boolean knows(String operation) {
    return handlers.containsKey(operation);
  }

  /** The answer to {@code request}, or the DynamoError DynamoDB would answer with. */
  public Map<String, Object> handle(String operation, JsonNode request) {
    Function<JsonNode, Map<String, Object>> handler = handlers.get(operation);
    if (handler == null) {
      throw unknown(operation);
    }
    if (request == null || !request.isObject()) {
      throw DynamoError.serialization("Start of structure or map found where not expected");
    }
    return handler.apply(request);
  }

  public static DynamoError unknown(String operation) {
    return new DynamoError(
        "UnknownOperationException", 400, "An unknown operation was requested: " + operation);
  }
}
