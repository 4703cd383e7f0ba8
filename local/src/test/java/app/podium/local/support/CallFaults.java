package app.podium.local.support;

import java.net.SocketTimeoutException;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.sns.model.InternalErrorException;
import software.amazon.awssdk.services.sns.model.SnsException;
import software.amazon.awssdk.services.sns.model.SnsRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;
import software.amazon.awssdk.services.sqs.model.SqsRequest;

/**
 * Makes a share of the DynamoDB, SNS and SQS call <em>attempts</em> fail, as the services and the
 * network fail under load, while {@link #enabled}. Each attempt (the SDK's first try and each of
 * its retries) is drawn on its own, so a call fails outright only when the SDK's retry policy gives
 * up, and then Podium's own retries (SQS redelivery, the client's retry with its {@code
 * Idempotency-Key}) take over. The kinds, in equal shares:
 *
 * <ul>
 *   <li>{@link Kind#THROTTLE}: refused before it is applied, with the error each service sends:
 *       DynamoDB {@code ProvisionedThroughputExceededException} or {@code ThrottlingException}
 *       (HTTP 400), SNS and SQS {@code Throttling} (HTTP 400);
 *   <li>{@link Kind#SERVER_ERROR}: an HTTP 500 or 503 from the service, before it is applied;
 *   <li>{@link Kind#TIMEOUT}: the request reaches the service and is applied, but the answer never
 *       comes back: the SDK raises what it raises on a read timeout ({@code SdkClientException}
 *       caused by a {@code SocketTimeoutException}). The harshest kind: the caller cannot know that
 *       it happened, a retry repeats it, and a lost {@code ReceiveMessage} answer hides its
 *       messages until their visibility timeout.
 * </ul>
 *
 * Whether an attempt fails is a pseudo-random draw from the attempt's number and a seed (a hash, no
 * shared random state), so about {@code percent}% of the attempts fail however threads interleave,
 * and the attempts of one call fail independently of each other.
 */
public final class CallFaults implements ExecutionInterceptor {
  public enum Service {
    DYNAMODB,
    SNS,
    SQS,
    OTHER
  }

  public enum Kind {
    THROTTLE,
    SERVER_ERROR,
    TIMEOUT
  }

  private static final ExecutionAttribute<AtomicInteger> ATTEMPT =
      new ExecutionAttribute<>("podium.test.attempt");
  private static final ExecutionAttribute<Boolean> ANSWER_LOST =
      new ExecutionAttribute<>("podium.test.answerLost");

  private final int percent;
  private final long seed;
  private final Predicate<SdkRequest> exempt;
  public volatile boolean enabled;

  private final AtomicLong drawn = new AtomicLong();
  private final Map<Service, AtomicLong> calls = counters();
  private final Map<Service, AtomicLong> attempts = counters();
  private final Map<Service, AtomicLong> retries = counters();
  private final Map<Service, Map<Kind, AtomicLong>> injected = new EnumMap<>(Service.class);

  /**
   * Messages received again (ApproximateReceiveCount above 1): SQS redeliveries seen by a consumer.
   */
  public final AtomicLong sqsRedeliveries = new AtomicLong();

  /**
   * @param percent the share of attempts that fail, 0 to 100
   * @param seed the draw's seed; the same seed and the same order of attempts give the same faults
   * @param exempt calls never failed nor counted (e.g. a test's own observation of a queue)
   */
  public CallFaults(int percent, long seed, Predicate<SdkRequest> exempt) {
    if (percent < 0 || percent > 100) {
      throw new IllegalArgumentException("percent: " + percent);
    }
    this.percent = percent;
    this.seed = seed;
    this.exempt = exempt;
    for (Service service : Service.values()) {
      Map<Kind, AtomicLong> kinds = new EnumMap<>(Kind.class);
      for (Kind kind : Kind.values()) {
        kinds.put(kind, new AtomicLong());
      }
      injected.put(service, kinds);
    }
  }

  /** Fails {@code percent}% of every attempt but the test's own reads of queue sizes. */
  public CallFaults(int percent, long seed) {
    this(percent, seed, request -> request instanceof GetQueueAttributesRequest);
  }

  private static Map<Service, AtomicLong> counters() {
    Map<Service, AtomicLong> map = new EnumMap<>(Service.class);
    for (Service service : Service.values()) {
      map.put(service, new AtomicLong());
    }
    return map;
  }

  public static Service serviceOf(SdkRequest request) {
    if (request instanceof DynamoDbRequest) {
      return Service.DYNAMODB;
    }
    if (request instanceof SnsRequest) {
      return Service.SNS;
    }
    if (request instanceof SqsRequest) {
      return Service.SQS;
    }
    return Service.OTHER;
  }

  /** Calls (executions) made while enabled. */
  public long calls(Service service) {
    return calls.get(service).get();
  }

  /** Attempts made while enabled: calls plus the SDK's retries. */
  public long attempts(Service service) {
    return attempts.get(service).get();
  }

  /** Attempts the SDK made again after a failed one, while enabled. */
  public long sdkRetries(Service service) {
    return retries.get(service).get();
  }

  public long injected(Service service, Kind kind) {
    return injected.get(service).get(kind).get();
  }

  public long injected(Service service) {
    return injected.get(service).values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long injected(Kind kind) {
    return injected.values().stream().mapToLong(kinds -> kinds.get(kind).get()).sum();
  }

  public long injected() {
    return injected.values().stream()
        .flatMap(kinds -> kinds.values().stream())
        .mapToLong(AtomicLong::get)
        .sum();
  }

  public long calls() {
    return calls.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long attempts() {
    return attempts.values().stream().mapToLong(AtomicLong::get).sum();
  }

  public long sdkRetries() {
    return retries.values().stream().mapToLong(AtomicLong::get).sum();
  }

  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("faults in " + percent + "% of attempts:");
    for (Service service : Service.values()) {
      if (calls(service) > 0) {
        text.append(' ')
            .append(service)
            .append(" calls ")
            .append(calls(service))
            .append(" attempts ")
            .append(attempts(service))
            .append(" SDK retries ")
            .append(sdkRetries(service))
            .append(" injected ")
            .append(injected.get(service));
      }
    }
    return text.append(" SQS redeliveries ").append(sqsRedeliveries).toString();
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    if (enabled && !exempt.test(context.request())) {
      calls.get(serviceOf(context.request())).incrementAndGet();
      attributes.putAttribute(ATTEMPT, new AtomicInteger());
    }
  }

  @Override
  public void beforeTransmission(
      Context.BeforeTransmission context, ExecutionAttributes attributes) {
    AtomicInteger attempt = attributes.getAttribute(ATTEMPT);
    if (attempt == null) {
      return;
    }
    attributes.putAttribute(ANSWER_LOST, false);
    Service service = serviceOf(context.request());
    attempts.get(service).incrementAndGet();
    if (attempt.incrementAndGet() > 1) {
      retries.get(service).incrementAndGet();
    }
    if (!enabled) {
      return;
    }
    long draw = mix(seed + drawn.incrementAndGet());
    if (Math.floorMod(draw, 100) >= percent) {
      return;
    }
    Kind kind = Kind.values()[(int) Math.floorMod(draw >>> 32, Kind.values().length)];
    injected.get(service).get(kind).incrementAndGet();
    boolean alternate = ((draw >>> 40) & 1) == 1;
    switch (kind) {
      case THROTTLE -> throw throttled(service, alternate);
      case SERVER_ERROR -> throw serverError(service, alternate ? 503 : 500);
      case TIMEOUT -> attributes.putAttribute(ANSWER_LOST, true);
    }
  }

  @Override
  public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
    if (Boolean.TRUE.equals(attributes.getAttribute(ANSWER_LOST))) {
      attributes.putAttribute(ANSWER_LOST, false);
      throw SdkClientException.builder()
          .message(
              "Unable to execute HTTP request: Read timed out (injected by the "
                  + "test after the request reached the service)")
          .cause(new SocketTimeoutException("Read timed out"))
          .build();
    }
  }

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    if (attributes.getAttribute(ATTEMPT) != null
        && context.response() instanceof ReceiveMessageResponse received) {
      for (Message message : received.messages()) {
        String count =
            message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
        if (count != null && Integer.parseInt(count) > 1) {
          sqsRedeliveries.incrementAndGet();
        }
      }
    }
  }

  private static AwsServiceException throttled(Service service, boolean alternate) {
    return switch (service) {
      case DYNAMODB ->
          alternate
              ? DynamoDbException.builder()
                  .statusCode(400)
                  .message("Rate of requests exceeds the allowed throughput.")
                  .awsErrorDetails(details("DynamoDb", "ThrottlingException"))
                  .build()
              : ProvisionedThroughputExceededException.builder()
                  .statusCode(400)
                  .message(
                      "The level of configured provisioned throughput for the table was exceeded.")
                  .awsErrorDetails(details("DynamoDb", "ProvisionedThroughputExceededException"))
                  .build();
      case SNS ->
          SnsException.builder()
              .statusCode(400)
              .message("Rate exceeded")
              .awsErrorDetails(details("Sns", "Throttling"))
              .build();
      case SQS, OTHER ->
          SqsException.builder()
              .statusCode(400)
              .message("Rate exceeded")
              .awsErrorDetails(details("Sqs", "Throttling"))
              .build();
    };
  }

  private static AwsServiceException serverError(Service service, int status) {
    String code = status == 503 ? "ServiceUnavailable" : "InternalError";
    return switch (service) {
      case DYNAMODB ->
          status == 500
              ? InternalServerErrorException.builder()
                  .statusCode(500)
                  .message("Internal server error")
                  .awsErrorDetails(details("DynamoDb", "InternalServerError"))
                  .build()
              : DynamoDbException.builder()
                  .statusCode(503)
                  .message("Service unavailable")
                  .awsErrorDetails(details("DynamoDb", code))
                  .build();
      case SNS ->
          status == 500
              ? InternalErrorException.builder()
                  .statusCode(500)
                  .message("Internal error")
                  .awsErrorDetails(details("Sns", code))
                  .build()
              : SnsException.builder()
                  .statusCode(503)
                  .message("Service unavailable")
                  .awsErrorDetails(details("Sns", code))
                  .build();
      case SQS, OTHER ->
          SqsException.builder()
              .statusCode(status)
              .message("Service error")
              .awsErrorDetails(details("Sqs", code))
              .build();
    };
  }

  private static AwsErrorDetails details(String service, String code) {
    return AwsErrorDetails.builder()
        .serviceName(service)
        .errorCode(code)
        .errorMessage("injected by the test")
        .build();
  }

  /** A 64-bit finalizer (MurmurHash3's): consecutive inputs give unrelated outputs. */
  private static long mix(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb93e64ed558cL;
    return z ^ (z >>> 33);
  }
}
