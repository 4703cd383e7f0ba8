package app.podium.fanout;

import app.podium.Services;
import app.podium.domain.FanoutTask;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Takes batches from the fan-out queue (raw SNS delivery) and runs each task. A task that fails, or a
 * body that is no task at all, is reported as a batch item failure: it comes back after the visibility
 * timeout and, after the queue's maximum receives, lands in the dead-letter queue. Every task is
 * idempotent, so a redelivery changes nothing that was already done.
 */
public final class FanoutHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
  private static final Logger LOG = LogManager.getLogger(FanoutHandler.class);

  private final Services services;

  public FanoutHandler() {
    this(Services.shared());
  }

  public FanoutHandler(Services services) {
    this.services = services;
  }

  /**
   * The batch's messages run side by side (each page's writes are I/O), so a batch of ten pages takes about as
   * long as its slowest page, not the sum: a slow DynamoDB cannot make a batch outlive its visibility timeout.
   */
  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSEvent.SQSMessage> messages = event.getRecords();
    List<Future<Boolean>> outcomes;
    try (ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor()) {
      outcomes = messages.stream().map(message -> lanes.submit(() -> handle(message))).toList();
    }
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      if (!outcomes.get(i).resultNow()) {
        failures.add(SQSBatchResponse.BatchItemFailure.builder()
            .withItemIdentifier(messages.get(i).getMessageId()).build());
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }

  private boolean handle(SQSEvent.SQSMessage message) {
    try {
      FanoutTask task = FanoutTaskJson.read(message.getBody());
      services.fanout().handle(task);
      return true;
    } catch (RuntimeException e) {
      LOG.warn("Fan-out message {} failed: {}", message.getMessageId(), e.toString());
      return false;
    }
  }
}
