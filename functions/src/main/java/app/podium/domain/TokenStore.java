package app.podium.domain;

import java.util.Optional;

public interface TokenStore {
  void create(AccessToken token);

  /** Strongly consistent, so a token works as soon as it is issued and stops as soon as it is revoked. */
  Optional<AccessToken> find(String tokenHash);

  /** Deletes the token if it belongs to the client; true if a token was deleted. */
  boolean revoke(String tokenHash, String clientId);
}
