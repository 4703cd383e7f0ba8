package app.podium.signup;

/** What a client sends to {@code POST /api/v1/accounts}. Any field may be missing (null). */
public record SignupForm(
    String username,
    String email,
    String password,
    Boolean agreement,
    String locale,
    String inviteCode,
    String reason) {
  @Override
  public String toString() {
    return "SignupForm[username="
        + username
        + ", password=<redacted>, inviteCode="
        + inviteCode
        + "]";
  }
}
