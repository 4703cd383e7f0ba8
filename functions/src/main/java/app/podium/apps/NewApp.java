package app.podium.apps;

/** A freshly registered app with its client secret in the clear, returned once. */
public record NewApp(App app, String clientSecret) {
  @Override
  public String toString() {
    return "NewApp[app=" + app.clientId() + ", clientSecret=<redacted>]";
  }
}
