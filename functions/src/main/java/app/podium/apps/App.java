package app.podium.apps;

import app.podium.shared.Scopes;
import java.time.Instant;
import java.util.List;

/** An OAuth client application registered by a Mastodon client. */
public record App(
    String clientId,
    String name,
    String website,
    List<String> redirectUris,
    Scopes scopes,
    Instant createdAt) {}
