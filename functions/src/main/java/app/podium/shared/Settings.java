package app.podium.shared;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything an operator can tune, read once from the environment through {@link Variables}, where
 * each variable's name, default, bounds and meaning are declared; the CDK stack and the local stack
 * set the same variables.
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
    Fanout fanout,
    Duration webSessionLifetime) {

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
          Variables.SIGNUP_RATE.read("signup", env),
          Variables.LOGIN_RATE.read("login", env),
          Variables.APP_RATE.read("apps", env),
          Variables.STATUS_RATE.read("statuses", env),
          Variables.FOLLOW_RATE.read("follows", env),
          Variables.REPORT_RATE.read("reports", env),
          Variables.API_RATE.read("requests", env),
          Variables.ANONYMOUS_RATE.read("anonymous", env));
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

  /**
   * Reads every variable of {@link Variables}: an invalid value, even of one these settings do not
   * hold, fails here with the variable's name, the value and what it takes.
   */
  public static Settings fromEnvironment(Map<String, String> env) {
    Variables.validate(env);
    return new Settings(
        Variables.TABLE_PREFIX.read(env),
        Variables.SIGNUP_MODE.read(env),
        Variables.ALLOWED_COUNTRIES.read(env),
        Variables.INVITES_PER_MEMBER.read(env),
        Duration.ofSeconds(Variables.INVITE_DEFAULT_LIFETIME_SECONDS.read(env)),
        RateLimits.fromEnvironment(env),
        Variables.PUBLIC_URL.read(env),
        Variables.INSTANCE_TITLE.read(env),
        Variables.ORIGIN_SECRET.read(env),
        new Fanout(
            Variables.FANOUT_MAX_FOLLOWERS.read(env),
            Duration.ofDays(Variables.FANOUT_ACTIVE_DAYS.read(env)),
            Variables.TIMELINE_MAX.read(env),
            Duration.ofDays(Variables.TIMELINE_ENTRY_DAYS.read(env)),
            Variables.FANOUT_PAGE_SIZE.read(env),
            Duration.ofMillis(Variables.LARGE_ACCOUNT_CACHE_MS.read(env)),
            Variables.FOLLOWER_SHARDS_FROM.read(env)),
        Duration.ofDays(Variables.WEB_SESSION_DAYS.read(env)));
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
   * Whether the pages' cookies carry {@code Secure}: a browser sends such a cookie over https only,
   * so it is left off only when the public URL itself is plain http (the local stack's).
   */
  public boolean secureCookies() {
    return !"http".equalsIgnoreCase(publicUrl.getScheme());
  }

  /**
   * The site's own origin ({@code https://podium.example}), as a browser names it in {@code
   * Origin}.
   */
  public String origin() {
    return publicUrl.getScheme().toLowerCase(Locale.ROOT)
        + "://"
        + publicUrl.getHost().toLowerCase(Locale.ROOT)
        + (publicUrl.getPort() == -1 ? "" : ":" + publicUrl.getPort());
  }

  /**
   * The country assumed for a request that carries no viewer-country header (local development).
   */
  public String defaultCountry() {
    return allowedCountries.isEmpty() ? "" : allowedCountries.getFirst();
  }
}
