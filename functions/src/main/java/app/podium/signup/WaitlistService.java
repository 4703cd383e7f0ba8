package app.podium.signup;

import app.podium.accounts.Account;
import app.podium.accounts.AccountService;
import app.podium.accounts.Emails;
import app.podium.invites.Invite;
import app.podium.invites.InviteService;
import app.podium.shared.DomainException;
import app.podium.shared.RateLimiter;
import app.podium.shared.Requester;
import app.podium.shared.Settings;
import app.podium.shared.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The waitlist phase: anyone in an allowed country may join; admins release invites in batches. */
public final class WaitlistService {
  static final int RELEASE_MAX = 500;

  /** Queue reads per release: each round replaces the entries that other releases took first. */
  static final int RELEASE_ROUNDS = 5;

  private final WaitlistStore waitlist;
  private final InviteService invites;
  private final RateLimiter rateLimiter;
  private final Settings settings;
  private final Clock clock;

  public WaitlistService(
      WaitlistStore waitlist,
      InviteService invites,
      RateLimiter rateLimiter,
      Settings settings,
      Clock clock) {
    this.waitlist = waitlist;
    this.invites = invites;
    this.rateLimiter = rateLimiter;
    this.settings = settings;
    this.clock = clock;
  }

  public WaitlistEntry join(String email, Requester requester) {
    if (email == null || email.isBlank()) {
      throw DomainException.Invalid.field("email", "ERR_BLANK", "can't be blank");
    }
    String typed = email.trim();
    if (!Text.isEmail(typed)) {
      throw DomainException.Invalid.field("email", "ERR_INVALID", "is invalid");
    }
    if (!Emails.isNormal(typed)) {
      throw DomainException.Invalid.field("email", "ERR_INVALID", Emails.NOT_NORMAL);
    }
    String normalized = Emails.key(typed);
    if (settings.signupMode() != Settings.SignupMode.WAITLIST) {
      throw new DomainException.Forbidden(
          settings.signupMode() == Settings.SignupMode.OPEN
              ? "Registrations are open: sign up directly"
              : "The waitlist is not open");
    }
    SignupService.requireAllowedCountry(settings, requester);
    rateLimiter.check(settings.limits().signup(), requester.address());
    WaitlistEntry entry =
        new WaitlistEntry(normalized, clock.instant(), Optional.empty(), Optional.empty());
    waitlist.join(entry);
    return entry;
  }

  /**
   * Gives the {@code count} longest-waiting entries a single-use invite each, made by the admin. An
   * entry released concurrently by another admin keeps its first invite; the spare one is revoked,
   * and this release moves on to the next waiting, so it comes back short only when the queue runs
   * out. The queue index is eventually consistent, so a page may still list entries just released:
   * they are skipped the same way.
   */
  public List<WaitlistEntry> release(Account admin, int count) {
    AccountService.requireAdmin(admin);
    if (count < 1 || count > RELEASE_MAX) {
      throw DomainException.Invalid.field(
          "count", "ERR_INCLUSION", "must be between 1 and " + RELEASE_MAX);
    }
    List<WaitlistEntry> released = new ArrayList<>();
    Set<String> tried = new HashSet<>();
    for (int round = 0; round < RELEASE_ROUNDS && released.size() < count; round++) {
      int wanted = count - released.size();
      List<WaitlistEntry> candidates =
          waitlist.nextWaiting(wanted + tried.size()).stream()
              .filter(entry -> !tried.contains(entry.email()))
              .limit(wanted)
              .toList();
      if (candidates.isEmpty()) {
        break;
      }
      for (WaitlistEntry waiting : candidates) {
        tried.add(waiting.email());
        Invite invite = invites.create(admin, Optional.of(1), Optional.empty(), false);
        Instant now = clock.instant();
        if (waitlist.markReleased(waiting.email(), invite.code(), now)) {
          released.add(
              new WaitlistEntry(
                  waiting.email(),
                  waiting.joinedAt(),
                  Optional.of(invite.code()),
                  Optional.of(now)));
        } else {
          invites.revoke(admin, invite.code());
        }
      }
    }
    return released;
  }
}
