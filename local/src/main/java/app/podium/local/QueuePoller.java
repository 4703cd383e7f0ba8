package app.podium.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Plays Lambda's SQS event source mapping locally (with {@code ReportBatchItemFailures} on):
 * pollers long-poll the queue, hand each batch of up to 10 messages to the handler as the {@link
 * SQSEvent} Lambda would build, then delete every message of the batch except those the handler
 * lists in {@code batchItemFailures}. When the handler throws, or lists an identifier that is not
 * in the batch, nothing is deleted and the whole batch comes back after the queue's visibility
 * timeout, as in Lambda; after the queue's {@code maxReceiveCount} receives SQS moves a message to
 * the dead-letter queue.
 *
 * <p>The pollers are virtual threads sharing one handler instance, so the handler must be
 * thread-safe (Lambda would give each concurrent invocation its own instance). The handler's {@link
 * Context} says the function times out after the queue's visibility timeout (Lambda requires the
 * timeout to be no longer).
 */
public final class QueuePoller implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(QueuePoller.class);
  public static final int DEFAULT_POLLERS = 2;

  /** Lambda's default and SQS's largest batch. */
  public static final int BATCH_SIZE = 10;

  /**
   * The long poll: how long a receive waits for messages, so also how long {@link #close()} may
   * wait.
   */
  static final int WAIT_SECONDS = 1;

  private static final Duration BACKOFF_AFTER_ERROR = Duration.ofSeconds(1);

  private final SqsClient sqs;
  private final String queueUrl;
  private final String queueArn;
  private final String region;
  private final RequestHandler<SQSEvent, SQSBatchResponse> handler;
  private final String functionName;
  private final Duration functionTimeout;
  private final List<Thread> pollers = new ArrayList<>();
  private volatile boolean running = true;

  /** {@value #DEFAULT_POLLERS} pollers. */
  public QueuePoller(
      SqsClient sqs, String queueUrl, RequestHandler<SQSEvent, SQSBatchResponse> handler) {
    this(sqs, queueUrl, handler, DEFAULT_POLLERS);
  }

  /**
   * Starts {@code pollers} pollers on the queue at once. {@code sqs} stays the caller's to close,
   * after this poller.
   */
  public QueuePoller(
      SqsClient sqs,
      String queueUrl,
      RequestHandler<SQSEvent, SQSBatchResponse> handler,
      int pollers) {
    if (pollers < 1) {
      throw new IllegalArgumentException("at least one poller: " + pollers);
    }
    this.sqs = sqs;
    this.queueUrl = queueUrl;
    this.handler = handler;
    this.region = sqs.serviceClientConfiguration().region().id();
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.QUEUE_ARN, QueueAttributeName.VISIBILITY_TIMEOUT))
            .attributes();
    this.queueArn = attributes.get(QueueAttributeName.QUEUE_ARN);
    this.functionTimeout =
        Duration.ofSeconds(
            Math.max(
                1,
                Long.parseLong(
                    attributes.getOrDefault(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))));
    this.functionName = handler.getClass().getSimpleName();
    String queueName = queueArn.substring(queueArn.lastIndexOf(':') + 1);
    for (int i = 0; i < pollers; i++) {
      this.pollers.add(
          Thread.ofVirtual().name("sqs-poller-" + queueName + "-" + i).start(this::poll));
    }
  }

  public String queueArn() {
    return queueArn;
  }

  private void poll() {
    ReceiveMessageRequest receive =
        ReceiveMessageRequest.builder()
            .queueUrl(queueUrl)
            .maxNumberOfMessages(BATCH_SIZE)
            .waitTimeSeconds(WAIT_SECONDS)
            .attributeNamesWithStrings("All")
            .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
            .messageAttributeNames("All")
            .build();
    while (running) {
      List<Message> messages;
      try {
        messages = sqs.receiveMessage(receive).messages();
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warn(
            "Receiving from {} failed; trying again in {} s: {}",
            queueUrl,
            BACKOFF_AFTER_ERROR.toSeconds(),
            e.toString());
        if (!pause(BACKOFF_AFTER_ERROR)) {
          return;
        }
        continue;
      }
      if (!messages.isEmpty()) {
        deliver(messages);
      }
    }
  }

  /** One invocation: the batch to the handler, then the deletes. */
  private void deliver(List<Message> messages) {
    SQSEvent event = new SQSEvent();
    event.setRecords(new ArrayList<>(messages.stream().map(this::toLambda).toList()));
    SQSBatchResponse response;
    try {
      response =
          handler.handleRequest(event, new LocalContext(functionName, region, functionTimeout));
    } catch (RuntimeException | Error e) {
      LOG.warn(
          "{} failed on a batch of {} from {}; all of it comes back after the visibility timeout",
          functionName,
          messages.size(),
          queueArn,
          e);
      return;
    }
    Set<String> failed = failedIds(response, messages);
    if (failed == null) {
      return;
    }
    List<Message> done = messages.stream().filter(m -> !failed.contains(m.messageId())).toList();
    if (!done.isEmpty()) {
      delete(done);
    }
  }

  /**
   * The ids the handler reported as failed, or null when the whole batch counts as failed: Lambda
   * treats an empty, null or unknown item identifier so.
   */
  private Set<String> failedIds(SQSBatchResponse response, List<Message> messages) {
    if (response == null || response.getBatchItemFailures() == null) {
      return Set.of();
    }
    Set<String> inBatch = new HashSet<>(messages.stream().map(Message::messageId).toList());
    Set<String> failed = new HashSet<>();
    for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
      String id = failure == null ? null : failure.getItemIdentifier();
      if (id == null || !inBatch.contains(id)) {
        LOG.warn(
            "{} reported the batch item failure '{}', which is not in its batch; the whole batch of {} "
                + "counts as failed",
            functionName,
            id,
            messages.size());
        return null;
      }
      failed.add(id);
    }
    return failed;
  }

  private void delete(List<Message> messages) {
    try {
      var result =
          sqs.deleteMessageBatch(
              r ->
                  r.queueUrl(queueUrl)
                      .entries(
                          IntStream.range(0, messages.size())
                              .mapToObj(
                                  i ->
                                      DeleteMessageBatchRequestEntry.builder()
                                          .id(Integer.toString(i))
                                          .receiptHandle(messages.get(i).receiptHandle())
                                          .build())
                              .toList()));
      for (BatchResultErrorEntry error : result.failed()) {
        LOG.warn(
            "Could not delete a handled message from {}: {} {}",
            queueArn,
            error.code(),
            error.message());
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not delete {} handled messages from {}; they will be delivered again",
          messages.size(),
          queueArn,
          e);
    }
  }

  /** The record Lambda builds from an SQS message. */
  SQSEvent.SQSMessage toLambda(Message message) {
    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
    record.setMessageId(message.messageId());
    record.setReceiptHandle(message.receiptHandle());
    record.setBody(message.body());
    record.setAttributes(new HashMap<>(message.attributesAsStrings()));
    Map<String, SQSEvent.MessageAttribute> attributes = new HashMap<>();
    message.messageAttributes().forEach((name, value) -> attributes.put(name, toLambda(value)));
    record.setMessageAttributes(attributes);
    record.setMd5OfBody(message.md5OfBody());
    record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
    record.setEventSource("aws:sqs");
    record.setEventSourceArn(queueArn);
    record.setAwsRegion(region);
    return record;
  }

  private static SQSEvent.MessageAttribute toLambda(MessageAttributeValue value) {
    SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
    attribute.setDataType(value.dataType());
    attribute.setStringValue(value.stringValue());
    attribute.setBinaryValue(
        value.binaryValue() == null ? null : value.binaryValue().asByteBuffer());
    // Lambda always sends both lists, empty (SQS does not implement them)
    attribute.setStringListValues(new ArrayList<>(value.stringListValues()));
    attribute.setBinaryListValues(
        new ArrayList<>(
            value.binaryListValues().stream().map(bytes -> bytes.asByteBuffer()).toList()));
    return attribute;
  }

  private boolean pause(Duration duration) {
    try {
      Thread.sleep(duration);
      return running;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Stops receiving and waits for the batches in flight to be handled and deleted: at most the long
   * poll (1 s) plus the handler's time. A handler still busy after its function timeout is left
   * behind.
   */
  @Override
  public void close() {
    running = false;
    long deadline =
        System.nanoTime() + Duration.ofSeconds(WAIT_SECONDS + 5).plus(functionTimeout).toNanos();
    boolean interrupted = false;
    for (Thread poller : pollers) {
      try {
        long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000);
        if (!poller.join(Duration.ofMillis(left))) {
          LOG.warn("{} is still busy after its function timeout; leaving it", poller.getName());
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** Messages in the queue: visible, in flight (received, not yet deleted) and delayed. */
  public static int countMessages(SqsClient sqs, String queueUrl) {
    Map<QueueAttributeName, String> attributes =
        sqs.getQueueAttributes(
                r ->
                    r.queueUrl(queueUrl)
                        .attributeNames(
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))
            .attributes();
    return attributes.values().stream().mapToInt(Integer::parseInt).sum();
  }

  /**
   * Moves every message of the dead-letter queue back to the queue (body and message attributes;
   * the new copy starts with a receive count of zero) and returns how many it moved. A message is
   * deleted from the DLQ only once the queue has it, so a failure part way leaves duplicates at
   * worst, never a loss. Ends when a receive finds the DLQ empty; messages in flight there
   * (received by someone else) stay.
   */
  public static int replay(SqsClient sqs, String dlqUrl, String queueUrl) {
    int moved = 0;
    while (true) {
      List<Message> messages =
          sqs.receiveMessage(
                  r ->
                      r.queueUrl(dlqUrl)
                          .maxNumberOfMessages(BATCH_SIZE)
                          .waitTimeSeconds(0)
                          .visibilityTimeout(30)
                          .messageAttributeNames("All"))
              .messages();
      if (messages.isEmpty()) {
        return moved;
      }
      SendMessageBatchResponse sent =
          sqs.sendMessageBatch(
              r ->
                  r.queueUrl(queueUrl)
                      .entries(
                          IntStream.range(0, messages.size())
                              .mapToObj(
                                  i ->
                                      SendMessageBatchRequestEntry.builder()
                                          .id(Integer.toString(i))
                                          .messageBody(messages.get(i).body())
                                          .messageAttributes(
                                              copyable(messages.get(i).messageAttributes()))
                                          .build())
                              .toList()));
      if (!sent.failed().isEmpty()) {
        BatchResultErrorEntry first = sent.failed().get(0);
        LOG.warn(
            "Replay: {} of {} messages could not be sent back to {} (first: {} {}); they stay in {}",
            sent.failed().size(),
            messages.size(),
            queueUrl,
            first.code(),
            first.message(),
            dlqUrl);
      }
      if (sent.successful().isEmpty()) {
        throw new IllegalStateException(
            "replay from " + dlqUrl + " to " + queueUrl + " sent nothing: " + sent.failed());
      }
      sqs.deleteMessageBatch(
          r ->
              r.queueUrl(dlqUrl)
                  .entries(
                      sent.successful().stream()
                          .map(
                              ok ->
                                  DeleteMessageBatchRequestEntry.builder()
                                      .id(ok.id())
                                      .receiptHandle(
                                          messages.get(Integer.parseInt(ok.id())).receiptHandle())
                                      .build())
                          .toList()));
      moved += sent.successful().size();
    }
  }

  /** Received attribute values minus the list fields SQS reserves and refuses on send. */
  private static Map<String, MessageAttributeValue> copyable(
      Map<String, MessageAttributeValue> attributes) {
    Map<String, MessageAttributeValue> copy = new HashMap<>();
    attributes.forEach(
        (name, value) ->
            copy.put(
                name,
                MessageAttributeValue.builder()
                    .dataType(value.dataType())
                    .stringValue(value.stringValue())
                    .binaryValue(value.binaryValue())
                    .build()));
    return copy;
  }

  /** What the handler sees of its invocation: an id, its name and a deadline. */
  private static final class LocalContext implements Context {
    private static final Logger HANDLER_LOG = LogManager.getLogger("app.podium.local.Lambda");
    private final String requestId = UUID.randomUUID().toString();
    private final String functionName;
    private final String region;
    private final long deadlineNanos;

    LocalContext(String functionName, String region, Duration timeout) {
      this.functionName = functionName;
      this.region = region;
      this.deadlineNanos = System.nanoTime() + timeout.toNanos();
    }

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
      return "local";
    }

    @Override
    public String getFunctionName() {
      return functionName;
    }

    @Override
    public String getFunctionVersion() {
      return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:" + region + ":000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
      return null;
    }

    @Override
    public ClientContext getClientContext() {
      return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
      return (int) Math.max(0, (deadlineNanos - System.nanoTime()) / 1_000_000);
    }

    @Override
    public int getMemoryLimitInMB() {
      return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
      return new LambdaLogger() {
        @Override
        public void log(String message) {
          HANDLER_LOG.info(message);
        }

        @Override
        public void log(byte[] message) {
          HANDLER_LOG.info(new String(message, StandardCharsets.UTF_8));
        }
      };
    }
  }
}
