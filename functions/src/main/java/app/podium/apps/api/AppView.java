package app.podium.apps.api;

import app.podium.apps.App;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * Mastodon's Application entity. {@code client_id} and {@code client_secret} appear only in the
 * answer to registration.
 */
public record AppView(
    String id,
    String name,
    String website,
    List<String> scopes,
    String redirectUri,
    List<String> redirectUris,
    @JsonInclude(JsonInclude.Include.NON_NULL) String clientId,
    @JsonInclude(JsonInclude.Include.NON_NULL) String clientSecret,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long clientSecretExpiresAt) {

  /** The app as its registration answers it: with its credentials. */
  public static AppView registered(App app, String clientSecret) {
    return of(app, app.clientId(), clientSecret, 0L);
  }

  public static AppView of(App app) {
    return of(app, null, null, null);
  }

  private static AppView of(
      App app, String clientId, String clientSecret, Long clientSecretExpiresAt) {
    return new AppView(
        app.clientId(),
        app.name(),
        app.website(),
        sortedScopes(app),
        String.join("\n", app.redirectUris()),
        app.redirectUris(),
        clientId,
        clientSecret,
        clientSecretExpiresAt);
  }

  private static List<String> sortedScopes(App app) {
    return app.scopes().values().stream().sorted().toList();
  }

  @Override
  public String toString() {
    return "AppView[id=" + id + ", clientSecret=<redacted>]";
  }
}
