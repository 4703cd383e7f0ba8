package app.podium.bench;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * Sums the read and write capacity units DynamoDB (here DynamoDB Local) reports it consumed: every
 * request leaves with {@code ReturnConsumedCapacity=TOTAL}, every response's {@code
 * ConsumedCapacity} is added up, per operation. A response without it is counted apart ({@link
 * #unreported()}), so a figure built on missing reports cannot pass unnoticed. Reads are GetItem,
 * BatchGetItem and Query; the rest that Podium sends are writes.
 */
final class CapacityCounter implements ExecutionInterceptor {
  private final Map<String, DoubleAdder> units = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();
  private final LongAdder unreported = new LongAdder();

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
    return switch (context.request()) {
      case GetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case BatchGetItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case QueryRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case PutItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case UpdateItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case DeleteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case BatchWriteItemRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      case TransactWriteItemsRequest r -> r.toBuilder().returnConsumedCapacity(total).build();
      default -> context.request();
    };
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    SdkResponse response = context.response();
    List<ConsumedCapacity> consumed =
        switch (response) {
          case GetItemResponse r -> single(r.consumedCapacity());
          case QueryResponse r -> single(r.consumedCapacity());
          case PutItemResponse r -> single(r.consumedCapacity());
          case UpdateItemResponse r -> single(r.consumedCapacity());
          case DeleteItemResponse r -> single(r.consumedCapacity());
          case BatchGetItemResponse r -> r.hasConsumedCapacity() ? r.consumedCapacity() : null;
          case BatchWriteItemResponse r -> r.hasConsumedCapacity() ? r.consumedCapacity() : null;
          case TransactWriteItemsResponse r ->
              r.hasConsumedCapacity() ? r.consumedCapacity() : null;
          default -> List.of();
        };
    String operation = context.request().getClass().getSimpleName().replaceFirst("Request$", "");
    calls.computeIfAbsent(operation, k -> new LongAdder()).increment();
    if (consumed == null || consumed.isEmpty()) {
      if (consumed == null) {
        unreported.increment();
      }
      return;
    }
    double sum =
        consumed.stream().mapToDouble(c -> c.capacityUnits() == null ? 0 : c.capacityUnits()).sum();
    units.computeIfAbsent(operation, k -> new DoubleAdder()).add(sum);
  }

  private static List<ConsumedCapacity> single(ConsumedCapacity capacity) {
    return capacity == null ? null : List.of(capacity);
  }

  static boolean isRead(String operation) {
    return operation.equals("GetItem")
        || operation.equals("BatchGetItem")
        || operation.equals("Query");
  }

  Snapshot snapshot() {
    Map<String, Double> copy = new TreeMap<>();
    units.forEach((op, adder) -> copy.put(op, adder.sum()));
    Map<String, Long> callCopy = new TreeMap<>();
    calls.forEach((op, adder) -> callCopy.put(op, adder.sum()));
    return new Snapshot(copy, callCopy, unreported.sum());
  }

  long unreported() {
    return unreported.sum();
  }

  /**
   * Units and calls per operation at one moment; the difference of two is what happened in between.
   */
  record Snapshot(Map<String, Double> units, Map<String, Long> calls, long unreported) {
    double rcu() {
      return units.entrySet().stream()
          .filter(e -> isRead(e.getKey()))
          .mapToDouble(Map.Entry::getValue)
          .sum();
    }

    double wcu() {
      return units.entrySet().stream()
          .filter(e -> !isRead(e.getKey()))
          .mapToDouble(Map.Entry::getValue)
          .sum();
    }

    Snapshot minus(Snapshot before) {
      Map<String, Double> diff = new TreeMap<>();
      units.forEach(
          (op, v) -> {
            double d = v - before.units.getOrDefault(op, 0.0);
            if (Math.abs(d) > 1e-9) {
              diff.put(op, d);
            }
          });
      Map<String, Long> callDiff = new TreeMap<>();
      calls.forEach(
          (op, v) -> {
            long d = v - before.calls.getOrDefault(op, 0L);
            if (d != 0) {
              callDiff.put(op, d);
            }
          });
      return new Snapshot(diff, callDiff, unreported - before.unreported);
    }
  }
}
