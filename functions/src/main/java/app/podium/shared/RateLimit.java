package app.podium.shared;

import java.time.Duration;
import java.util.Map;

/** At most {@code max} requests per client (an address, an account or a token) in each window. */
public record RateLimit(String name, int max, Duration window) {

  /** {@code <PREFIX>_RATE_LIMIT} and {@code <PREFIX>_RATE_WINDOW_SECONDS}, or the defaults. */
  static RateLimit fromEnvironment(
      Map<String, String> env, String name, String prefix, int max, long windowSeconds) {
    return new RateLimit(
        name,
        Integer.parseInt(env.getOrDefault(prefix + "_RATE_LIMIT", Integer.toString(max))),
        Duration.ofSeconds(
            Long.parseLong(
                env.getOrDefault(prefix + "_RATE_WINDOW_SECONDS", Long.toString(windowSeconds)))));
  }
}
