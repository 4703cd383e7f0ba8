package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The fan-out path's messaging on the local emulator: SNS topic -> SQS queue (raw delivery) -> the
 * poller that plays Lambda's event source mapping -> a handler; partial batch failures, the DLQ and
 * its replay. Each test has its own names (a random prefix) on one emulator.
 */
class LocalMessagingIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  static LocalMessaging messaging;
  static SnsClient sns;
  static SqsClient sqs;

  @BeforeAll
  static void start() throws Exception {
    messaging = LocalMessaging.start();
    sns = messaging.snsClient();
    sqs = messaging.sqsClient();
  }

  @AfterAll
  static void stop() {
    if (sns != null) {
      sns.close();
      sqs.close();
    }
    if (messaging != null) {
      messaging.close();
    }
  }

  private static String prefix() {
    return "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
  }

  @Test
  void aPublishedEventReachesTheHandlerOnceAsTheRawBodyInLambdasShape() throws Exception {
    MessagingResources resources =
        MessagingResources.create(sns, sqs, prefix(), Duration.ofSeconds(2));
    RecordingHandler handler = new RecordingHandler(m -> false);
    String body = "{\"type\":\"PostCreated\",\"postId\":\"" + System.nanoTime() + "\"}";

    try (QueuePoller poller = new QueuePoller(sqs, resources.queueUrl(), handler)) {
      publishPostCreated(resources, body);

      await("the handler to get the message", () -> !handler.deliveries.isEmpty());
      // deleted, not merely hidden: it cannot come back
      await(
          "the queue to be empty", () -> QueuePoller.countMessages(sqs, resources.queueUrl()) == 0);
    }

    assertThat(handler.bodies()).containsExactly(body);
    SQSEvent.SQSMessage message = handler.deliveries.get(0).message();
    assertThat(message.getEventSource()).isEqualTo("aws:sqs");
    assertThat(message.getEventSourceArn())
        .isEqualTo(resources.queueArn())
        .startsWith("arn:aws:sqs:us-east-1:");
    assertThat(message.getAwsRegion()).isEqualTo("us-east-1");
    assertThat(message.getMessageId()).isNotBlank();
    assertThat(message.getReceiptHandle()).isNotBlank();
    assertThat(message.getMd5OfBody()).isEqualTo(md5(body));
    assertThat(message.getAttributes())
        .containsEntry("ApproximateReceiveCount", "1")
        .containsKeys("SentTimestamp", "ApproximateFirstReceiveTimestamp", "SenderId");
    assertThat(message.getMessageAttributes()).containsOnlyKeys("type");
    assertThat(message.getMessageAttributes().get("type").getStringValue())
        .isEqualTo("PostCreated");
    assertThat(message.getMessageAttributes().get("type").getDataType()).isEqualTo("String");
    assertThat(QueuePoller.countMessages(sqs, resources.dlqUrl())).isZero();
  }

  @Test
  void aBatchItemFailureComesBackAfterTheVisibilityTimeoutAndTheOthersDoNot() throws Exception {
    Duration visibility = Duration.ofSeconds(2);
    MessagingResources resources = MessagingResources.create(sns, sqs, prefix(), visibility);
    // "b" fails on its first delivery only
    RecordingHandler handler =
        new RecordingHandler(m -> m.body().equals("b") && m.receiveCount() == 1);

    for (String body : List.of("a", "b", "c")) {
      sns.publish(r -> r.topicArn(resources.topicArn()).message(body));
    }
    await(
        "the messages to be queued",
        () -> QueuePoller.countMessages(sqs, resources.queueUrl()) == 3);
    // one poller, started after the messages are there: one batch of all three
    try (QueuePoller poller = new QueuePoller(sqs, resources.queueUrl(), handler, 1)) {
      await("b to come back", () -> handler.count("b") == 2);
      await(
          "the queue to be empty", () -> QueuePoller.countMessages(sqs, resources.queueUrl()) == 0);
    }

    assertThat(handler.batches.get(0)).containsExactlyInAnyOrder("a", "b", "c");
    assertThat(handler.count("a")).isEqualTo(1);
    assertThat(handler.count("c")).isEqualTo(1);
    List<Delivery> b = handler.deliveries.stream().filter(d -> d.body().equals("b")).toList();
    assertThat(b).extracting(Delivery::receiveCount).containsExactly(1, 2);
    Duration gap = Duration.ofNanos(b.get(1).atNanos() - b.get(0).atNanos());
    assertThat(gap)
        .as("time until b came back")
        .isGreaterThanOrEqualTo(visibility.minusMillis(300));
  }

  @Test
  void anUnknownBatchItemFailureFailsTheWholeBatchAsInLambda() throws Exception {
    MessagingResources resources =
        MessagingResources.create(sns, sqs, prefix(), Duration.ofSeconds(1));
    List<Delivery> seen = new CopyOnWriteArrayList<>();
    RequestHandler<SQSEvent, SQSBatchResponse> handler =
        (event, context) -> {
          event.getRecords().forEach(m -> seen.add(Delivery.of(m)));
          boolean first =
              event.getRecords().stream()
                  .anyMatch(m -> m.getAttributes().get("ApproximateReceiveCount").equals("1"));
          return new SQSBatchResponse(
              first
                  ? List.of(new SQSBatchResponse.BatchItemFailure("not-in-this-batch"))
                  : List.of());
        };

    try (QueuePoller poller = new QueuePoller(sqs, resources.queueUrl(), handler, 1)) {
      sqs.sendMessage(r -> r.queueUrl(resources.queueUrl()).messageBody("x"));
      await("x to come back", () -> seen.size() == 2);
      await(
          "the queue to be empty", () -> QueuePoller.countMessages(sqs, resources.queueUrl()) == 0);
    }
    assertThat(seen).extracting(Delivery::receiveCount).containsExactly(1, 2);
  }

  @Test
  void aMessageThatAlwaysFailsLandsInTheDlqAfterFiveReceivesAndReplayBringsItBack()
      throws Exception {
    MessagingResources resources =
        MessagingResources.create(sns, sqs, prefix(), Duration.ofSeconds(1));
    RecordingHandler failing = new RecordingHandler(m -> true).throwing();

    try (QueuePoller poller = new QueuePoller(sqs, resources.queueUrl(), failing)) {
      publishPostCreated(resources, "poison");
      await(
          "the message to reach the DLQ",
          () -> QueuePoller.countMessages(sqs, resources.dlqUrl()) == 1);
    }
    assertThat(failing.deliveries)
        .extracting(Delivery::receiveCount)
        .containsExactly(1, 2, 3, 4, 5);
    assertThat(QueuePoller.countMessages(sqs, resources.queueUrl())).isZero();

    assertThat(QueuePoller.replay(sqs, resources.dlqUrl(), resources.queueUrl())).isEqualTo(1);
    assertThat(QueuePoller.countMessages(sqs, resources.dlqUrl())).isZero();
    assertThat(QueuePoller.countMessages(sqs, resources.queueUrl())).isEqualTo(1);

    RecordingHandler fixed = new RecordingHandler(m -> false);
    try (QueuePoller poller = new QueuePoller(sqs, resources.queueUrl(), fixed)) {
      await(
          "the replayed message to be handled",
          () -> QueuePoller.countMessages(sqs, resources.queueUrl()) == 0);
    }
    assertThat(fixed.deliveries).hasSize(1);
    Delivery replayed = fixed.deliveries.get(0);
    assertThat(replayed.body()).isEqualTo("poison");
    assertThat(replayed.receiveCount()).isEqualTo(1);
    assertThat(replayed.message().getMessageAttributes().get("type").getStringValue())
        .isEqualTo("PostCreated");
    assertThat(QueuePoller.replay(sqs, resources.dlqUrl(), resources.queueUrl())).isZero();
  }

  @Test
  void creatingTheResourcesAgainIsHarmlessAndTakesTheNewVisibilityTimeout() {
    String prefix = prefix();
    MessagingResources first = MessagingResources.create(sns, sqs, prefix, Duration.ofSeconds(2));
    MessagingResources again = MessagingResources.create(sns, sqs, prefix, Duration.ofSeconds(2));
    MessagingResources changed = MessagingResources.create(sns, sqs, prefix, Duration.ofSeconds(3));

    assertThat(again).isEqualTo(first);
    assertThat(changed).isEqualTo(first);
    assertThat(first.topicArn()).endsWith(":" + prefix + "post-events");
    assertThat(first.queueArn()).endsWith(":" + prefix + "fanout");
    assertThat(first.dlqArn()).endsWith(":" + prefix + "fanout-dlq");
    var attributes =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(first.queueUrl())
                        .attributeNames(
                            QueueAttributeName.VISIBILITY_TIMEOUT,
                            QueueAttributeName.REDRIVE_POLICY))
            .attributes();
    assertThat(attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT)).isEqualTo("3");
    assertThat(attributes.get(QueueAttributeName.REDRIVE_POLICY))
        .contains(first.dlqArn())
        .contains("5");
    assertThat(sns.listSubscriptionsByTopic(r -> r.topicArn(first.topicArn())).subscriptions())
        .singleElement()
        .satisfies(s -> assertThat(s.endpoint()).isEqualTo(first.queueArn()));
    assertThat(
            sns.getSubscriptionAttributes(r -> r.subscriptionArn(first.subscriptionArn()))
                .attributes())
        .containsEntry("RawMessageDelivery", "true");
  }

  @Test
  void closeLeavesNoNodeProcessBehind() throws Exception {
    LocalMessaging own = LocalMessaging.start();
    ProcessHandle node = own.process();
    int port = own.port();
    assertThat(node.isAlive()).isTrue();
    assertThat(node.info().command())
        .hasValueSatisfying(command -> assertThat(command).endsWith("node"));
    assertThat(reachable(port)).isTrue();

    own.close();

    assertThat(node.isAlive()).isFalse();
    assertThat(ProcessHandle.of(node.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    assertThat(ProcessHandle.current().descendants().filter(p -> p.pid() == node.pid())).isEmpty();
    assertThat(reachable(port)).isFalse();
    own.close(); // twice is fine
  }

  @Test
  void withoutNodeModulesStartSaysHowToInstallThem(@TempDir Path empty) {
    assertThatThrownBy(() -> LocalMessaging.start(empty))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(empty.resolve("node_modules").toString())
        .hasMessageContaining("npm ci");
  }

  private static boolean reachable(int port) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("gave up after " + WAIT.toSeconds() + " s waiting for " + what);
      }
      Thread.sleep(50);
    }
  }

  private static String md5(String text) throws Exception {
    byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
    return String.format("%032x", new BigInteger(1, digest));
  }

  record Delivery(SQSEvent.SQSMessage message, String body, int receiveCount, long atNanos) {
    static Delivery of(SQSEvent.SQSMessage message) {
      return new Delivery(
          message,
          message.getBody(),
          Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount")),
          System.nanoTime());
    }
  }

  /** Records every message; reports those {@code fails} picks as batch item failures, or throws. */
  static final class RecordingHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    final List<List<String>> batches = new CopyOnWriteArrayList<>();
    private final Predicate<Delivery> fails;
    private boolean throwing;

    RecordingHandler(Predicate<Delivery> fails) {
      this.fails = fails;
    }

    RecordingHandler throwing() {
      this.throwing = true;
      return this;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
      assertThat(context.getRemainingTimeInMillis()).isPositive();
      batches.add(event.getRecords().stream().map(SQSEvent.SQSMessage::getBody).toList());
      List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
      for (SQSEvent.SQSMessage message : event.getRecords()) {
        Delivery delivery = Delivery.of(message);
        deliveries.add(delivery);
        if (fails.test(delivery)) {
          failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
        }
      }
      if (throwing && !failures.isEmpty()) {
        throw new IllegalStateException("failing on purpose");
      }
      return new SQSBatchResponse(failures);
    }

    List<String> bodies() {
      return deliveries.stream().map(Delivery::body).toList();
    }

    long count(String body) {
      return deliveries.stream().filter(d -> d.body().equals(body)).count();
    }
  }

  /** Publishes to the topic as the functions publish a post: typed by its message attribute. */
  static void publishPostCreated(MessagingResources resources, String body) {
    sns.publish(
        r ->
            r.topicArn(resources.topicArn())
                .message(body)
                .messageAttributes(
                    Map.of(
                        "type",
                        MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue("PostCreated")
                            .build())));
  }
}
