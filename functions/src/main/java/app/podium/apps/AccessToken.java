package app.podium.apps;

import app.podium.shared.Scopes;
import java.time.Instant;
import java.util.Optional;

/**
 * A bearer token as stored: only its SHA-256 hash is kept. An app token (client credentials) has no
 * account.
 */
public record AccessToken(
    String tokenHash,
    String clientId,
    Optional<String> accountId,
    Scopes scopes,
    Instant createdAt) {}
