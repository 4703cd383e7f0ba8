package app.podium.apps;

import java.util.Optional;

public interface TokenStore {
  void create(AccessToken token);

  /**
   * Strongly consistent, so a token works as soon as it is issued and stops as soon as it is
   * revoked.
   */
  Optional<AccessToken> find(String tokenHash);

  /** Deletes the token if it belongs to the client; true if a token was deleted. */
  boolean revoke(String tokenHash, String clientId);

  /**
   * Deletes every token issued to the account, whatever its client; returns how many. Reads the
   * tokens from an index, which may lag a token issued a moment ago: callers refuse the tokens of a
   * suspended account on every request as well, so a token this misses still does not work.
   */
  int revokeAllOf(String accountId);
}
