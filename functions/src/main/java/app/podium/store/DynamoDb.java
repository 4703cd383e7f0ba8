package app.podium.store;

import app.podium.Tables;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * The DynamoDB clients and the physical table names, built once per container. The low-level client
 * serves the few writes the Enhanced Client cannot express (counters, conditional updates inside
 * transactions); the Enhanced Client and its static schemas serve everything else.
 */
public final class DynamoDb {
  private final DynamoDbClient client;
  private final DynamoDbEnhancedClient enhanced;
  private final String prefix;

  public DynamoDb(DynamoDbClient client, String prefix) {
    this.client = client;
    this.enhanced = DynamoDbEnhancedClient.builder().dynamoDbClient(client).build();
    this.prefix = prefix;
  }

  public DynamoDbClient client() {
    return client;
  }

  public String name(Tables.Table table) {
    return table.physicalName(prefix);
  }

  public <T> DynamoDbTable<T> table(Tables.Table table, TableSchema<T> schema) {
    return enhanced.table(name(table), schema);
  }

  public DynamoDbEnhancedClient enhanced() {
    return enhanced;
  }

  /**
   * The item at {@code key} as stored, through the low-level client; empty if there is none. {@code
   * read} adds what the read needs besides (a projection, a consistent read).
   */
  public Optional<Map<String, AttributeValue>> item(
      Tables.Table table, Map<String, AttributeValue> key, Consumer<GetItemRequest.Builder> read) {
    Map<String, AttributeValue> item =
        client.getItem(r -> read.accept(r.tableName(name(table)).key(key))).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
  }

  /** The item whose partition key is {@code partitionValue}, read consistently; empty if none. */
  public static <T> Optional<T> find(DynamoDbTable<T> table, String partitionValue) {
    return Optional.ofNullable(
        table.getItem(r -> r.key(k -> k.partitionValue(partitionValue)).consistentRead(true)));
  }

  /**
   * Puts {@code item} unless an item with its key is there already (a new id, code or hash that
   * collided, or a second join): true if it was put. The caller says what a collision means.
   */
  public static <T> boolean putNew(DynamoDbTable<T> table, T item) {
    String partitionKey = table.tableSchema().tableMetadata().primaryPartitionKey();
    Expression absent =
        Expression.builder()
            .expression("attribute_not_exists(#k)")
            .putExpressionName("#k", partitionKey)
            .build();
    try {
      table.putItem(r -> r.item(item).conditionExpression(absent));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /**
   * A conditional update of the item at {@code key}: {@code update} says what to set and on which
   * condition. The response if the condition held; empty if it failed (the caller says what that
   * means: already done, absent, or not allowed).
   */
  public Optional<UpdateItemResponse> updateIf(
      Tables.Table table,
      Map<String, AttributeValue> key,
      Consumer<UpdateItemRequest.Builder> update) {
    try {
      return Optional.of(client.updateItem(r -> update.accept(r.tableName(name(table)).key(key))));
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty();
    }
  }

  /** A transaction's put of {@code item}; {@code condition} may be null (none). */
  public TransactWriteItem put(
      Tables.Table table, Map<String, AttributeValue> item, String condition) {
    return TransactWriteItem.builder()
        .put(p -> p.tableName(name(table)).item(item).conditionExpression(condition))
        .build();
  }

  /** A transaction's delete of the item at {@code key}; {@code condition} may be null (none). */
  public TransactWriteItem delete(
      Tables.Table table, Map<String, AttributeValue> key, String condition) {
    return TransactWriteItem.builder()
        .delete(d -> d.tableName(name(table)).key(key).conditionExpression(condition))
        .build();
  }

  /** A transaction's check that the item at {@code key} meets {@code condition}. */
  public TransactWriteItem check(
      Tables.Table table, Map<String, AttributeValue> key, String condition) {
    return TransactWriteItem.builder()
        .conditionCheck(c -> c.tableName(name(table)).key(key).conditionExpression(condition))
        .build();
  }

  /** An update of the item at {@code key} for a transaction; {@code condition} may be null. */
  public Update update(
      Tables.Table table,
      Map<String, AttributeValue> key,
      String expression,
      String condition,
      Map<String, AttributeValue> values) {
    return Update.builder()
        .tableName(name(table))
        .key(key)
        .updateExpression(expression)
        .conditionExpression(condition)
        .expressionAttributeValues(values)
        .build();
  }

  public static TransactWriteItem write(Update update) {
    return TransactWriteItem.builder().update(update).build();
  }

  /**
   * Runs a transaction, retrying it while DynamoDB cancels it only because another transaction held
   * one of its items. Cancellations for a failed condition are the caller's to interpret.
   */
  public static <T> T retryingConflicts(Supplier<T> transaction) {
    for (int attempt = 1; ; attempt++) {
      try {
        return transaction.get();
      } catch (TransactionCanceledException e) {
        boolean conflictOnly =
            e.cancellationReasons().stream()
                .map(CancellationReason::code)
                .allMatch(
                    code ->
                        code == null || "None".equals(code) || "TransactionConflict".equals(code));
        if (!conflictOnly || attempt >= 10) {
          throw e;
        }
        sleep(Math.min(200, 5L << attempt));
      }
    }
  }

  /**
   * Runs a transaction whose first item guards the invariant (the item must not exist yet, or must
   * still exist). True if it ran; false if only that first condition failed, so the change was
   * already made. Any other failed condition means a related item is missing: the caller's {@code
   * otherwise}.
   */
  public boolean transactUnlessDone(
      List<TransactWriteItem> items, Supplier<? extends RuntimeException> otherwise) {
    return transactUnlessDone(items, failed -> otherwise.get());
  }

  /**
   * As above, with the indexes of the items whose condition failed, for transactions that guard
   * more.
   */
  public boolean transactUnlessDone(
      List<TransactWriteItem> items,
      java.util.function.Function<java.util.Set<Integer>, ? extends RuntimeException> otherwise) {
    try {
      retryingConflicts(() -> client.transactWriteItems(r -> r.transactItems(items)));
      return true;
    } catch (TransactionCanceledException e) {
      java.util.Set<Integer> failed = failedConditions(e);
      if (failed.equals(java.util.Set.of(0))) {
        return false;
      }
      if (failed.isEmpty()) {
        throw new app.podium.shared.DomainException.Conflict(
            "A concurrent change got there first; please retry");
      }
      throw otherwise.apply(failed);
    }
  }

  /** The indexes of the items whose condition failed, in the order the transaction listed them. */
  public static java.util.Set<Integer> failedConditions(TransactionCanceledException e) {
    java.util.Set<Integer> failed = new java.util.HashSet<>();
    var reasons = e.cancellationReasons();
    for (int i = 0; i < reasons.size(); i++) {
      if ("ConditionalCheckFailed".equals(reasons.get(i).code())) {
        failed.add(i);
      }
    }
    return failed;
  }

  /** Full jitter: a random pause up to {@code capMillis}. */
  public static void sleep(long capMillis) {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, capMillis + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while backing off", e);
    }
  }
}
