package app.podium.signup;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.accounts.Emails;
import app.podium.accounts.NewAccount;
import app.podium.accounts.PasswordHasher;
import app.podium.apps.App;
import app.podium.apps.IssuedToken;
import app.podium.apps.OAuthService;
import app.podium.graph.FollowService;
import app.podium.invites.Invite;
import app.podium.invites.InviteStore;
import app.podium.shared.DomainException;
import app.podium.shared.Ids;
import app.podium.shared.RateLimiter;
import app.podium.shared.Requester;
import app.podium.shared.Settings;
import app.podium.shared.Text;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** Creates members: validates, applies the signup phase and country rules, spends the invite. */
public final class SignupService {
  private static final Set<String> RESERVED =
      Set.of(
          "admin",
          "administrator",
          "root",
          "support",
          "help",
          "moderator",
          "podium",
          "webmaster",
          "postmaster",
          "abuse",
          "security",
          "staff",
          "system",
          "api");
  private static final Pattern LOCALE = Pattern.compile("[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*");

  private final AccountStore accounts;
  private final InviteStore invites;
  private final OAuthService oauth;
  private final FollowService follows;
  private final PasswordHasher passwords;
  private final RateLimiter rateLimiter;
  private final Settings settings;
  private final Ids ids;
  private final Clock clock;

  public SignupService(
      AccountStore accounts,
      InviteStore invites,
      OAuthService oauth,
      FollowService follows,
      PasswordHasher passwords,
      RateLimiter rateLimiter,
      Settings settings,
      Ids ids,
      Clock clock) {
    this.accounts = accounts;
    this.invites = invites;
    this.oauth = oauth;
    this.follows = follows;
    this.passwords = passwords;
    this.rateLimiter = rateLimiter;
    this.settings = settings;
    this.ids = ids;
    this.clock = clock;
  }

  /** Signs up through an app and returns the new member's token. */
  public IssuedToken signup(App app, SignupForm form, Requester requester) {
    validate(form);
    requireAllowedCountry(settings, requester);
    Optional<String> inviteCode =
        Optional.ofNullable(form.inviteCode())
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(s -> s.toUpperCase(Locale.ROOT));
    if (inviteCode.isEmpty() && settings.signupMode() != Settings.SignupMode.OPEN) {
      throw DomainException.Invalid.field(
          "invite_code", "ERR_BLANK", "is required while signups are by invitation only");
    }
    // every attempt counts before the code is looked up, so guessing codes is as limited as signing
    // up
    rateLimiter.check(settings.limits().signup(), requester.address());
    Optional<Invite> invite = inviteCode.map(this::usableInvite);
    Account account =
        create(
            form.username(),
            form.email(),
            form.password(),
            Account.Role.MEMBER,
            form.locale(),
            invite);
    invite.filter(Invite::autofollow).ifPresent(used -> autofollow(account, used.inviterId()));
    return oauth.issueForAccount(app, account.id());
  }

  /**
   * Creates the first admin if no account has the username yet; returns false if it exists. Used by
   * the local stack at start and by the one-shot admin bootstrap in AWS.
   */
  public boolean ensureAdmin(String username, String email, String password) {
    if (accounts.findByUsername(username).isPresent()) {
      return false;
    }
    try {
      create(username, email, password, Account.Role.ADMIN, "en", Optional.empty());
      return true;
    } catch (DomainException.Invalid taken) {
      if (accounts.findByUsername(username).isPresent()) {
        return false;
      }
      throw taken;
    }
  }

  /** The new member follows the inviter; an inviter deleted meanwhile is simply not followed. */
  private void autofollow(Account member, String inviterId) {
    try {
      follows.autofollow(member, inviterId);
    } catch (DomainException.NotFound gone) {
      // nothing to follow
    }
  }

  static void requireAllowedCountry(Settings settings, Requester requester) {
    if (!settings.allowedCountries().contains(requester.country())) {
      throw new DomainException.Forbidden("Signups are not available in your country");
    }
  }

  private Account create(
      String username,
      String email,
      String password,
      Account.Role role,
      String locale,
      Optional<Invite> invite) {
    String hash = passwords.hash(password);
    Instant now = clock.instant();
    Account account =
        Account.newMember(
            ids.next(),
            username,
            email.trim(),
            role,
            locale == null || locale.isBlank() ? "en" : locale,
            now,
            invite.map(Invite::inviterId),
            invite.map(Invite::code));
    accounts.create(new NewAccount(account, hash, invite.map(Invite::code)), now);
    return account;
  }

  private Invite usableInvite(String code) {
    return invites
        .find(code)
        .filter(i -> i.isUsable(clock.instant()))
        .orElseThrow(SignupService::unusableInvite);
  }

  static DomainException.Invalid unusableInvite() {
    return DomainException.Invalid.field(
        "invite_code", "ERR_INVALID", "is invalid, expired or used up");
  }

  private static void validate(SignupForm form) {
    var violations = new DomainException.Violations();
    Text.requireLength(violations, "username", form.username(), 1, 30);
    if (!violations.has("username")) {
      if (!Text.USERNAME.matcher(form.username()).matches()) {
        violations.add(
            "username", "ERR_INVALID", "must contain only letters, numbers and underscores");
      } else if (RESERVED.contains(form.username().toLowerCase(Locale.ROOT))) {
        violations.add("username", "ERR_RESERVED", "is reserved");
      }
    }
    if (form.email() == null || form.email().isBlank()) {
      violations.add("email", "ERR_BLANK", "can't be blank");
    } else if (!Text.isEmail(form.email().trim())) {
      violations.add("email", "ERR_INVALID", "is invalid");
    } else if (!Emails.isNormal(form.email().trim())) {
      violations.add("email", "ERR_INVALID", Emails.NOT_NORMAL);
    }
    Text.requireLength(
        violations, "password", form.password(), Text.PASSWORD_MIN, Text.PASSWORD_MAX);
    if (!Boolean.TRUE.equals(form.agreement())) {
      violations.add("agreement", "ERR_ACCEPTED", "must be accepted");
    }
    if (form.locale() != null
        && !form.locale().isBlank()
        && (form.locale().length() > 16 || !LOCALE.matcher(form.locale()).matches())) {
      violations.add("locale", "ERR_INCLUSION", "is not included in the list");
    }
    if (form.inviteCode() != null && form.inviteCode().length() > 64) {
      violations.add("invite_code", "ERR_INVALID", "is invalid, expired or used up");
    }
    Text.checkOptional(violations, "reason", form.reason(), 500);
    violations.throwIfAny();
  }
}
