package app.podium.apps;

/** A freshly issued token: the only moment the plain token exists outside the client. */
public record IssuedToken(String accessToken, AccessToken stored) {
  @Override
  public String toString() {
    return "IssuedToken[accessToken=<redacted>, stored=" + stored.tokenHash() + "]";
  }
}
