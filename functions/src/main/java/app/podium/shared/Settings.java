package app.podium.shared;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an operator can tune, read once from the environment. Each field names its variable
 * and default; the CDK stack and the local stack set the same variables.
 */
public record Settings(
    String tablePrefix,
    SignupMode signupMode,
    List<String> allowedCountries,
    int invitesPerMember,
    Duration inviteDefaultLifetime,
    RateLimits limits,
    URI publicUrl,
    String instanceTitle,
    String originSecret,
    Fanout fanout) {

  /**
   * Fan-out and timeline tuning: authors with more than {@code maxFollowers} followers are merged
   * at read time instead of fanned out; only followers active within {@code activeWithin} get
   * entries; a timeline keeps {@code timelineMax} entries, each for {@code entryLifetime}; one
   * queue message covers {@code pageSize} followers; large accounts' newest statuses are kept in
   * the container for {@code largeAccountCache} (zero: not kept); an account's followers are spread
   * over several storage keys once it has {@code followerShardsFrom} of them.
   */
  public record Fanout(
      long maxFollowers,
      Duration activeWithin,
      int timelineMax,
      Duration entryLifetime,
      int pageSize,
      Duration largeAccountCache,
      long followerShardsFrom) {}

  /**
   * Mastodon's limits, each set by a pair of variables ({@code <NAME>_RATE_LIMIT} requests in each
   * {@code <NAME>_RATE_WINDOW_SECONDS}). Per client address (IPv4 address or IPv6 /64): {@code
   * signup} (signup and waitlist attempts), {@code login} (password grants), {@code apps} (app
   * registrations and client-credentials tokens) and {@code anonymous} (requests without a token).
   * Per account: {@code statuses} (posts and reblogs), {@code follows} and {@code reports}. Per
   * token: {@code requests}. The two request-wide limits are enforced before any function runs: by
   * AWS WAF on the CDN, and by the local stack's edge.
   */
  public record RateLimits(
      RateLimit signup,
      RateLimit login,
      RateLimit apps,
      RateLimit statuses,
      RateLimit follows,
      RateLimit reports,
      RateLimit requests,
      RateLimit anonymous) {

    static RateLimits fromEnvironment(Map<String, String> env) {
      return new RateLimits(
          RateLimit.fromEnvironment(env, "signup", "SIGNUP", 5, 1800),
          RateLimit.fromEnvironment(env, "login", "LOGIN", 25, 300),
          RateLimit.fromEnvironment(env, "apps", "APP", 50, 3600),
          RateLimit.fromEnvironment(env, "statuses", "STATUS", 300, 10_800),
          RateLimit.fromEnvironment(env, "follows", "FOLLOW", 400, 86_400),
          RateLimit.fromEnvironment(env, "reports", "REPORT", 400, 86_400),
          RateLimit.fromEnvironment(env, "requests", "API", 1500, 300),
          RateLimit.fromEnvironment(env, "anonymous", "ANONYMOUS", 300, 300));
    }
  }

  public enum SignupMode {
    INVITE_ONLY,
    WAITLIST,
    OPEN;

    public static SignupMode parse(String value) {
      return SignupMode.valueOf(value.trim().toUpperCase(Locale.ROOT));
    }

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Settings fromEnvironment(Map<String, String> env) {
    return new Settings(
        env.getOrDefault("TABLE_PREFIX", "podium-"),
        SignupMode.parse(env.getOrDefault("SIGNUP_MODE", "invite_only")),
        Arrays.stream(env.getOrDefault("ALLOWED_COUNTRIES", "US").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(s -> s.toUpperCase(Locale.ROOT))
            .toList(),
        Integer.parseInt(env.getOrDefault("INVITES_PER_MEMBER", "5")),
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault("INVITE_DEFAULT_LIFETIME_SECONDS", "604800"))),
        RateLimits.fromEnvironment(env),
        URI.create(env.getOrDefault("PUBLIC_URL", "http://127.0.0.1:8080")),
        env.getOrDefault("INSTANCE_TITLE", "Podium"),
        env.getOrDefault("ORIGIN_SECRET", ""),
        new Fanout(
            Long.parseLong(env.getOrDefault("FANOUT_MAX_FOLLOWERS", "10000")),
            Duration.ofDays(Long.parseLong(env.getOrDefault("FANOUT_ACTIVE_DAYS", "30"))),
            Integer.parseInt(env.getOrDefault("TIMELINE_MAX", "800")),
            Duration.ofDays(Long.parseLong(env.getOrDefault("TIMELINE_ENTRY_DAYS", "30"))),
            Integer.parseInt(env.getOrDefault("FANOUT_PAGE_SIZE", "1000")),
            Duration.ofMillis(Long.parseLong(env.getOrDefault("LARGE_ACCOUNT_CACHE_MS", "2000"))),
            Long.parseLong(env.getOrDefault("FOLLOWER_SHARDS_FROM", "1000"))));
  }

  /** The public URL without a trailing slash, for links in entities. */
  public String baseUrl() {
    // every link of every entity asks, so no regular expression (compiled on each call)
    String url = publicUrl.toString();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** The host name in {@code acct} and {@code uri} values. */
  public String domain() {
    return publicUrl.getPort() == -1
        ? publicUrl.getHost()
        : publicUrl.getHost() + ":" + publicUrl.getPort();
  }

  /**
   * The country assumed for a request that carries no viewer-country header (local development).
   */
  public String defaultCountry() {
    return allowedCountries.isEmpty() ? "" : allowedCountries.getFirst();
  }
}
