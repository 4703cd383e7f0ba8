package app.podium.graph;

import static app.podium.signup.SignupServiceTest.untouchable;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.shared.AccountId;
import app.podium.shared.DomainException;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BlockOrMuteTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static final List<BlockOrMute> ITEMS =
      List.of(
          BlockOrMute.block("1", "reader", "blocked", NOW),
          BlockOrMute.mute("2", "reader", "muted", NOW, true, Optional.empty()),
          BlockOrMute.mute("3", "reader", "ran_out", NOW, true, Optional.of(NOW.minusSeconds(1))),
          BlockOrMute.mute("4", "reader", "timed", NOW, false, Optional.of(NOW.plusSeconds(1))),
          BlockOrMute.block("5", "someone", "reader", NOW),
          BlockOrMute.mute("6", "other", "muted", NOW, true, Optional.empty()));

  @Test
  void aReaderIsSparedWhatTheirOwnActiveBlocksAndMutesTarget() {
    assertThat(BlockOrMute.hiddenFrom("reader", ITEMS, NOW))
        .containsExactlyInAnyOrder("blocked", "muted", "timed");
  }

  @Test
  void anAuthorIsKeptFromEveryoneWhoseBlockOrMuteOfThemIsActive() {
    assertThat(BlockOrMute.hidingFrom("muted", ITEMS, NOW))
        .containsExactlyInAnyOrder("reader", "other");
    assertThat(BlockOrMute.hidingFrom("ran_out", ITEMS, NOW)).isEmpty();
    assertThat(BlockOrMute.hidingFrom("reader", ITEMS, NOW)).containsExactly("someone");
  }

  @Test
  void aTimedMuteEndsAtItsExpiryAndABlockNever() {
    BlockOrMute timed = ITEMS.get(3);
    assertThat(timed.activeAt(NOW)).isTrue();
    assertThat(timed.activeAt(NOW.plusSeconds(1))).isFalse();
    assertThat(ITEMS.getFirst().activeAt(Instant.MAX)).isTrue();
  }

  @Test
  void aNegativeOrHugeDurationIsRefusedBeforeAnythingIsReadOrWritten() {
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    var service =
        new BlockMuteService(
            untouchable(BlockMuteStore.class),
            untouchable(FollowStore.class),
            null,
            untouchable(AccountStore.class),
            untouchable(FanoutTasks.class),
            new Ids(clock),
            clock);
    Account owner =
        Account.newMember(
            "1",
            "owner",
            "o@example.com",
            Account.Role.MEMBER,
            "en",
            NOW,
            Optional.empty(),
            Optional.empty());
    for (long duration : new long[] {-1, BlockMuteService.MAX_DURATION_SECONDS + 1}) {
      assertThatThrownBy(() -> service.mute(owner, new AccountId("2"), true, duration))
          .isInstanceOfSatisfying(
              DomainException.Invalid.class, e -> assertThat(e.details()).containsKey("duration"));
    }
  }
}
