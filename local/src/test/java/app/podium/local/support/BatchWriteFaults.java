package app.podium.local.support;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Makes a share of DynamoDB BatchWriteItem calls fail as DynamoDB does under load, while {@link
 * #enabled}:
 *
 * <ul>
 *   <li>throttled: the first attempt of the call throws {@code
 *       ProvisionedThroughputExceededException} (HTTP 400) before it is sent, which the SDK's retry
 *       policy retries;
 *   <li>partly unprocessed: part of the request's items is taken out before it is sent and handed
 *       back in the response's {@code UnprocessedItems}, as DynamoDB does when it runs out of
 *       capacity mid-batch; the caller must send them again.
 * </ul>
 *
 * Which calls fail is decided per call (execution) by a counter, so about {@code percent}% of the
 * calls fail however the calls interleave; the kinds alternate. A call of one item can only be
 * throttled.
 */
public final class BatchWriteFaults implements ExecutionInterceptor {
  private static final ExecutionAttribute<String> FAULT =
      new ExecutionAttribute<>("podium.test.fault");
  private static final ExecutionAttribute<Map<String, List<WriteRequest>>> HELD_BACK =
      new ExecutionAttribute<>("podium.test.heldBack");
  private static final ExecutionAttribute<AtomicInteger> ATTEMPTS =
      new ExecutionAttribute<>("podium.test.attempts");

  private final int percent;
  public volatile boolean enabled;
  public final AtomicInteger calls = new AtomicInteger();
  public final AtomicInteger throttled = new AtomicInteger();
  public final AtomicInteger partlyUnprocessed = new AtomicInteger();
  public final AtomicInteger itemsHeldBack = new AtomicInteger();

  /** Attempts the SDK made again after an injected throttle (its own retry). */
  public final AtomicInteger sdkRetries = new AtomicInteger();

  public BatchWriteFaults(int percent) {
    this.percent = percent;
  }

  public void reset() {
    calls.set(0);
    throttled.set(0);
    partlyUnprocessed.set(0);
    itemsHeldBack.set(0);
    sdkRetries.set(0);
  }

  public int injected() {
    return throttled.get() + partlyUnprocessed.get();
  }

  @Override
  public String toString() {
    return "BatchWriteItem calls "
        + calls
        + ", throttled "
        + throttled
        + " (SDK retries after them "
        + sdkRetries
        + "), partly unprocessed "
        + partlyUnprocessed
        + " ("
        + itemsHeldBack
        + " items handed back)";
  }

  @Override
  public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
    if (!enabled || !(context.request() instanceof BatchWriteItemRequest request)) {
      return context.request();
    }
    int call = calls.incrementAndGet();
    // about percent% of the calls: call numbers whose position in each run of 100 falls below
    // percent,
    // spread by a stride that is coprime to 100
    if ((call * 37) % 100 >= percent) {
      return context.request();
    }
    int size = request.requestItems().values().stream().mapToInt(List::size).sum();
    boolean unprocessed = size >= 2 && (call / 2) % 2 == 0;
    if (!unprocessed) {
      attributes.putAttribute(FAULT, "throttle");
      attributes.putAttribute(ATTEMPTS, new AtomicInteger());
      throttled.incrementAndGet();
      return request;
    }
    Map<String, List<WriteRequest>> sent = new HashMap<>();
    Map<String, List<WriteRequest>> heldBack = new HashMap<>();
    request
        .requestItems()
        .forEach(
            (table, writes) -> {
              // hand back the second half (at least one item, never all of them)
              int keep = Math.max(1, writes.size() / 2);
              sent.put(table, new ArrayList<>(writes.subList(0, keep)));
              if (keep < writes.size()) {
                heldBack.put(table, new ArrayList<>(writes.subList(keep, writes.size())));
                itemsHeldBack.addAndGet(writes.size() - keep);
              }
            });
    attributes.putAttribute(FAULT, "unprocessed");
    attributes.putAttribute(HELD_BACK, heldBack);
    partlyUnprocessed.incrementAndGet();
    return request.toBuilder().requestItems(sent).build();
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    if (!"throttle".equals(attributes.getAttribute(FAULT))) {
      return;
    }
    if (attributes.getAttribute(ATTEMPTS).incrementAndGet() == 1) {
      throw ProvisionedThroughputExceededException.builder()
          .statusCode(400)
          .message("injected by the test")
          .awsErrorDetails(
              AwsErrorDetails.builder()
                  .serviceName("DynamoDb")
                  .errorCode("ProvisionedThroughputExceededException")
                  .errorMessage("injected by the test")
                  .build())
          .build();
    }
    sdkRetries.incrementAndGet();
  }

  @Override
  public SdkResponse modifyResponse(
      Context.ModifyResponse context, ExecutionAttributes attributes) {
    Map<String, List<WriteRequest>> heldBack = attributes.getAttribute(HELD_BACK);
    if (heldBack == null || !(context.response() instanceof BatchWriteItemResponse response)) {
      return context.response();
    }
    Map<String, List<WriteRequest>> unprocessed = new HashMap<>();
    response
        .unprocessedItems()
        .forEach((table, writes) -> unprocessed.put(table, new ArrayList<>(writes)));
    heldBack.forEach(
        (table, writes) ->
            unprocessed.computeIfAbsent(table, t -> new ArrayList<>()).addAll(writes));
    return response.toBuilder().unprocessedItems(unprocessed).build();
  }
}
