package app.podium.apps;

import app.podium.shared.Scopes;
import java.time.Instant;
import java.util.Optional;

/**
 * A code issued when a member approved an app at {@code /oauth/authorize}, as stored: only its
 * SHA-256 hash is kept. The exchange must name the same client and redirect URI and, when a PKCE
 * challenge was given, send its verifier.
 */
public record AuthorizationCode(
    String codeHash,
    String clientId,
    String redirectUri,
    Scopes scopes,
    Optional<String> codeChallenge,
    String accountId,
    Instant expiresAt) {}
