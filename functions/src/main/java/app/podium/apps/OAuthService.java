package app.podium.apps;

import app.podium.accounts.Account;
import app.podium.accounts.AccountCredentials;
import app.podium.accounts.AccountStore;
import app.podium.accounts.PasswordHasher;
import app.podium.shared.DomainException;
import app.podium.shared.RateLimiter;
import app.podium.shared.Scopes;
import app.podium.shared.Secrets;
import app.podium.shared.Settings;
import app.podium.shared.Text;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Apps and tokens: registration, the client-credentials and password grants, revocation, lookup.
 */
public final class OAuthService {
  static final String OUT_OF_BAND = "urn:ietf:wg:oauth:2.0:oob";
  private static final String INVALID_GRANT =
      "The provided authorization grant is invalid, expired, "
          + "revoked, does not match the redirection URI used in the authorization request, or was issued "
          + "to another client.";

  private final AppStore apps;
  private final TokenStore tokens;
  private final AccountStore accounts;
  private final PasswordHasher passwords;
  private final RateLimiter rateLimiter;
  private final Settings settings;
  private final Clock clock;

  public OAuthService(
      AppStore apps,
      TokenStore tokens,
      AccountStore accounts,
      PasswordHasher passwords,
      RateLimiter rateLimiter,
      Settings settings,
      Clock clock) {
    this.apps = apps;
    this.tokens = tokens;
    this.accounts = accounts;
    this.passwords = passwords;
    this.rateLimiter = rateLimiter;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Registers an app. Registrations and client-credentials tokens are rows anyone may create
   * without an account: together they count against one limit per client address ({@code apps}).
   */
  public NewApp registerApp(
      String name, String redirectUris, String scopes, String website, String clientAddress) {
    var violations = new DomainException.Violations();
    Text.requireLength(violations, "client_name", name, 1, 60);
    Text.requireLength(violations, "redirect_uris", redirectUris, 1, 2000);
    List<String> uris =
        redirectUris == null
            ? List.of()
            : Arrays.stream(redirectUris.trim().split("\\s+")).filter(s -> !s.isEmpty()).toList();
    if (!violations.has("redirect_uris") && !uris.stream().allMatch(OAuthService::isRedirectUri)) {
      violations.add("redirect_uris", "ERR_INVALID", "must be absolute URIs");
    }
    if (website != null && !website.isBlank() && (website.length() > 2000 || !isHttpUrl(website))) {
      violations.add("website", "ERR_INVALID", "is invalid");
    }
    violations.throwIfAny();
    Scopes parsed = Scopes.parse(scopes).requireKnown("scopes");
    rateLimiter.check(settings.limits().apps(), clientAddress);
    String secret = Secrets.token();
    App app =
        new App(Secrets.token(), name.trim(), blankToNull(website), uris, parsed, clock.instant());
    apps.create(new RegisteredApp(app, Secrets.sha256(secret)));
    return new NewApp(app, secret);
  }

  /** The app a client authenticates as with its id and secret; {@code invalid_client} otherwise. */
  public App authenticateClient(String clientId, String clientSecret) {
    requireClientShape(clientId, clientSecret);
    RegisteredApp registered = apps.find(clientId).orElseThrow(OAuthService::invalidClient);
    if (!Secrets.sameHash(registered.clientSecretHash(), Secrets.sha256(clientSecret))) {
      throw invalidClient();
    }
    return registered.app();
  }

  /**
   * A token of the app itself; counts against the client address's {@code apps} limit, as
   * registering does.
   */
  public IssuedToken clientCredentials(
      String clientId, String clientSecret, String scope, String clientAddress) {
    requireClientShape(clientId, clientSecret);
    rateLimiter.check(settings.limits().apps(), clientAddress);
    App app = authenticateClient(clientId, clientSecret);
    return issue(app, Optional.empty(), requestedScopes(app, scope));
  }

  /**
   * The password grant. An unknown user and a wrong password get the same answer after the same
   * work; every attempt counts against the client address's login limit.
   */
  public IssuedToken password(
      String clientId,
      String clientSecret,
      String username,
      String password,
      String scope,
      String clientAddress) {
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      throw new DomainException.OAuthRejected(
          "invalid_request", "username and password are required");
    }
    rateLimiter.check(settings.limits().login(), clientAddress);
    App app = authenticateClient(clientId, clientSecret);
    Scopes scopes = requestedScopes(app, scope);
    Account account = credentials(username, password).orElseThrow(OAuthService::invalidGrant);
    if (account.suspended()) {
      // only after the password matched, so the answer tells nothing to someone who does not know
      // it
      throw new DomainException.OAuthRejected("invalid_grant", "Your login is currently disabled");
    }
    return issue(app, Optional.of(account.id()), scopes);
  }

  /**
   * The web sign-in's check: the same credentials check as the password grant, counted against the
   * same login limit of the client address, so a guesser gains nothing by switching between the
   * page and the token endpoint. Empty when the user is unknown or the password wrong (the caller
   * tells which it was to no one); the account may be suspended, which the caller refuses.
   */
  public Optional<Account> signIn(String login, String password, String clientAddress) {
    rateLimiter.check(settings.limits().login(), clientAddress);
    return credentials(login, password);
  }

  /**
   * The member these credentials name. An unknown user and a wrong password cost the same work and
   * give the same empty answer.
   */
  private Optional<Account> credentials(String login, String password) {
    if (login.length() > 320 || password.length() > Text.PASSWORD_MAX) {
      passwords.burnEquivalentTime(
          password.substring(0, Math.min(password.length(), Text.PASSWORD_MAX)));
      return Optional.empty();
    }
    Optional<AccountCredentials> found = accounts.findCredentials(login.trim());
    if (found.isEmpty()) {
      passwords.burnEquivalentTime(password);
      return Optional.empty();
    }
    if (!passwords.matches(password, found.get().passwordHash())) {
      return Optional.empty();
    }
    return Optional.of(found.get().account());
  }

  /** Issues a token to an account through an app, as signup does. */
  public IssuedToken issueForAccount(App app, String accountId) {
    return issue(app, Optional.of(accountId), app.scopes());
  }

  public IssuedToken issue(App app, Optional<String> accountId, Scopes scopes) {
    String token = Secrets.token();
    AccessToken stored =
        new AccessToken(Secrets.sha256(token), app.clientId(), accountId, scopes, clock.instant());
    tokens.create(stored);
    return new IssuedToken(token, stored);
  }

  /** RFC 7009: revoking an unknown token succeeds; a token of another client is left alone. */
  public void revoke(String clientId, String clientSecret, String token) {
    authenticateClient(clientId, clientSecret);
    if (token != null && !token.isBlank() && token.length() <= 200) {
      tokens.revoke(Secrets.sha256(token), clientId);
    }
  }

  /** The stored token for a bearer value, if it is live. */
  public Optional<AccessToken> authenticate(String bearer) {
    if (bearer == null || bearer.isEmpty() || bearer.length() > 200) {
      return Optional.empty();
    }
    return tokens.find(Secrets.sha256(bearer));
  }

  /** The app {@code clientId} names, if it is registered. */
  public Optional<App> findApp(String clientId) {
    return apps.find(clientId).map(RegisteredApp::app);
  }

  public App app(String clientId) {
    return apps.find(clientId)
        .map(RegisteredApp::app)
        .orElseThrow(() -> new DomainException.Unauthorized("The access token is invalid"));
  }

  private static Scopes requestedScopes(App app, String scope) {
    if (scope == null || scope.isBlank()) {
      return app.scopes();
    }
    Scopes requested = Scopes.parse(scope);
    if (!app.scopes().covers(requested)) {
      throw new DomainException.OAuthRejected(
          "invalid_scope", "The requested scope is invalid, unknown, or malformed.");
    }
    return requested;
  }

  /** Credentials that cannot be any app's are refused before anything is counted or read. */
  private static void requireClientShape(String clientId, String clientSecret) {
    if (clientId == null
        || clientSecret == null
        || clientId.length() > 100
        || clientSecret.length() > 100) {
      throw invalidClient();
    }
  }

  static DomainException.OAuthRejected invalidClient() {
    return new DomainException.OAuthRejected(
        "invalid_client",
        "Client authentication failed due to "
            + "unknown client, no client authentication included, or unsupported authentication method.");
  }

  static DomainException.OAuthRejected invalidGrant() {
    return new DomainException.OAuthRejected("invalid_grant", INVALID_GRANT);
  }

  private static boolean isRedirectUri(String uri) {
    if (uri.equals(OUT_OF_BAND)) {
      return true;
    }
    try {
      URI parsed = new URI(uri);
      return parsed.isAbsolute() && parsed.getFragment() == null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI parsed = new URI(url);
      return ("https".equals(parsed.getScheme()) || "http".equals(parsed.getScheme()))
          && parsed.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.trim();
  }
}
