package app.podium.apps;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * RFC 7636 (PKCE) with the one method Mastodon accepts, {@code S256}: the challenge is the unpadded
 * base64url SHA-256 of the verifier, which is 43 to 128 unreserved characters.
 */
public final class Pkce {
  public static final String S256 = "S256";

  private static final Pattern VERIFIER = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  /** A SHA-256 in unpadded base64url is exactly 43 characters. */
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9_-]{43}");

  private Pkce() {}

  /** The S256 challenge of {@code verifier}; empty when it is not a verifier RFC 7636 allows. */
  public static Optional<String> challengeOf(String verifier) {
    if (verifier == null || !VERIFIER.matcher(verifier).matches()) {
      return Optional.empty();
    }
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Optional.of(Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }

  /** Whether {@code challenge} can be an S256 challenge at all. */
  public static boolean isChallenge(String challenge) {
    return challenge != null && CHALLENGE.matcher(challenge).matches();
  }
}
