package app.podium.fanout.sqs;

import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTasks;
import java.util.Map;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;

/** New events go to the SNS topic; follow-up pages of a task go straight to the fan-out queue. */
public final class SnsSqsFanoutTasks implements FanoutTasks {
  private final SnsClient sns;
  private final String topicArn;
  private final SqsClient sqs;
  private final String queueUrl;

  public SnsSqsFanoutTasks(SnsClient sns, String topicArn, SqsClient sqs, String queueUrl) {
    this.sns = sns;
    this.topicArn = topicArn;
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void publish(FanoutTask task) {
    sns.publish(
        r ->
            r.topicArn(topicArn)
                .message(FanoutTaskJson.write(task))
                .messageAttributes(
                    Map.of(
                        "type",
                        MessageAttributeValue.builder()
                            .dataType("String")
                            .stringValue(FanoutTaskJson.typeName(task))
                            .build())));
  }

  @Override
  public void enqueue(FanoutTask task) {
    sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(FanoutTaskJson.write(task)));
  }
}
