package app.podium.web;

import java.time.Instant;

/**
 * A member signed in on the pages: stored under the SHA-256 of its id (the cookie holds the id),
 * with the token every form of the session carries.
 */
public record WebSession(
    String idHash, String accountId, Instant createdAt, Instant expiresAt, String csrfToken) {
  @Override
  public String toString() {
    return "WebSession[account=" + accountId + ", expiresAt=" + expiresAt + "]";
  }
}
