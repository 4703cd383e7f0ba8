package app.podium.apps;

/** An app with the hash of its client secret, for checking a client's credentials. */
public record RegisteredApp(App app, String clientSecretHash) {
  @Override
  public String toString() {
    return "RegisteredApp[app=" + app.clientId() + ", clientSecretHash=<redacted>]";
  }
}
