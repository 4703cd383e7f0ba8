package app.podium.store;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Batch reads and writes as DynamoDB wants them: 25 writes or 100 keys a call, several calls in
 * flight, and whatever comes back unprocessed retried with exponential backoff and full jitter, a
 * bounded number of times. Throttling errors are retried by the SDK's own retry policy first.
 */
public final class Batches {
  static final int WRITES_PER_CALL = 25;
  static final int KEYS_PER_CALL = 100;
  static final int IN_FLIGHT = 4;

  /**
   * Single-item updates in flight at once where DynamoDB offers no batch (e.g. adding to many
   * sets).
   */
  public static final int UPDATE_LANES = 16;

  static final int MAX_ATTEMPTS = 10;
  private static final long BASE_BACKOFF_MILLIS = 20;
  private static final long MAX_BACKOFF_MILLIS = 1_000;
  private static final ExecutorService CALLS = Executors.newVirtualThreadPerTaskExecutor();

  private Batches() {}

  public static void write(DynamoDbClient client, String table, List<WriteRequest> requests) {
    inLanes(
        chunks(requests, WRITES_PER_CALL),
        chunk -> {
          List<WriteRequest> pending = chunk;
          for (int attempt = 1; !pending.isEmpty(); attempt++) {
            beforeAttempt(attempt, pending.size() + " writes to " + table);
            List<WriteRequest> sending = pending;
            pending =
                client
                    .batchWriteItem(r -> r.requestItems(Map.of(table, sending)))
                    .unprocessedItems()
                    .getOrDefault(table, List.of());
          }
        });
  }

  /** Deletes the items at {@code keys} as {@link #write} does; a missing item is no error. */
  public static void delete(
      DynamoDbClient client, String table, List<Map<String, AttributeValue>> keys) {
    write(
        client,
        table,
        keys.stream()
            .map(key -> WriteRequest.builder().deleteRequest(d -> d.key(key)).build())
            .toList());
  }

  /**
   * The items found for {@code keys}, in no particular order; {@code projection} may be null (all).
   */
  public static List<Map<String, AttributeValue>> get(
      DynamoDbClient client,
      String table,
      List<Map<String, AttributeValue>> keys,
      String projection,
      Map<String, String> names) {
    KeysAndAttributes.Builder request = KeysAndAttributes.builder().keys(keys);
    if (projection != null) {
      request.projectionExpression(projection);
      if (names != null && !names.isEmpty()) {
        request.expressionAttributeNames(names);
      }
    }
    return get(client, Map.of(table, request.build())).get(table);
  }

  /**
   * The items found for each table's keys (and projection), in no particular order, every table's
   * keys sharing the same calls of up to 100: reads of several tables that are known together cost
   * one round trip, not one per table.
   */
  public static Map<String, List<Map<String, AttributeValue>>> get(
      DynamoDbClient client, Map<String, KeysAndAttributes> requests) {
    Map<String, List<Map<String, AttributeValue>>> found = new HashMap<>();
    List<Map.Entry<String, Map<String, AttributeValue>>> keys = new ArrayList<>();
    requests.forEach(
        (table, request) -> {
          found.put(table, Collections.synchronizedList(new ArrayList<>()));
          request.keys().forEach(key -> keys.add(Map.entry(table, key)));
        });
    inLanes(
        chunks(keys, KEYS_PER_CALL),
        chunk -> {
          Map<String, KeysAndAttributes> pending = new HashMap<>();
          chunk.stream()
              .collect(
                  Collectors.groupingBy(
                      Map.Entry::getKey,
                      Collectors.mapping(Map.Entry::getValue, Collectors.toList())))
              .forEach(
                  (table, tableKeys) ->
                      pending.put(table, requests.get(table).toBuilder().keys(tableKeys).build()));
          for (int attempt = 1; !pending.isEmpty(); attempt++) {
            beforeAttempt(attempt, unprocessed(pending));
            Map<String, KeysAndAttributes> sending = Map.copyOf(pending);
            var response = client.batchGetItem(r -> r.requestItems(sending));
            response.responses().forEach((table, items) -> found.get(table).addAll(items));
            pending.clear();
            response
                .unprocessedKeys()
                .forEach(
                    (table, left) -> {
                      if (!left.keys().isEmpty()) {
                        pending.put(table, left);
                      }
                    });
          }
        });
    return found;
  }

  private static String unprocessed(Map<String, KeysAndAttributes> pending) {
    return pending.entrySet().stream()
        .map(e -> e.getValue().keys().size() + " keys of " + e.getKey())
        .collect(Collectors.joining(", "));
  }

  /**
   * Runs the chunks on up to {@link #IN_FLIGHT} lanes at once; the first failure fails the whole
   * call.
   */
  private static <T> void inLanes(List<List<T>> chunks, Consumer<List<T>> call) {
    inLanes(chunks, IN_FLIGHT, call);
  }

  public static <T> void inLanes(List<List<T>> chunks, int maxLanes, Consumer<List<T>> call) {
    if (chunks.size() <= 1) {
      chunks.forEach(call);
      return;
    }
    int lanes = Math.min(maxLanes, chunks.size());
    List<CompletableFuture<Void>> running = new ArrayList<>();
    for (int lane = 0; lane < lanes; lane++) {
      int first = lane;
      running.add(
          CompletableFuture.runAsync(
              () -> {
                for (int i = first; i < chunks.size(); i += lanes) {
                  call.accept(chunks.get(i));
                }
              },
              CALLS));
    }
    try {
      CompletableFuture.allOf(running.toArray(CompletableFuture[]::new)).join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }

  public static <T> List<List<T>> chunks(List<T> items, int size) {
    List<List<T>> chunks = new ArrayList<>();
    for (int i = 0; i < items.size(); i += size) {
      chunks.add(items.subList(i, Math.min(items.size(), i + size)));
    }
    return chunks;
  }

  /**
   * Gives up once {@link #MAX_ATTEMPTS} are spent ({@code pending} says what was left); backs off
   * before every attempt but the first.
   */
  private static void beforeAttempt(int attempt, String pending) {
    if (attempt > MAX_ATTEMPTS) {
      throw new IllegalStateException(
          pending + " still unprocessed after " + MAX_ATTEMPTS + " attempts");
    }
    if (attempt > 1) {
      backOff(attempt);
    }
  }

  /** Full jitter: a pause drawn uniformly up to an exponentially growing cap. */
  private static void backOff(int attempt) {
    DynamoDb.sleep(Math.min(MAX_BACKOFF_MILLIS, BASE_BACKOFF_MILLIS << Math.min(attempt, 16)));
  }
}
