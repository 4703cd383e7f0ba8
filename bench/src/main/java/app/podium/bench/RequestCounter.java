package app.podium.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * Counts DynamoDB requests as they go on the wire: calls per operation, the time they take, and
 * item writes (PutItem, UpdateItem and DeleteItem one each, BatchWriteItem and TransactWriteItems
 * one per item they carry). Counted per attempt, so a retried call counts again; DynamoDB Local
 * never throttles, so here attempts and calls are the same. A conditional write whose condition
 * fails still counts: DynamoDB charges it too.
 */
final class RequestCounter implements ExecutionInterceptor {
  private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("bench.started");

  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> nanos = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> writes = new ConcurrentHashMap<>();

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    attributes.putAttribute(STARTED, System.nanoTime());
  }

  /** Time from the call to its answer, marshalling and the HTTP round trip included. */
  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Long started = attributes.getAttribute(STARTED);
    if (started != null) {
      nanos
          .computeIfAbsent(operation(context.request()), k -> new LongAdder())
          .add(System.nanoTime() - started);
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    SdkRequest request = context.request();
    String operation = operation(request);
    calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
    long items =
        switch (request) {
          case PutItemRequest put -> 1;
          case UpdateItemRequest update -> 1;
          case DeleteItemRequest delete -> 1;
          case BatchWriteItemRequest batch ->
              batch.requestItems().values().stream().mapToLong(List::size).sum();
          case TransactWriteItemsRequest transaction -> transaction.transactItems().size();
          default -> 0;
        };
    if (items > 0) {
      writes.computeIfAbsent(operation, k -> new LongAdder()).add(items);
    }
  }

  /** Asked on every call, twice: no regular expression (compiled on each call). */
  private static String operation(SdkRequest request) {
    String name = request.getClass().getSimpleName();
    return name.endsWith("Request") ? name.substring(0, name.length() - "Request".length()) : name;
  }

  void reset() {
    calls.clear();
    writes.clear();
    nanos.clear();
  }

  /** Total time spent waiting for DynamoDB, all operations, overlapping calls each counted. */
  long nanosInCalls() {
    return nanos.values().stream().mapToLong(LongAdder::sum).sum();
  }

  long writes() {
    return writes.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /** Items written per operation, e.g. {@code {BatchWriteItem=10, TransactWriteItems=3}}. */
  Map<String, Long> writesByOperation() {
    return snapshot(writes);
  }

  /** Time in calls per operation, in nanoseconds. */
  Map<String, Long> nanosByOperation() {
    return snapshot(nanos);
  }

  /** Calls per operation, reads included. */
  Map<String, Long> callsByOperation() {
    return snapshot(calls);
  }

  private static Map<String, Long> snapshot(Map<String, LongAdder> counts) {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((operation, adder) -> copy.put(operation, adder.sum()));
    return copy;
  }
}
