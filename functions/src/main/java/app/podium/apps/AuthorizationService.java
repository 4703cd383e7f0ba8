package app.podium.apps;

import app.podium.accounts.AccountStore;
import app.podium.shared.DomainException;
import app.podium.shared.Scopes;
import app.podium.shared.Secrets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The authorization-code grant with PKCE, as Mastodon (Doorkeeper) runs it: checking an authorize
 * request, issuing a single-use code once the member approves, and exchanging the code for a token.
 */
public final class AuthorizationService {
  /** How long a code may wait for its exchange (Doorkeeper's default, and Mastodon's). */
  public static final Duration CODE_LIFETIME = Duration.ofMinutes(10);

  /** A state longer than this is refused: the request must fit a sign-in's return path. */
  static final int MAX_STATE = 1000;

  private final OAuthService oauth;
  private final AuthorizationCodeStore codes;
  private final AccountStore accounts;
  private final Clock clock;

  public AuthorizationService(
      OAuthService oauth, AuthorizationCodeStore codes, AccountStore accounts, Clock clock) {
    this.oauth = oauth;
    this.codes = codes;
    this.accounts = accounts;
    this.clock = clock;
  }

  /**
   * Checks an authorize request. An unknown client or a redirect URI that is not exactly one the
   * app registered is refused here ({@code OAuthRejected}: an error page, never a redirect, so the
   * endpoint cannot send a member anywhere an app did not register). Once both are good, a bad
   * response type, scope or PKCE challenge is told to the app at its redirect URI, except out of
   * band, where there is no app to tell.
   */
  public Authorization check(
      String responseType,
      String clientId,
      String redirectUri,
      String scope,
      String state,
      String codeChallenge,
      String codeChallengeMethod) {
    if (clientId == null || clientId.length() > 100) {
      throw OAuthService.invalidClient();
    }
    App app = oauth.findApp(clientId).orElseThrow(OAuthService::invalidClient);
    String redirect = redirectUri;
    if (redirect == null && app.redirectUris().size() == 1) {
      redirect = app.redirectUris().getFirst();
    }
    if (redirect == null || !app.redirectUris().contains(redirect)) {
      throw new DomainException.OAuthRejected(
          "invalid_redirect_uri",
          "The redirect uri included is not valid: it must be one the app registered.");
    }
    if (state != null && state.length() > MAX_STATE) {
      return refuse(redirect, "invalid_request", "The state is too long.", null);
    }
    if (!"code".equals(responseType)) {
      return refuse(
          redirect,
          "unsupported_response_type",
          "The authorization server does not support this response type.",
          state);
    }
    Scopes scopes = scope == null || scope.isBlank() ? app.scopes() : Scopes.parse(scope);
    if (!app.scopes().covers(scopes)) {
      return refuse(
          redirect,
          "invalid_scope",
          "The requested scope is invalid, unknown, or malformed.",
          state);
    }
    boolean challenged = codeChallenge != null && !codeChallenge.isEmpty();
    if (challenged
        && (!Pkce.S256.equals(codeChallengeMethod) || !Pkce.isChallenge(codeChallenge))) {
      return refuse(
          redirect,
          "invalid_request",
          "The code challenge must be an S256 challenge (code_challenge_method=S256).",
          state);
    }
    return new Authorization.Request(
        app,
        redirect,
        scopes,
        state,
        challenged ? codeChallenge : null,
        challenged ? Pkce.S256 : null);
  }

  /** The member approved: a new single-use code for the app, valid for {@link #CODE_LIFETIME}. */
  public String approve(Authorization.Request request, String accountId) {
    String code = Secrets.token();
    codes.create(
        new AuthorizationCode(
            Secrets.sha256(code),
            request.app().clientId(),
            request.redirectUri(),
            request.scopes(),
            Optional.ofNullable(request.codeChallenge()),
            accountId,
            clock.instant().plus(CODE_LIFETIME)));
    return code;
  }

  /** The member said no: the app hears {@code access_denied}. */
  public Authorization.Refused deny(Authorization.Request request) {
    return new Authorization.Refused(
        request.redirectUri(),
        "access_denied",
        "The resource owner or authorization server denied the request.",
        request.state());
  }

  /**
   * {@code grant_type=authorization_code}: the client authenticates, then its code is redeemed in
   * one conditional delete bound to the client, the redirect URI, the expiry and the PKCE verifier.
   * A reused, expired or foreign code, a wrong or missing verifier, and a member who can no longer
   * sign in are all {@code invalid_grant}. The token has the code's scopes and member.
   */
  public IssuedToken exchange(
      String clientId, String clientSecret, String code, String redirectUri, String verifier) {
    App app = oauth.authenticateClient(clientId, clientSecret);
    if (code == null || code.isEmpty() || code.length() > 100 || redirectUri == null) {
      throw OAuthService.invalidGrant();
    }
    Optional<String> challenge = Optional.empty();
    if (verifier != null && !verifier.isEmpty()) {
      challenge = Pkce.challengeOf(verifier);
      if (challenge.isEmpty()) {
        throw OAuthService.invalidGrant();
      }
    }
    Instant now = clock.instant();
    AuthorizationCode redeemed =
        codes
            .redeem(Secrets.sha256(code), app.clientId(), redirectUri, challenge, now)
            .orElseThrow(OAuthService::invalidGrant);
    boolean usable =
        accounts.find(redeemed.accountId()).filter(account -> !account.suspended()).isPresent();
    if (!usable) {
      throw OAuthService.invalidGrant();
    }
    return oauth.issue(app, Optional.of(redeemed.accountId()), redeemed.scopes());
  }

  private static Authorization.Refused refuse(
      String redirectUri, String error, String description, String state) {
    if (OAuthService.OUT_OF_BAND.equals(redirectUri)) {
      throw new DomainException.OAuthRejected(error, description);
    }
    return new Authorization.Refused(redirectUri, error, description, state);
  }
}
