package app.podium.invites;

import java.time.Instant;
import java.util.Optional;

/** An invite code. {@code maxUses} empty means unlimited; {@code expiresAt} empty means never. */
public record Invite(
    String code,
    String inviterId,
    Optional<Integer> maxUses,
    int uses,
    Optional<Instant> expiresAt,
    boolean autofollow,
    Instant createdAt,
    Optional<Instant> revokedAt) {

  public boolean isUsable(Instant now) {
    return revokedAt.isEmpty()
        && maxUses.map(max -> uses < max).orElse(true)
        && expiresAt.map(now::isBefore).orElse(true);
  }

  /** How many more people the invite can admit; unlimited counts as {@link Integer#MAX_VALUE}. */
  public int remainingUses() {
    return maxUses.map(max -> Math.max(0, max - uses)).orElse(Integer.MAX_VALUE);
  }

  public boolean isExpired(Instant now) {
    return revokedAt.isPresent() || expiresAt.map(e -> !now.isBefore(e)).orElse(false);
  }
}
