package app.podium.infra;

import static app.podium.infra.TemplateJson.list;
import static app.podium.infra.TemplateJson.map;
import static app.podium.infra.TemplateJson.properties;
import static app.podium.infra.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FanoutTemplateTest {
  private static TemplateJson template;
  private static PodiumStack stack;

  @BeforeAll
  static void synthesize() {
    stack = Synthesized.dev();
    template = Synthesized.devJson();
  }

  @Test
  void theFanoutQueueSendsAMessageToItsDeadLetterQueueAfterFiveReceives() {
    Map<String, Object> redrive = map(queue("podium-dev-fanout").get("RedrivePolicy"));
    assertThat(redrive.get("maxReceiveCount")).isEqualTo(5);
    assertThat(referencedId(redrive.get("deadLetterTargetArn")))
        .isEqualTo(queueId("podium-dev-fanout-dlq"));
  }

  @Test
  void theStackOutputsTheDeadLetterQueueArnThatAMessageMoveTaskReplaysFrom() {
    Map<String, Object> output = template.output("FanoutDeadLetterQueueArn");
    assertThat(output.get("Value"))
        .isEqualTo(
            Map.of("Fn::GetAtt", java.util.List.of(queueId("podium-dev-fanout-dlq"), "Arn")));
    assertThat(output.get("Description").toString())
        .contains("aws sqs start-message-move-task --source-arn");
  }

  @Test
  void theVisibilityTimeoutIsAtLeastSixTimesTheFanoutTimeout() {
    int timeout =
        ((Number)
                template
                    .properties(TemplateJson.logicalId(stack.function(Routes.FANOUT.name())))
                    .get("Timeout"))
            .intValue();
    assertThat(((Number) queue("podium-dev-fanout").get("VisibilityTimeout")).intValue())
        .isGreaterThanOrEqualTo(6 * timeout);
  }

  @Test
  void bothQueuesUseSqsManagedEncryptionAndRefuseUnencryptedTransport() {
    for (String name : new String[] {"podium-dev-fanout", "podium-dev-fanout-dlq"}) {
      assertThat(queue(name).get("SqsManagedSseEnabled")).as(name).isEqualTo(true);
      assertThat(denyWithoutTls("AWS::SQS::QueuePolicy", "Queues", queueId(name)))
          .as(name)
          .isTrue();
    }
  }

  @Test
  void thePostEventsTopicRefusesUnencryptedTransportAndDeliversRawToTheQueue() {
    String topicId =
        template.ofType("AWS::SNS::Topic").entrySet().stream()
            .filter(t -> "podium-dev-post-events".equals(properties(t.getValue()).get("TopicName")))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    assertThat(denyWithoutTls("AWS::SNS::TopicPolicy", "Topics", topicId)).isTrue();
    var subscriptions =
        template.ofType("AWS::SNS::Subscription").values().stream()
            .map(TemplateJson::properties)
            .filter(s -> topicId.equals(referencedId(s.get("TopicArn"))))
            .toList();
    assertThat(subscriptions).hasSize(1);
    Map<String, Object> subscription = subscriptions.getFirst();
    assertThat(subscription)
        .containsEntry("Protocol", "sqs")
        .containsEntry("RawMessageDelivery", true);
    assertThat(referencedId(subscription.get("TopicArn"))).isEqualTo(topicId);
    assertThat(referencedId(subscription.get("Endpoint"))).isEqualTo(queueId("podium-dev-fanout"));
  }

  @Test
  void theQueueFeedsTheLiveFanoutAliasWithPartialBatchFailuresAndBoundedConcurrency() {
    var mappings = template.ofType("AWS::Lambda::EventSourceMapping").values();
    assertThat(mappings).hasSize(1);
    Map<String, Object> mapping = properties(mappings.iterator().next());
    assertThat(referencedId(mapping.get("EventSourceArn"))).isEqualTo(queueId("podium-dev-fanout"));
    assertThat(mapping.get("FunctionResponseTypes"))
        .isEqualTo(java.util.List.of("ReportBatchItemFailures"));
    assertThat(map(mapping.get("ScalingConfig")).get("MaximumConcurrency")).isEqualTo(50);
    // large batches, so a burst of one notification group's events is written once per batch
    assertThat(mapping.get("BatchSize")).isEqualTo(100);
    assertThat(mapping.get("MaximumBatchingWindowInSeconds")).isEqualTo(1);
    assertThat(mapping.get("FunctionName").toString()).contains(":" + PodiumStack.ALIAS);
  }

  @Test
  void theFanoutRoleConsumesTheQueueAndSendsFollowUpPagesToItAndNothingElseOfSqs() {
    String roleId =
        referencedId(
            template
                .properties(TemplateJson.logicalId(stack.function(Routes.FANOUT.name())))
                .get("Role"));
    var sqsStatements =
        template.ofType("AWS::IAM::Policy").values().stream()
            .map(TemplateJson::properties)
            .filter(
                p -> list(p.get("Roles")).stream().anyMatch(r -> roleId.equals(referencedId(r))))
            .flatMap(
                p ->
                    list(map(p.get("PolicyDocument")).get("Statement")).stream()
                        .map(TemplateJson::map))
            .filter(
                s -> list(s.get("Action")).stream().anyMatch(a -> a.toString().startsWith("sqs:")))
            .toList();
    assertThat(sqsStatements)
        .isNotEmpty()
        .allSatisfy(
            s ->
                assertThat(referencedId(s.get("Resource")))
                    .isEqualTo(queueId("podium-dev-fanout")));
    assertThat(
            sqsStatements.stream()
                .flatMap(s -> list(s.get("Action")).stream())
                .map(Object::toString))
        .contains("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:SendMessage");
  }

  private static Map<String, Object> queue(String name) {
    return template.properties(queueId(name));
  }

  private static String queueId(String name) {
    return template.ofType("AWS::SQS::Queue").entrySet().stream()
        .filter(q -> name.equals(properties(q.getValue()).get("QueueName")))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no queue " + name));
  }

  /**
   * Whether a resource policy of {@code type} on {@code targetId} denies every request without TLS.
   */
  private static boolean denyWithoutTls(String type, String targetsKey, String targetId) {
    return template.ofType(type).values().stream()
        .map(TemplateJson::properties)
        .filter(
            p -> list(p.get(targetsKey)).stream().anyMatch(t -> targetId.equals(referencedId(t))))
        .flatMap(
            p ->
                list(map(p.get("PolicyDocument")).get("Statement")).stream().map(TemplateJson::map))
        .anyMatch(
            s ->
                "Deny".equals(s.get("Effect"))
                    && map(s.get("Condition")).toString().contains("aws:SecureTransport=false"));
  }
}
