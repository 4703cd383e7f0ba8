package app.podium.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.graph.BlockOrMute;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NotificationGroupTest {
  static final long T0 = Instant.parse("2026-11-25T12:00:00Z").toEpochMilli();

  static NotificationEvent favourite(String actor, long millis) {
    return new NotificationEvent(
        "author",
        NotificationType.FAVOURITE,
        actor,
        Optional.of("42"),
        NotificationEvent.idOf(Instant.ofEpochMilli(millis), actor));
  }

  @Test
  void aNewGroupCountsEachEventAndPutsTheNewestActorsFirst() {
    var events = List.of(favourite("a", T0 + 2), favourite("b", T0), favourite("c", T0 + 1));

    NotificationGroup group = NotificationGroup.merge(Optional.empty(), events);

    assertThat(group.groupKey()).isEqualTo("favourite-42");
    assertThat(group.count()).isEqualTo(3);
    assertThat(group.sampleAccountIds()).containsExactly("a", "c", "b");
    assertThat(group.latestId()).isEqualTo(events.get(0).id());
    assertThat(group.firstId()).isEqualTo(events.get(1).id());
    assertThat(group.latestAt()).isEqualTo(Instant.ofEpochMilli(T0 + 2));
    assertThat(group.statusId()).contains("42");
  }

  @Test
  void laterEventsGoInFrontAndSamplesStopAtEight() {
    NotificationGroup before =
        NotificationGroup.merge(
            Optional.empty(),
            IntStream.range(0, 8).mapToObj(i -> favourite("old" + i, T0 + i)).toList());

    NotificationGroup after =
        NotificationGroup.merge(
            Optional.of(before), List.of(favourite("new0", T0 + 100), favourite("new1", T0 + 101)));

    assertThat(after.count()).isEqualTo(10);
    assertThat(after.sampleAccountIds())
        .hasSize(NotificationGroup.SAMPLES)
        .startsWith("new1", "new0", "old7")
        .doesNotContain("old0", "old1");
    assertThat(after.firstId()).isEqualTo(before.firstId());
    assertThat(after.latestId()).isGreaterThan(before.latestId());
  }

  @Test
  void eventsOlderThanTheGroupsNewestJoinBehindItsSamples() {
    NotificationGroup before =
        NotificationGroup.merge(Optional.empty(), List.of(favourite("late", T0 + 50)));

    NotificationGroup after =
        NotificationGroup.merge(Optional.of(before), List.of(favourite("early", T0)));

    assertThat(after.sampleAccountIds()).containsExactly("late", "early");
    assertThat(after.latestId()).isEqualTo(before.latestId());
    assertThat(after.firstId()).isLessThan(before.firstId());
  }

  @Test
  void theSamplesAreTheNewestActorsWhateverOrderTheirEventsArriveIn() {
    List<NotificationEvent> events =
        IntStream.range(0, 12).mapToObj(i -> favourite("fan" + i, T0 + i)).toList();
    List<NotificationEvent> shuffled = new java.util.ArrayList<>(events);
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));

    Optional<NotificationGroup> group = Optional.empty();
    for (NotificationEvent event : shuffled) {
      group = Optional.of(NotificationGroup.merge(group, List.of(event)));
    }

    assertThat(group.orElseThrow().sampleAccountIds())
        .containsExactly("fan11", "fan10", "fan9", "fan8", "fan7", "fan6", "fan5", "fan4");
    assertThat(group.orElseThrow().count()).isEqualTo(12);
    assertThat(group.orElseThrow().latestId()).isEqualTo(events.getLast().id());
    assertThat(group.orElseThrow().firstId()).isEqualTo(events.getFirst().id());
  }

  @Test
  void followsGroupByHourAndAMentionIsItsOwnUngroupedGroup() {
    var follow =
        new NotificationEvent(
            "m",
            NotificationType.FOLLOW,
            "f",
            Optional.empty(),
            NotificationEvent.idOf(Instant.ofEpochMilli(T0 + 59 * 60_000), "f"));
    var nextHour =
        new NotificationEvent(
            "m",
            NotificationType.FOLLOW,
            "g",
            Optional.empty(),
            NotificationEvent.idOf(Instant.ofEpochMilli(T0 + 61 * 60_000), "g"));
    assertThat(follow.groupKey()).isEqualTo("follow-" + T0 / 3_600_000);
    assertThat(nextHour.groupKey()).isNotEqualTo(follow.groupKey());

    long statusId = (T0 << 16) | 7;
    var mention =
        new NotificationEvent(
            "m", NotificationType.MENTION, "a", Optional.of(Long.toString(statusId)), statusId);
    NotificationGroup group = NotificationGroup.merge(Optional.empty(), List.of(mention));
    assertThat(group.groupKey()).isEqualTo("mention-" + statusId);
    assertThat(group.apiGroupKey()).isEqualTo("ungrouped-" + statusId);
    assertThat(mention.at()).isEqualTo(Instant.ofEpochMilli(T0));
  }

  @Test
  void anEventsIdIsTheSameOnEveryDeliveryOfItsMessage() {
    Instant sent = Instant.ofEpochMilli(T0);
    assertThat(NotificationEvent.idOf(sent, "favourite:a:b:1"))
        .isEqualTo(NotificationEvent.idOf(sent, "favourite:a:b:1"))
        .isNotEqualTo(NotificationEvent.idOf(sent, "favourite:c:b:1"));
    assertThat(NotificationEvent.idOf(sent, "x") >>> 16).isEqualTo(T0);
  }

  @Test
  void onlyTheMembersOwnBlocksAndNotificationMutesHideActors() {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");
    var items =
        List.of(
            BlockOrMute.block("1", "me", "blocked", now),
            BlockOrMute.mute("2", "me", "muted", now, true, Optional.empty()),
            BlockOrMute.mute("3", "me", "quiet", now, false, Optional.empty()),
            BlockOrMute.mute(
                "4", "me", "expired", now.minusSeconds(60), true, Optional.of(now.minusSeconds(1))),
            BlockOrMute.block("5", "someone", "me", now));

    assertThat(NotificationService.hidingNotifications("me", items, now))
        .containsExactlyInAnyOrder("blocked", "muted");
  }
}
