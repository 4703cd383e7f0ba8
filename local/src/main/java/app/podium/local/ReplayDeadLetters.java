package app.podium.local;

import app.podium.AwsClients;
import app.podium.shared.Variables;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Moves every message of a running local stack's fan-out dead-letter queue back to the fan-out
 * queue, where the stack's poller hands it to the fan-out handler again: what {@code aws sqs
 * start-message-move-task --source-arn <DLQ ARN>} does on AWS. Replay once the cause of the
 * failures is fixed; every fan-out task is idempotent, so a message replayed twice changes nothing.
 *
 * <p>{@code SQS_ENDPOINT} is the emulator's address, printed by the local stack when it starts;
 * {@code TABLE_PREFIX} ({@code podium-}) names the queues, as it does for the stack.
 *
 * <pre>SQS_ENDPOINT=http://127.0.0.1:PORT ./mvnw -q -pl local -am -Preplay-dead-letters package
 * </pre>
 */
public final class ReplayDeadLetters {
  private ReplayDeadLetters() {}

  /**
   * Replays {@code <prefix>fanout-dlq} into {@code <prefix>fanout} at the endpoint; returns how
   * many moved.
   */
  public static int replay(SqsClient sqs, String prefix) {
    String dlqUrl = sqs.getQueueUrl(r -> r.queueName(prefix + MessagingResources.DLQ)).queueUrl();
    String queueUrl =
        sqs.getQueueUrl(r -> r.queueName(prefix + MessagingResources.QUEUE)).queueUrl();
    return QueuePoller.replay(sqs, dlqUrl, queueUrl);
  }

  /** The command: the endpoint and prefix from the environment, as the stack reads them. */
  static String run(Map<String, String> env) {
    String endpoint = Variables.SQS_ENDPOINT.readIfSet(env).orElse(null);
    if (endpoint == null) {
      throw new IllegalArgumentException(
          AwsClients.SQS_ENDPOINT_ENV
              + " must be the local stack's SNS/SQS endpoint "
              + "(the stack prints it when it starts)");
    }
    String prefix = Variables.TABLE_PREFIX.read(env);
    try (SqsClient sqs = AwsClients.sqs(endpoint)) {
      int moved = replay(sqs, prefix);
      return "Replayed "
          + moved
          + " message"
          + (moved == 1 ? "" : "s")
          + " from "
          + prefix
          + MessagingResources.DLQ
          + " to "
          + prefix
          + MessagingResources.QUEUE
          + " at "
          + endpoint;
    }
  }

  public static void main(String[] args) {
    try {
      System.out.println(run(System.getenv()));
    } catch (RuntimeException e) {
      System.err.println("Replay failed: " + e.getMessage());
      throw e;
    }
  }
}
