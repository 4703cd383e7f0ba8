package app.podium.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-origin rules for browser clients (Elk, Phanpy, masto in a page), as Mastodon has them: any
 * origin, no cookies (tokens travel in {@code Authorization}), and the paging and rate-limit
 * headers readable by scripts.
 *
 * <p>Every handler response carries {@link #RESPONSE_HEADERS} (see {@link ApiResponse}). Preflight
 * ({@code OPTIONS}) never reaches a handler: on AWS the HttpApi's own CORS configuration answers it
 * (allow origins {@code *}, allow headers {@code *}, expose {@link #EXPOSED_HEADERS}, max age
 * {@link #MAX_AGE_SECONDS}); locally the server answers it with {@link #preflight}. Like Mastodon
 * (rack-cors {@code headers: :any}), any request header is allowed: the preflight echoes what the
 * browser asks for, and names {@link #ALLOWED_HEADERS} when it asks for none.
 */
public final class Cors {
  public static final List<String> EXPOSED_HEADERS =
      List.of("Link", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");
  public static final List<String> ALLOWED_HEADERS =
      List.of("Authorization", "Content-Type", "Idempotency-Key", "Accept");
  public static final int MAX_AGE_SECONDS = 86_400;

  /** Headers on every actual (non-preflight) response. */
  public static final Map<String, String> RESPONSE_HEADERS =
      Map.of(
          "Access-Control-Allow-Origin",
          "*",
          "Access-Control-Expose-Headers",
          String.join(", ", EXPOSED_HEADERS));

  private Cors() {}

  /**
   * The headers of a 204 answer to a preflight for a path served with the given methods; {@code
   * requested} is the preflight's {@code Access-Control-Request-Headers} (null when absent).
   */
  public static Map<String, String> preflight(List<String> methods, String requested) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Access-Control-Allow-Origin", "*");
    headers.put("Access-Control-Allow-Methods", String.join(", ", methods));
    headers.put(
        "Access-Control-Allow-Headers",
        requested == null || requested.isBlank()
            ? String.join(", ", ALLOWED_HEADERS)
            : requested.trim());
    headers.put("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
    return headers;
  }
}
