package app.podium.local;

import java.time.Duration;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.InvalidParameterException;
import software.amazon.awssdk.services.sns.model.Subscription;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueNameExistsException;

/**
 * The fan-out path's messaging, made through the SNS and SQS APIs so it works against fauxqs,
 * LocalStack or AWS alike: the topic {@code <prefix>post-events}, the queue {@code <prefix>fanout}
 * subscribed to it with raw delivery, and its dead-letter queue {@code <prefix>fanout-dlq}, where a
 * message goes after {@value #MAX_RECEIVE_COUNT} receives.
 *
 * @param topicArn the topic that post events are published to
 * @param queueUrl the fan-out queue, which the fan-out handler consumes
 * @param queueArn its ARN (the event source ARN in the SQS events Lambda builds)
 * @param dlqUrl the dead-letter queue
 * @param dlqArn its ARN
 * @param subscriptionArn the topic's subscription of the fan-out queue
 */
public record MessagingResources(
    String topicArn,
    String queueUrl,
    String queueArn,
    String dlqUrl,
    String dlqArn,
    String subscriptionArn) {
  public static final String TOPIC = "post-events";
  public static final String QUEUE = "fanout";
  public static final String DLQ = "fanout-dlq";
  public static final int MAX_RECEIVE_COUNT = 5;

  /** Lambda's own default function timeout is 3 s; the fan-out queue's default is SQS's: 30 s. */
  public static final Duration DEFAULT_VISIBILITY_TIMEOUT = Duration.ofSeconds(30);

  /** SQS's longest retention, so that nothing expires from the DLQ before someone looks at it. */
  private static final String DLQ_RETENTION_SECONDS =
      Long.toString(Duration.ofDays(14).toSeconds());

  /** {@link #create(SnsClient, SqsClient, String, Duration)} with a 30 s visibility timeout. */
  public static MessagingResources create(SnsClient sns, SqsClient sqs, String prefix) {
    return create(sns, sqs, prefix, DEFAULT_VISIBILITY_TIMEOUT);
  }

  /**
   * Creates what is missing and returns all of it. Calling it again is harmless; a second call with
   * another visibility timeout sets the new one on the existing queue.
   *
   * @param prefix prepended to every name (e.g. the table prefix), may be empty
   * @param visibilityTimeout the fan-out queue's, in whole seconds: how long a received message
   *     stays hidden, i.e. how soon a failed message is tried again
   */
  public static MessagingResources create(
      SnsClient sns, SqsClient sqs, String prefix, Duration visibilityTimeout) {
    if (visibilityTimeout.isNegative()
        || visibilityTimeout.toSeconds() > 43_200
        || visibilityTimeout.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException(
          "an SQS visibility timeout is whole seconds from 0 to 43200: " + visibilityTimeout);
    }
    String dlqUrl =
        createQueue(
            sqs,
            prefix + DLQ,
            Map.of(QueueAttributeName.MESSAGE_RETENTION_PERIOD, DLQ_RETENTION_SECONDS));
    String dlqArn = queueArn(sqs, dlqUrl);
    String redrivePolicy =
        "{\"deadLetterTargetArn\":\""
            + dlqArn
            + "\",\"maxReceiveCount\":\""
            + MAX_RECEIVE_COUNT
            + "\"}";
    String queueUrl =
        createQueue(
            sqs,
            prefix + QUEUE,
            Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT,
                Long.toString(visibilityTimeout.toSeconds()),
                QueueAttributeName.REDRIVE_POLICY,
                redrivePolicy));
    String queueArn = queueArn(sqs, queueUrl);
    String topicArn = sns.createTopic(r -> r.name(prefix + TOPIC)).topicArn();
    String subscriptionArn = subscribe(sns, topicArn, queueArn);
    return new MessagingResources(topicArn, queueUrl, queueArn, dlqUrl, dlqArn, subscriptionArn);
  }

  /** Creates the queue, or gives the existing one these attributes. */
  private static String createQueue(
      SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
    try {
      return sqs.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    } catch (QueueNameExistsException exists) {
      String url = sqs.getQueueUrl(r -> r.queueName(name)).queueUrl();
      sqs.setQueueAttributes(r -> r.queueUrl(url).attributes(attributes));
      return url;
    }
  }

  static String queueArn(SqsClient sqs, String queueUrl) {
    return sqs.getQueueAttributes(
            r -> r.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }

  /**
   * Subscribes the queue with raw delivery, or switches raw delivery on for its existing
   * subscription.
   */
  private static String subscribe(SnsClient sns, String topicArn, String queueArn) {
    try {
      return sns.subscribe(
              r ->
                  r.topicArn(topicArn)
                      .protocol("sqs")
                      .endpoint(queueArn)
                      .attributes(Map.of("RawMessageDelivery", "true"))
                      .returnSubscriptionArn(true))
          .subscriptionArn();
    } catch (InvalidParameterException differentAttributes) {
      String existing =
          sns.listSubscriptionsByTopicPaginator(r -> r.topicArn(topicArn)).subscriptions().stream()
              .filter(s -> "sqs".equals(s.protocol()) && queueArn.equals(s.endpoint()))
              .map(Subscription::subscriptionArn)
              .findFirst()
              .orElseThrow(() -> differentAttributes);
      sns.setSubscriptionAttributes(
          r ->
              r.subscriptionArn(existing)
                  .attributeName("RawMessageDelivery")
                  .attributeValue("true"));
      return existing;
    }
  }
}
