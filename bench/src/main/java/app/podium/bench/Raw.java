package app.podium.bench;

import app.podium.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Plain SDK calls with nothing of Podium in between: the baselines the benchmarks divide by, and
 * the setup and checks around them.
 */
final class Raw {
  static final int WRITES_PER_CALL = 25;

  private Raw() {}

  /**
   * The straightforward loop: one BatchWriteItem of 25 items after another, each call's
   * UnprocessedItems sent again (after a short pause) before the next chunk.
   */
  static void batchWriteSequential(
      DynamoDbClient client, String table, List<Map<String, AttributeValue>> items) {
    for (int i = 0; i < items.size(); i += WRITES_PER_CALL) {
      writeChunk(client, table, items.subList(i, Math.min(items.size(), i + WRITES_PER_CALL)));
    }
  }

  /**
   * The same calls on {@code lanes} threads at once, chunk i on lane i mod lanes: what the
   * product's Batches does with its 4 calls in flight, without the rest of the fan-out around it.
   */
  static void batchWriteInLanes(
      DynamoDbClient client, String table, List<Map<String, AttributeValue>> items, int lanes) {
    List<List<Map<String, AttributeValue>>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += WRITES_PER_CALL) {
      chunks.add(items.subList(i, Math.min(items.size(), i + WRITES_PER_CALL)));
    }
    try (ExecutorService pool = Executors.newFixedThreadPool(lanes)) {
      List<Future<?>> running = new ArrayList<>();
      for (int lane = 0; lane < lanes; lane++) {
        int first = lane;
        running.add(
            pool.submit(
                () -> {
                  for (int c = first; c < chunks.size(); c += lanes) {
                    writeChunk(client, table, chunks.get(c));
                  }
                }));
      }
      for (Future<?> lane : running) {
        lane.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a batch write lane failed", e.getCause());
    }
  }

  private static void writeChunk(
      DynamoDbClient client, String table, List<Map<String, AttributeValue>> chunk) {
    List<WriteRequest> pending =
        chunk.stream()
            .map(
                item ->
                    WriteRequest.builder()
                        .putRequest(PutRequest.builder().item(item).build())
                        .build())
            .toList();
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > 10) {
        throw new IllegalStateException(
            pending.size() + " items of " + table + " still unprocessed");
      }
      if (attempt > 1) {
        pause(10L << attempt);
      }
      List<WriteRequest> sending = pending;
      pending =
          client
              .batchWriteItem(r -> r.requestItems(Map.of(table, sending)))
              .unprocessedItems()
              .getOrDefault(table, List.of());
    }
  }

  /** One PutItem per item, one after another. */
  static void putSequential(
      DynamoDbClient client, String table, List<Map<String, AttributeValue>> items) {
    for (Map<String, AttributeValue> item : items) {
      client.putItem(r -> r.tableName(table).item(item));
    }
  }

  /** The timeline entries of one status, counted with a Scan (Select COUNT, all pages). */
  static long timelineEntriesOf(DynamoDbClient client, String prefix, long statusId) {
    long count = 0;
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      ScanResponse page =
          client.scan(
              r ->
                  r.tableName(Tables.TIMELINES.physicalName(prefix))
                      .select(Select.COUNT)
                      .consistentRead(true)
                      .filterExpression("status_id = :status")
                      .expressionAttributeValues(Map.of(":status", Items.n(statusId)))
                      .exclusiveStartKey(from));
      count += page.count();
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? new HashMap<>(page.lastEvaluatedKey())
              : null;
    } while (start != null);
    return count;
  }

  /**
   * Drops the timelines table and makes it again, so that every run writes into the same empty
   * table.
   */
  static void clearTimelines(DynamoDbClient client, String prefix) {
    String name = Tables.TIMELINES.physicalName(prefix);
    client.deleteTable(r -> r.tableName(name));
    // only this table is made again (LocalDynamoDb.createTables would look at them all); the
    // timelines table has
    // no index, so its two keys and TTL are all there is.
    Tables.Key partition = Tables.TIMELINES.partitionKey();
    Tables.Key sort = Tables.TIMELINES.sortKey().orElseThrow();
    client.createTable(
        r ->
            r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(definition(partition), definition(sort))
                .keySchema(
                    KeySchemaElement.builder()
                        .attributeName(partition.name())
                        .keyType(KeyType.HASH)
                        .build(),
                    KeySchemaElement.builder()
                        .attributeName(sort.name())
                        .keyType(KeyType.RANGE)
                        .build()));
    Tables.TIMELINES
        .ttlAttribute()
        .ifPresent(
            attribute ->
                client.updateTimeToLive(
                    r ->
                        r.tableName(name)
                            .timeToLiveSpecification(
                                t -> t.attributeName(attribute).enabled(true))));
    long left =
        client
            .scan(r -> r.tableName(Tables.TIMELINES.physicalName(prefix)).select(Select.COUNT))
            .count();
    if (left != 0) {
      throw new IllegalStateException("timelines not empty after clearing: " + left);
    }
  }

  private static AttributeDefinition definition(Tables.Key key) {
    return AttributeDefinition.builder()
        .attributeName(key.name())
        .attributeType(
            key.type() == Tables.AttributeType.STRING
                ? ScalarAttributeType.S
                : ScalarAttributeType.N)
        .build();
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
