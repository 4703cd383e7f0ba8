package app.podium.apps;

import java.time.Instant;
import java.util.Optional;

/** Authorization codes by the hash of the code. */
public interface AuthorizationCodeStore {
  /** Stores a new code; its value is 256 random bits, so its hash is taken by no other. */
  void create(AuthorizationCode code);

  /**
   * Deletes the code in one conditional write and returns it, if it was there, unexpired at {@code
   * now}, issued to {@code clientId} for {@code redirectUri}, and either without a PKCE challenge
   * or with {@code challenge} (the S256 of the verifier sent; empty when none was sent). Of two
   * concurrent redemptions exactly one gets the code; a code that fails a check stays for its own
   * client.
   */
  Optional<AuthorizationCode> redeem(
      String codeHash,
      String clientId,
      String redirectUri,
      Optional<String> challenge,
      Instant now);
}
