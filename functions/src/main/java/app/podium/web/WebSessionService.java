package app.podium.web;

import app.podium.accounts.Account;
import app.podium.accounts.AccountService;
import app.podium.accounts.AccountStore;
import app.podium.apps.OAuthService;
import app.podium.shared.DomainException;
import app.podium.shared.Secrets;
import app.podium.shared.Settings;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Signing in and out on the pages. A session id is 256 random bits that only the member's cookie
 * holds; the table keeps its SHA-256, so whoever reads the table opens no session. A session is
 * live until it expires, its member signs out, or its member is suspended or gone.
 */
public final class WebSessionService {
  private final WebSessionStore sessions;
  private final AccountStore accounts;
  private final OAuthService oauth;
  private final Settings settings;
  private final Clock clock;

  public WebSessionService(
      WebSessionStore sessions,
      AccountStore accounts,
      OAuthService oauth,
      Settings settings,
      Clock clock) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.oauth = oauth;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Checks the credentials as the password grant does (the same check, the same login limit, a 429
   * past it) and starts a session, ending the browser's previous one ({@code previousSessionId},
   * may be null): a new id at every sign-in, so an id planted before it opens nothing after. A
   * suspended member is refused once the password matched.
   */
  public SignIn signIn(
      String login, String password, String clientAddress, String previousSessionId) {
    if (login == null || login.isBlank() || password == null || password.isEmpty()) {
      return new SignIn.Incomplete();
    }
    Optional<Account> account = oauth.signIn(login, password, clientAddress);
    if (account.isEmpty()) {
      return new SignIn.Refused();
    }
    AccountService.requireUsable(account.get());
    String id = Secrets.token();
    Instant now = clock.instant();
    WebSession session =
        new WebSession(
            Secrets.sha256(id),
            account.get().id(),
            now,
            now.plus(settings.webSessionLifetime()),
            Secrets.token());
    sessions.create(session);
    signOut(previousSessionId);
    return new SignIn.Started(id, session);
  }

  /** The live session {@code sessionId} names, if any. */
  public Optional<WebSession> find(String sessionId) {
    if (sessionId == null || sessionId.isEmpty() || sessionId.length() > 100) {
      return Optional.empty();
    }
    return sessions
        .find(Secrets.sha256(sessionId))
        .filter(s -> s.expiresAt().isAfter(clock.instant()))
        .filter(s -> accounts.find(s.accountId()).filter(a -> !a.suspended()).isPresent());
  }

  /** Ends the session {@code sessionId} names; nothing to end is not an error. */
  public void signOut(String sessionId) {
    if (sessionId != null && !sessionId.isEmpty() && sessionId.length() <= 100) {
      sessions.delete(Secrets.sha256(sessionId));
    }
  }

  /** The signed-in member, for their pages. */
  public Account member(String accountId) {
    Account account =
        accounts
            .find(accountId)
            .orElseThrow(() -> new DomainException.NotFound("Record not found"));
    AccountService.requireUsable(account);
    return account;
  }
}
