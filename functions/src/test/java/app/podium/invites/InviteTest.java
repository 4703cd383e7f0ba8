package app.podium.invites;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InviteTest {
  static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

  static Invite invite(
      Optional<Integer> maxUses,
      int uses,
      Optional<Instant> expiresAt,
      Optional<Instant> revokedAt) {
    return new Invite(
        "ACDEFGHJKM", "1", maxUses, uses, expiresAt, false, NOW.minusSeconds(60), revokedAt);
  }

  @Test
  void anInviteIsUsableWhileUsesRemainItHasNotExpiredAndIsNotRevoked() {
    assertThat(
            invite(Optional.of(1), 0, Optional.of(NOW.plusSeconds(1)), Optional.empty())
                .isUsable(NOW))
        .isTrue();
    assertThat(
            invite(Optional.of(1), 1, Optional.of(NOW.plusSeconds(1)), Optional.empty())
                .isUsable(NOW))
        .isFalse();
    assertThat(invite(Optional.of(3), 2, Optional.empty(), Optional.empty()).isUsable(NOW))
        .isTrue();
    assertThat(invite(Optional.empty(), 1_000, Optional.empty(), Optional.empty()).isUsable(NOW))
        .isTrue();
  }

  @Test
  void anInviteExpiresAtItsExpiryInstantAndWhenRevoked() {
    assertThat(invite(Optional.of(1), 0, Optional.of(NOW), Optional.empty()).isUsable(NOW))
        .isFalse();
    assertThat(invite(Optional.of(1), 0, Optional.of(NOW), Optional.empty()).isExpired(NOW))
        .isTrue();
    assertThat(invite(Optional.of(1), 0, Optional.empty(), Optional.of(NOW)).isExpired(NOW))
        .isTrue();
    assertThat(invite(Optional.of(1), 0, Optional.empty(), Optional.of(NOW)).isUsable(NOW))
        .isFalse();
  }

  @Test
  void remainingUsesAreThePeopleTheInviteCanStillAdmit() {
    assertThat(invite(Optional.of(5), 0, Optional.empty(), Optional.empty()).remainingUses())
        .isEqualTo(5);
    assertThat(invite(Optional.of(5), 3, Optional.empty(), Optional.empty()).remainingUses())
        .isEqualTo(2);
    assertThat(invite(Optional.of(5), 5, Optional.empty(), Optional.empty()).remainingUses())
        .isZero();
    assertThat(invite(Optional.empty(), 7, Optional.empty(), Optional.empty()).remainingUses())
        .isEqualTo(Integer.MAX_VALUE);
  }
}
