package app.podium.http;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cookies as API Gateway's payload 2.0 carries them: the request's {@code cookies} list ({@code
 * name=value} each, the {@code Cookie} header split) and the response's {@code cookies} list, which
 * API Gateway sends as one {@code Set-Cookie} header each.
 */
public final class Cookies {
  private Cookies() {}

  /** The request's cookies by name; of a name sent twice, the first (the most specific path). */
  static Map<String, String> parse(List<String> cookies) {
    Map<String, String> byName = new HashMap<>();
    if (cookies == null) {
      return byName;
    }
    for (String cookie : cookies) {
      int eq = cookie.indexOf('=');
      if (eq > 0) {
        byName.putIfAbsent(cookie.substring(0, eq).trim(), cookie.substring(eq + 1).trim());
      }
    }
    return byName;
  }

  /**
   * A {@code Set-Cookie} value for the whole site: {@code HttpOnly} (no script reads it), {@code
   * SameSite=Lax} (a cross-site POST does not carry it), {@code Secure} unless the site is plain
   * http.
   */
  public static String set(String name, String value, Duration maxAge, boolean secure) {
    return name
        + "="
        + value
        + "; Path=/; Max-Age="
        + maxAge.toSeconds()
        + "; HttpOnly"
        + (secure ? "; Secure" : "")
        + "; SameSite=Lax";
  }

  /** A {@code Set-Cookie} value that makes the browser drop the cookie now. */
  public static String clear(String name, boolean secure) {
    return set(name, "", Duration.ZERO, secure);
  }
}
