package app.podium.fanout.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.http.Events;
import app.podium.shared.FanoutTask;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The notification messages the favourite, reblog and follow routes publish, as Lambda hands them
 * over.
 */
class NotificationMessagesTest {
  @Test
  void favouriteReblogAndFollowMessagesAreNotificationTasksForTheMemberActedOn() {
    SQSEvent event = Events.load("sqs/notifications.json", SQSEvent.class);
    List<FanoutTask> tasks =
        event.getRecords().stream().map(r -> FanoutTaskJson.read(r.getBody())).toList();

    assertThat(tasks)
        .extracting(t -> (Class) t.getClass())
        .containsExactly(
            FanoutTask.Favourited.class, FanoutTask.Reblogged.class, FanoutTask.Followed.class);
    assertThat(tasks)
        .allSatisfy(t -> assertThat(t).isInstanceOf(FanoutTask.Notice.class))
        .extracting(t -> ((FanoutTask.Notice) t).recipientId())
        .containsOnly("117677404841016557");
    assertThat(((FanoutTask.Favourited) tasks.get(0)).statusId()).isEqualTo("117677406555700462");
  }

  @Test
  void anEventIsDatedByWhenItsMessageWasSentWhicheverDeliveryThisIs() {
    SQSEvent event = Events.load("sqs/notifications.json", SQSEvent.class);
    SQSEvent.SQSMessage thirdReceive = event.getRecords().get(1);

    assertThat(FanoutHandler.sentAt(thirdReceive)).isEqualTo(Instant.ofEpochMilli(1795608000040L));

    SQSEvent.SQSMessage handBuilt = new SQSEvent.SQSMessage();
    handBuilt.setAttributes(new HashMap<>());
    Instant before = Instant.now();
    assertThat(FanoutHandler.sentAt(handBuilt)).isBetween(before, Instant.now());
  }
}
