package app.podium.web;

import java.util.Optional;

/**
 * Where a page sends a member back to after signing in: a path of this site only. An absolute URL,
 * a scheme-relative {@code //host} and anything a browser reads as one ({@code /\host}, a tab or
 * newline it strips) would make the sign-in page an open redirect, so they are dropped.
 */
public final class ReturnPath {
  /** Where a member lands when no (usable) return path was given. */
  public static final String DEFAULT = "/settings";

  /**
   * Long enough for an OAuth authorize request (its registered redirect URI, scopes, state and
   * challenge) to come back after signing in.
   */
  static final int MAX_LENGTH = 4000;

  private ReturnPath() {}

  /** {@code path} when it is a path of this site, empty otherwise (null included). */
  public static Optional<String> local(String path) {
    if (path == null
        || path.isEmpty()
        || path.length() > MAX_LENGTH
        || path.charAt(0) != '/'
        || path.startsWith("//")) {
      return Optional.empty();
    }
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '\\' || c < 0x20 || c == 0x7f) {
        return Optional.empty();
      }
    }
    return Optional.of(path);
  }

  /** The return path, or {@link #DEFAULT}. */
  public static String orDefault(String path) {
    return local(path).orElse(DEFAULT);
  }
}
