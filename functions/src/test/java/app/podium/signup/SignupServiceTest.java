package app.podium.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.accounts.AccountStore;
import app.podium.accounts.Emails;
import app.podium.accounts.PasswordHasher;
import app.podium.apps.App;
import app.podium.apps.AppStore;
import app.podium.apps.OAuthService;
import app.podium.apps.TokenStore;
import app.podium.graph.Backfill;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.FollowService;
import app.podium.graph.FollowStore;
import app.podium.invites.InviteStore;
import app.podium.shared.CounterStore;
import app.podium.shared.DomainException;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import app.podium.shared.RateLimiter;
import app.podium.shared.Requester;
import app.podium.shared.Scopes;
import app.podium.shared.Settings;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Validation and phase rules refuse bad signups before any store is touched. */
public class SignupServiceTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
  static final App APP =
      new App("client", "app", null, List.of(), Scopes.parse("read write"), CLOCK.instant());
  static final Requester US = new Requester("198.51.100.1", "US");

  /** A store that fails the test if anything calls it. */
  @SuppressWarnings("unchecked")
  public static <T> T untouchable(Class<T> type) {
    return (T)
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (proxy, method, args) -> {
              throw new AssertionError(
                  type.getSimpleName() + "." + method.getName() + " must not be called");
            });
  }

  static SignupService service(Map<String, String> env) {
    return service(env, untouchable(CounterStore.class));
  }

  static SignupService service(Map<String, String> env, CounterStore counters) {
    Settings settings = Settings.fromEnvironment(env);
    RateLimiter limiter = new RateLimiter(counters, CLOCK);
    OAuthService oauth =
        new OAuthService(
            untouchable(AppStore.class),
            untouchable(TokenStore.class),
            untouchable(AccountStore.class),
            untouchable(PasswordHasher.class),
            limiter,
            settings,
            CLOCK);
    FollowService follows =
        new FollowService(
            untouchable(FollowStore.class),
            untouchable(AccountStore.class),
            untouchable(Backfill.class),
            untouchable(FanoutTasks.class),
            untouchable(BlockMuteStore.class),
            limiter,
            settings,
            new Ids(CLOCK),
            CLOCK);
    return new SignupService(
        untouchable(AccountStore.class),
        untouchable(InviteStore.class),
        oauth,
        follows,
        untouchable(PasswordHasher.class),
        limiter,
        settings,
        new Ids(CLOCK),
        CLOCK);
  }

  static SignupForm form(
      String username, String email, String password, Boolean agreement, String invite) {
    return new SignupForm(username, email, password, agreement, "en", invite, null);
  }

  static Map<String, List<DomainException.FieldError>> violations(SignupForm form) {
    try {
      service(Map.of()).signup(APP, form, US);
    } catch (DomainException.Invalid e) {
      return e.details();
    }
    throw new AssertionError("expected a validation failure");
  }

  @Test
  void anEmailThatNfkcWouldChangeIsRefusedOnEmailBeforeAnyStoreIsTouched() {
    var details =
        violations(form("kate", "\u212Aate@example.com", "correct horse battery", true, "CODE"));
    assertThat(details.keySet()).containsExactly("email");
    assertThat(details.get("email").getFirst().error()).isEqualTo("ERR_INVALID");
    assertThat(details.get("email").getFirst().description()).isEqualTo(Emails.NOT_NORMAL);
  }

  @Test
  void everyMissingFieldIsNamedInOneAnswer() {
    var details = violations(form(null, null, null, null, "CODE"));
    assertThat(details.keySet())
        .containsExactlyInAnyOrder("username", "email", "password", "agreement");
    assertThat(details.get("username").getFirst().error()).isEqualTo("ERR_BLANK");
    assertThat(details.get("agreement").getFirst().error()).isEqualTo("ERR_ACCEPTED");
  }

  @Test
  void usernamesAreLettersDigitsAndUnderscoresUpTo30() {
    assertThat(
            violations(form("al ice", "a@example.com", "password1", true, "C"))
                .get("username")
                .getFirst()
                .error())
        .isEqualTo("ERR_INVALID");
    assertThat(
            violations(form("a".repeat(31), "a@example.com", "password1", true, "C"))
                .get("username")
                .getFirst()
                .error())
        .isEqualTo("ERR_TOO_LONG");
    assertThat(
            violations(form("élodie", "a@example.com", "password1", true, "C"))
                .get("username")
                .getFirst()
                .error())
        .isEqualTo("ERR_INVALID");
    assertThat(
            violations(form("Admin", "a@example.com", "password1", true, "C"))
                .get("username")
                .getFirst()
                .error())
        .isEqualTo("ERR_RESERVED");
  }

  @Test
  void passwordsAreEightTo128Characters() {
    assertThat(
            violations(form("alice", "a@example.com", "short", true, "C"))
                .get("password")
                .getFirst()
                .error())
        .isEqualTo("ERR_TOO_SHORT");
    assertThat(
            violations(form("alice", "a@example.com", "p".repeat(129), true, "C"))
                .get("password")
                .getFirst()
                .error())
        .isEqualTo("ERR_TOO_LONG");
  }

  @Test
  void emailsNeedOneAtAndADottedDomain() {
    for (String email : List.of("alice", "alice@localhost", "a b@example.com", "a@@example.com")) {
      assertThat(
              violations(form("alice", email, "password1", true, "C"))
                  .get("email")
                  .getFirst()
                  .error())
          .as(email)
          .isEqualTo("ERR_INVALID");
    }
  }

  @Test
  void aSignupFromOutsideTheAllowedCountriesIsForbidden() {
    var signup = form("alice", "alice@example.com", "password1", true, "CODE");
    assertThatThrownBy(
            () -> service(Map.of()).signup(APP, signup, new Requester("198.51.100.1", "FR")))
        .isInstanceOf(DomainException.Forbidden.class)
        .hasMessageContaining("country");
  }

  @Test
  void inviteOnlyAndWaitlistPhasesNeedAnInviteCode() {
    var uninvited = form("alice", "alice@example.com", "password1", true, null);
    for (String mode : List.of("invite_only", "waitlist")) {
      assertThatThrownBy(() -> service(Map.of("SIGNUP_MODE", mode)).signup(APP, uninvited, US))
          .isInstanceOfSatisfying(
              DomainException.Invalid.class,
              e ->
                  assertThat(e.details().get("invite_code").getFirst().error())
                      .isEqualTo("ERR_BLANK"));
    }
  }

  /** Otherwise every guessed code would be looked up, unthrottled, as long as the guesser liked. */
  @Test
  void anAttemptOverTheLimitIsRefusedBeforeItsInviteCodeIsLookedUp() {
    List<String> counted = new java.util.ArrayList<>();
    CounterStore full =
        (key, expiresAt) -> {
          counted.add(key);
          return 6;
        };
    var guess = form("alice", "alice@example.com", "password1", true, "GUESSED");
    // the invite store is untouchable: a lookup before the limit fails the test with an
    // AssertionError
    assertThatThrownBy(() -> service(Map.of("SIGNUP_RATE_LIMIT", "5"), full).signup(APP, guess, US))
        .isInstanceOf(DomainException.RateLimited.class);
    assertThat(counted).singleElement().asString().startsWith("signup:198.51.100.1:");
  }
}
