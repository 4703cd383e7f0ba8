package app.podium.fanout;

import app.podium.Services;
import app.podium.domain.FanoutTask;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
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

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      try {
        FanoutTask task = FanoutTaskJson.read(message.getBody());
        services.fanout().handle(task);
      } catch (RuntimeException e) {
        LOG.warn("Fan-out message {} failed: {}", message.getMessageId(), e.toString());
        failures.add(SQSBatchResponse.BatchItemFailure.builder()
            .withItemIdentifier(message.getMessageId()).build());
      }
    }
    return SQSBatchResponse.builder().withBatchItemFailures(failures).build();
  }
}
