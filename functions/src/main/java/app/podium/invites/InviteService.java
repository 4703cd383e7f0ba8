package app.podium.invites;

import app.podium.accounts.Account;
import app.podium.shared.DomainException;
import app.podium.shared.Secrets;
import app.podium.shared.Settings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Members invite others: codes with a use limit, an expiry and an optional autofollow of the
 * inviter.
 */
public final class InviteService {
  public static final int CODE_LENGTH = 10;
  static final int MAX_USES_LIMIT = 100_000;
  static final long EXPIRES_IN_MIN = 60;
  static final long EXPIRES_IN_MAX = Duration.ofDays(365).toSeconds();

  private final InviteStore invites;
  private final Settings settings;
  private final Clock clock;

  public InviteService(InviteStore invites, Settings settings, Clock clock) {
    this.invites = invites;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Creates an invite. {@code maxUses} defaults to 1; {@code expiresInSeconds} to the configured
   * lifetime. A member's usable invites together admit at most {@code INVITES_PER_MEMBER} more
   * people (a code's remaining uses count, not the code), so a member cannot open the invite-only
   * phase with a few large codes; admins have no quota.
   */
  public Invite create(
      Account inviter,
      Optional<Integer> maxUses,
      Optional<Long> expiresInSeconds,
      boolean autofollow) {
    if (!inviter.isAdmin() && settings.invitesPerMember() < 1) {
      throw new DomainException.Forbidden("Members may not invite anyone on this server");
    }
    var violations = new DomainException.Violations();
    int uses = maxUses.orElse(1);
    int mostUses =
        inviter.isAdmin() ? MAX_USES_LIMIT : Math.min(MAX_USES_LIMIT, settings.invitesPerMember());
    if (uses < 1 || uses > mostUses) {
      violations.add("max_uses", "ERR_INCLUSION", "must be between 1 and " + mostUses);
    }
    long lifetime = expiresInSeconds.orElse(settings.inviteDefaultLifetime().toSeconds());
    if (lifetime < EXPIRES_IN_MIN || lifetime > EXPIRES_IN_MAX) {
      violations.add(
          "expires_in",
          "ERR_INCLUSION",
          "must be between " + EXPIRES_IN_MIN + " and " + EXPIRES_IN_MAX + " seconds");
    }
    violations.throwIfAny();
    Instant now = clock.instant();
    Invite invite =
        new Invite(
            Secrets.inviteCode(CODE_LENGTH),
            inviter.id(),
            Optional.of(uses),
            0,
            Optional.of(now.plusSeconds(lifetime)),
            autofollow,
            now,
            Optional.empty());
    Optional<Integer> quota =
        inviter.isAdmin() ? Optional.empty() : Optional.of(settings.invitesPerMember());
    invites.create(invite, quota, now);
    return invite;
  }

  public List<Invite> list(Account inviter) {
    return invites.byInviter(inviter.id());
  }

  /** Revokes one of the caller's invites (any invite, for an admin). */
  public void revoke(Account caller, String code) {
    // an empty code is not a key DynamoDB accepts: it names no invite
    Invite invite =
        Optional.ofNullable(code)
            .filter(c -> !c.isEmpty() && c.length() <= 64)
            .map(c -> c.toUpperCase(Locale.ROOT))
            .flatMap(invites::find)
            .filter(i -> caller.isAdmin() || i.inviterId().equals(caller.id()))
            .orElseThrow(() -> new DomainException.NotFound("Record not found"));
    invites.revoke(invite.code(), invite.inviterId(), clock.instant());
  }
}
