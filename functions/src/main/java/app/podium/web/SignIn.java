package app.podium.web;

/** What a sign-in attempt on the pages came to. */
public sealed interface SignIn {
  /** A field was left empty: nothing was checked or counted. */
  record Incomplete() implements SignIn {}

  /** Unknown user or wrong password (the same answer for both); counted against the login limit. */
  record Refused() implements SignIn {}

  /** A new session: {@code sessionId} goes in the cookie and nowhere else. */
  record Started(String sessionId, WebSession session) implements SignIn {}
}
