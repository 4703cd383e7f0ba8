package app.podium.apps.api;

import app.podium.apps.IssuedToken;

/** Mastodon's Token entity; {@code created_at} is in seconds, as OAuth responses have it. */
public record TokenView(String accessToken, String tokenType, String scope, long createdAt) {
  public static TokenView of(IssuedToken token) {
    return new TokenView(
        token.accessToken(),
        "Bearer",
        token.stored().scopes().text(),
        token.stored().createdAt().getEpochSecond());
  }

  @Override
  public String toString() {
    return "TokenView[accessToken=<redacted>, scope=" + scope + "]";
  }
}
