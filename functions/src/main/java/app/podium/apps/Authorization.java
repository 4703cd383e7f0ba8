package app.podium.apps;

import app.podium.shared.Scopes;

/**
 * What {@code /oauth/authorize} makes of a request whose client and redirect URI are good (any
 * other is refused with an error page, never a redirect: RFC 6749 section 4.1.2.1).
 */
public sealed interface Authorization {
  /** A request to show the member for consent, and to issue a code for once approved. */
  record Request(
      App app,
      String redirectUri,
      Scopes scopes,
      String state,
      String codeChallenge,
      String codeChallengeMethod)
      implements Authorization {
    /** Whether the code goes on a page for the member to copy, not to a redirect. */
    public boolean outOfBand() {
      return OAuthService.OUT_OF_BAND.equals(redirectUri);
    }
  }

  /**
   * A refusal the app hears about at its redirect URI: {@code error} (OAuth's code) and {@code
   * state}, as RFC 6749 section 4.1.2.1 says.
   */
  record Refused(String redirectUri, String error, String description, String state)
      implements Authorization {}
}
