package app.podium.api.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cross-origin rules for browser clients (Elk, Phanpy, masto in a page), as Mastodon has them: any
 * origin, no cookies (tokens travel in {@code Authorization}), and the paging and rate-limit headers
 * readable by scripts.
 *
 * <p>Every handler response carries {@link #RESPONSE_HEADERS} (see {@link ApiResponse}). Preflight
 * ({@code OPTIONS}) never reaches a handler: on AWS the HttpApi's own CORS configuration answers it and
 * must list {@link #ALLOWED_HEADERS}, {@link #EXPOSED_HEADERS} and {@link #MAX_AGE_SECONDS}; locally
 * the server answers it with {@link #preflight}.
 */
public final class Cors {
  public static final List<String> EXPOSED_HEADERS =
      List.of("Link", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");
  public static final List<String> ALLOWED_HEADERS =
      List.of("Authorization", "Content-Type", "Idempotency-Key", "Accept");
  public static final int MAX_AGE_SECONDS = 86_400;

  /** Headers on every actual (non-preflight) response. */
  public static final Map<String, String> RESPONSE_HEADERS = Map.of(
      "Access-Control-Allow-Origin", "*",
      "Access-Control-Expose-Headers", String.join(", ", EXPOSED_HEADERS));

  private Cors() {}

  /** The headers of a 204 answer to a preflight for a path served with the given methods. */
  public static Map<String, String> preflight(List<String> methods) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Access-Control-Allow-Origin", "*");
    headers.put("Access-Control-Allow-Methods", String.join(", ", methods));
    headers.put("Access-Control-Allow-Headers", String.join(", ", ALLOWED_HEADERS));
    headers.put("Access-Control-Max-Age", Integer.toString(MAX_AGE_SECONDS));
    return headers;
  }
}
