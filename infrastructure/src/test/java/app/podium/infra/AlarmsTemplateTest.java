package app.podium.infra;

import static app.podium.infra.TemplateJson.list;
import static app.podium.infra.TemplateJson.map;
import static app.podium.infra.TemplateJson.properties;
import static app.podium.infra.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AlarmsTemplateTest {
  private static TemplateJson template;
  private static PodiumStack stack;
  private static Map<String, Map<String, Object>> alarms;
  private static String alarmTopicId;

  @BeforeAll
  static void synthesize() {
    stack = Synthesized.dev();
    template = Synthesized.devJson();
    alarms =
        template.ofType("AWS::CloudWatch::Alarm").values().stream()
            .map(TemplateJson::properties)
            .collect(Collectors.toMap(a -> a.get("AlarmName").toString(), a -> a));
    alarmTopicId =
        template.ofType("AWS::SNS::Topic").entrySet().stream()
            .filter(t -> "podium-dev-alarms".equals(properties(t.getValue()).get("TopicName")))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
  }

  @Test
  void anyMessageInTheDeadLetterQueueRaisesAnAlarm() {
    Map<String, Object> alarm = alarms.get("podium-dev-FanoutDeadLettersAlarm");
    assertThat(alarm)
        .containsEntry("MetricName", "ApproximateNumberOfMessagesVisible")
        .containsEntry("Namespace", "AWS/SQS")
        .containsEntry("ComparisonOperator", "GreaterThanThreshold")
        .containsEntry("Threshold", 0);
  }

  @Test
  void anOldFanoutMessageRaisesAnAlarm() {
    assertThat(alarms.get("podium-dev-FanoutQueueAgeAlarm"))
        .containsEntry("MetricName", "ApproximateAgeOfOldestMessage")
        .containsEntry("Threshold", (int) PodiumStack.QUEUE_AGE_ALARM.toSeconds().intValue());
  }

  @Test
  void everyFunctionHasAnErrorsAndAThrottlesAlarmOnItsOwnMetric() {
    for (Routes.Function function : Routes.FUNCTIONS) {
      String name = function.name();
      String functionId = TemplateJson.logicalId(stack.function(function.name()));
      for (String metric : new String[] {"Errors", "Throttles"}) {
        Map<String, Object> alarm = alarms.get("podium-dev-" + name + metric + "Alarm");
        assertThat(alarm)
            .as(name + " " + metric)
            .isNotNull()
            .containsEntry("MetricName", metric)
            .containsEntry("Namespace", "AWS/Lambda");
        Map<String, Object> dimension = map(list(alarm.get("Dimensions")).getFirst());
        assertThat(referencedId(dimension.get("Value"))).isEqualTo(functionId);
      }
    }
  }

  @Test
  void everyAlarmNotifiesTheAlarmTopic() {
    assertThat(alarms).hasSize(2 + 2 * Routes.FUNCTIONS.size());
    alarms.forEach(
        (name, alarm) ->
            assertThat(list(alarm.get("AlarmActions")))
                .as(name)
                .extracting(TemplateJson::referencedId)
                .containsExactly(alarmTopicId));
    assertThat(
            template.ofType("AWS::SNS::Subscription").values().stream()
                .map(TemplateJson::properties)
                .filter(s -> alarmTopicId.equals(referencedId(s.get("TopicArn")))))
        .extracting(s -> s.get("Protocol"), s -> s.get("Endpoint"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("email", "ops@example.com"));
  }
}
