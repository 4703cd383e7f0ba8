package app.podium.fanout.sqs;

import app.podium.Backend;
import app.podium.fanout.FanoutService;
import app.podium.http.RequestLog;
import app.podium.http.RequestMetrics;
import app.podium.shared.FanoutTask;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * Takes batches from the fan-out queue (raw SNS delivery) and runs each task. A task that fails, or
 * a body that is no task at all, is reported as a batch item failure: it comes back after the
 * visibility timeout and, after the queue's maximum receives, lands in the dead-letter queue. Every
 * task is idempotent, so a redelivery changes nothing that was already done.
 */
public final class FanoutHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LogManager.getLogger(FanoutHandler.class);

  /** {@code route} in the fan-out's log lines: its function's name. */
  static final String ROUTE = "Fanout";

  private final FanoutService fanout;

  public FanoutHandler() {
    this(Backend.shared().fanout());
  }

  public FanoutHandler(FanoutService fanout) {
    this.fanout = fanout;
  }

  /**
   * The batch's messages run side by side (each page's writes are I/O), so a batch of ten pages
   * takes about as long as its slowest page, not the sum: a slow DynamoDB cannot make a batch
   * outlive its visibility timeout. Notification tasks go in together, in one lane of their own, so
   * events of one group (a burst of favourites of one status) become one write of that group per
   * batch.
   */
  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    if (context == null) {
      return handleBatch(event, null);
    }
    return PowertoolsLogging.withLogging(context, () -> handleBatch(event, context));
  }

  private SQSBatchResponse handleBatch(SQSEvent event, Context context) {
    RequestLog.begin(ROUTE, context == null ? null : context.getAwsRequestId());
    try {
      return runBatch(event);
    } finally {
      RequestLog.end();
    }
  }

  private SQSBatchResponse runBatch(SQSEvent event) {
    // the lanes' own log lines carry the batch's fields too
    Map<String, String> fields = RequestLog.current();
    List<SQSEvent.SQSMessage> messages = event.getRecords();
    List<FanoutTask> tasks = new ArrayList<>();
    for (SQSEvent.SQSMessage message : messages) {
      tasks.add(parse(message));
    }
    List<Integer> notices = new ArrayList<>();
    for (int i = 0; i < tasks.size(); i++) {
      if (tasks.get(i) instanceof FanoutTask.Notice) {
        notices.add(i);
      }
    }
    List<Future<Boolean>> outcomes = new ArrayList<>();
    List<Long> pageMillis = new CopyOnWriteArrayList<>();
    Future<List<Boolean>> notified;
    try (ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor()) {
      notified =
          lanes.submit(
              () ->
                  RequestLog.with(
                      fields,
                      () ->
                          notify(
                              notices.stream().map(messages::get).toList(),
                              notices.stream()
                                  .map(i -> (FanoutTask.Notice) tasks.get(i))
                                  .toList())));
      for (int i = 0; i < messages.size(); i++) {
        SQSEvent.SQSMessage message = messages.get(i);
        FanoutTask task = tasks.get(i);
        outcomes.add(
            task == null || notices.contains(i)
                ? null
                : lanes.submit(
                    () -> RequestLog.with(fields, () -> timed(pageMillis, message, task))));
      }
    }
    RequestMetrics.fanoutPages(ROUTE, pageMillis);
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      boolean done =
          tasks.get(i) != null
              && (notices.contains(i)
                  ? notified.resultNow().get(notices.indexOf(i))
                  : outcomes.get(i).resultNow());
      if (!done) {
        failures.add(
            SQSBatchResponse.BatchItemFailure.builder()
                .withItemIdentifier(messages.get(i).getMessageId())
                .build());
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  /**
   * The task, or null for a body that is none (it fails, and goes to the dead-letter queue in the
   * end).
   */
  private static FanoutTask parse(SQSEvent.SQSMessage message) {
    try {
      return FanoutTaskJson.read(message.getBody());
    } catch (RuntimeException e) {
      LOG.warn("Fan-out message {} is no task: {}", message.getMessageId(), e.toString());
      return null;
    }
  }

  private List<Boolean> notify(List<SQSEvent.SQSMessage> messages, List<FanoutTask.Notice> tasks) {
    if (tasks.isEmpty()) {
      return List.of();
    }
    try {
      return fanout.notify(tasks, messages.stream().map(FanoutHandler::sentAt).toList());
    } catch (RuntimeException e) {
      LOG.warn("{} notification messages failed: {}", messages.size(), e.toString());
      return tasks.stream().map(t -> false).toList();
    }
  }

  /**
   * When the message was first sent ({@code SentTimestamp}, the same on every delivery of it); the
   * arrival time if the queue did not say, which only a hand-built event does.
   */
  static Instant sentAt(SQSEvent.SQSMessage message) {
    String sent =
        message.getAttributes() == null ? null : message.getAttributes().get("SentTimestamp");
    try {
      return sent == null ? Instant.now() : Instant.ofEpochMilli(Long.parseLong(sent));
    } catch (NumberFormatException e) {
      return Instant.now();
    }
  }

  private boolean timed(List<Long> pageMillis, SQSEvent.SQSMessage message, FanoutTask task) {
    long start = System.nanoTime();
    try {
      return handle(message, task);
    } finally {
      pageMillis.add((System.nanoTime() - start) / 1_000_000);
    }
  }

  private boolean handle(SQSEvent.SQSMessage message, FanoutTask task) {
    try {
      fanout.handle(task);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Fan-out message {} failed: {}", message.getMessageId(), e.toString());
      return false;
    }
  }
}
