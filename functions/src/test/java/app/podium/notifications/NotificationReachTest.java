package app.podium.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.graph.BlockOrMute;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which events reach their member ({@link NotificationService#reaches}), as Mastodon's {@code
 * NotifyService} and {@code FeedManager#filter_from_mentions?} decide, with the member's blocks and
 * mutes as the event path reads them.
 */
class NotificationReachTest {
  static final Instant AT = Instant.parse("2026-11-25T12:00:00Z");
  static final String MEMBER = "m";

  static NotificationEvent mention(String actor, String... othersNamed) {
    return new NotificationEvent(
        MEMBER, NotificationType.MENTION, actor, Optional.of("7"), 7, List.of(othersNamed));
  }

  static NotificationEvent favourite(String actor) {
    return new NotificationEvent(MEMBER, NotificationType.FAVOURITE, actor, Optional.of("7"), 7);
  }

  static boolean reaches(NotificationEvent event, List<BlockOrMute> between) {
    return NotificationService.reaches(
        event,
        NotificationService.hidingNotifications(MEMBER, between, AT),
        NotificationService.blocking(MEMBER, between));
  }

  static BlockOrMute block(String owner, String target) {
    return BlockOrMute.block("1", owner, target, AT);
  }

  static BlockOrMute mute(String owner, String target, boolean notifications) {
    return BlockOrMute.mute("1", owner, target, AT, notifications, Optional.empty());
  }

  @Test
  void aMentionReachesTheMemberUnlessTheyHideItsAuthorOrTheAuthorBlocksThem() {
    assertThat(reaches(mention("a"), List.of())).isTrue();
    assertThat(reaches(mention("a"), List.of(block(MEMBER, "a"))))
        .as("the member blocks the author")
        .isFalse();
    assertThat(reaches(mention("a"), List.of(mute(MEMBER, "a", true))))
        .as("mutes with notifications")
        .isFalse();
    assertThat(reaches(mention("a"), List.of(mute(MEMBER, "a", false))))
        .as("mutes, notifications kept")
        .isTrue();
    assertThat(reaches(mention("a"), List.of(block("a", MEMBER))))
        .as("the author blocks the member")
        .isFalse();
    assertThat(reaches(mention("a"), List.of(block("a", "other"))))
        .as("someone else's block")
        .isTrue();
  }

  @Test
  void aMentionThatAlsoNamesOrAnswersSomeoneTheMemberHidesDoesNotReachThem() {
    assertThat(reaches(mention("a", "b"), List.of())).isTrue();
    assertThat(reaches(mention("a", "b"), List.of(block(MEMBER, "b"))))
        .as("names a blocked account")
        .isFalse();
    assertThat(reaches(mention("a", "b"), List.of(mute(MEMBER, "b", true))))
        .as("names a muted account")
        .isFalse();
    assertThat(reaches(mention("a", "b"), List.of(mute(MEMBER, "b", false)))).isTrue();
    assertThat(reaches(mention("a", "b"), List.of(block("b", MEMBER))))
        .as("only the member's own blocks count")
        .isTrue();
  }

  @Test
  void aFavouriteIsDroppedOnlyForAnActorTheMemberHides() {
    assertThat(reaches(favourite("a"), List.of(block("a", MEMBER)))).isTrue();
    assertThat(reaches(favourite("a"), List.of(block(MEMBER, "a")))).isFalse();
    assertThat(
            NotificationService.blocking(
                MEMBER, List.of(block("a", MEMBER), mute("b", MEMBER, true), block(MEMBER, "c"))))
        .isEqualTo(Set.of("a"));
  }
}
