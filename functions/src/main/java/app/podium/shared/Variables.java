package app.podium.shared;

import app.podium.shared.Variable.Source;
import app.podium.shared.Variable.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every environment variable Podium reads, declared once: the functions ({@link Settings}, {@code
 * Backend}, the Lambda entry classes), the local stack and the CDK app read them from here, and
 * {@code ConfigurationTableTest} keeps the README's table equal to {@link #markdownTable()}.
 */
public final class Variables {
  // before the declarations: their defaults are read as they are declared
  private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final List<Variable<?>> DECLARED = new ArrayList<>();

  /** In the order of the README's table. */
  public static final List<Variable<?>> ALL = Collections.unmodifiableList(DECLARED);

  public static final Variable<Settings.SignupMode> SIGNUP_MODE =
      declare(
          "SIGNUP_MODE",
          "invite_only",
          new Type<>("one of invite_only, waitlist, open", Settings.SignupMode::parse),
          Source.STACK,
          "`invite_only`, `waitlist` (anyone may join the waitlist; admins release invites) or"
              + " `open`; CDK context `signupMode`");

  public static final Variable<List<String>> ALLOWED_COUNTRIES =
      declare(
          "ALLOWED_COUNTRIES",
          "US",
          countries(),
          Source.STACK,
          "comma-separated ISO codes; signup from elsewhere gets 403; CDK context `allowedCountries`");

  public static final Variable<Integer> INVITES_PER_MEMBER =
      declare(
          "INVITES_PER_MEMBER",
          "5",
          integer(0, 1_000_000),
          Source.SETTINGS,
          "people a member's unused invites may still admit, summed over their codes' remaining"
              + " uses (`InvitesIT`); admins have no quota");

  public static final Variable<Long> INVITE_DEFAULT_LIFETIME_SECONDS =
      declare(
          "INVITE_DEFAULT_LIFETIME_SECONDS",
          "604800",
          longs(60, 31_536_000),
          Source.SETTINGS,
          "expiry of an invite created without `expires_in`");

  public static final RateVariables SIGNUP_RATE =
      rate("SIGNUP", 5, 1800, "signups (and waitlist joins) per client address per window");
  public static final RateVariables LOGIN_RATE =
      rate("LOGIN", 25, 300, "password-grant attempts per client address per window");
  public static final RateVariables APP_RATE =
      rate(
          "APP",
          50,
          3600,
          "app registrations and client-credentials tokens (one count) per client address per"
              + " window");
  public static final RateVariables STATUS_RATE =
      rate("STATUS", 300, 10_800, "statuses (posts, replies and reblogs) per account per window");
  public static final RateVariables FOLLOW_RATE =
      rate("FOLLOW", 400, 86_400, "follows per following account per window");
  public static final RateVariables REPORT_RATE =
      rate("REPORT", 400, 86_400, "reports per reporting account per window");
  public static final RateVariables API_RATE =
      rate("API", 1500, 300, "requests per token per window (at the edge)");
  public static final RateVariables ANONYMOUS_RATE =
      rate(
          "ANONYMOUS",
          300,
          300,
          "requests without a token per client address per window (at the edge)");

  public static final Variable<URI> PUBLIC_URL =
      declare(
          "PUBLIC_URL",
          "http://127.0.0.1:8080",
          new Type<>("an absolute http or https URL", Variables::httpUrl),
          Source.STACK,
          "base of the URLs in entities; CDK context `publicUrl` (the CloudFront domain when empty)",
          "`http://127.0.0.1:<port>`");

  public static final Variable<String> INSTANCE_TITLE =
      declare(
          "INSTANCE_TITLE",
          "Podium",
          text(),
          Source.SETTINGS,
          "the instance's title in `/api/v1/instance` and `/api/v2/instance`");

  public static final Variable<Long> WEB_SESSION_DAYS =
      declare(
          "WEB_SESSION_DAYS",
          "30",
          longs(1, 365),
          Source.SETTINGS,
          "days a web session (the pages' sign-in cookie) lasts from sign-in; signing out ends it"
              + " at once");

  public static final Variable<String> ORIGIN_SECRET =
      declare(
          "ORIGIN_SECRET",
          "",
          text(),
          Source.LOCAL,
          "when set, requests must carry it in `X-Origin-Verify`, or get 403 before any read; only"
              + " then are the `CloudFront-Viewer-*` headers trusted",
          "empty");

  public static final Variable<String> ORIGIN_SECRET_ARN =
      declare(
          "ORIGIN_SECRET_ARN",
          "",
          text(),
          Source.STACK,
          "on AWS instead of `ORIGIN_SECRET`: the secret whose `AWSCURRENT`, `AWSPENDING` and"
              + " `AWSPREVIOUS` values are accepted (read again at most every 5 s when a value"
              + " matches none, and after 5 minutes)",
          "none");

  public static final Variable<String> TABLE_PREFIX =
      declare(
          "TABLE_PREFIX",
          "podium-",
          new Type<>(
              "letters, digits, `_`, `-` and `.` (DynamoDB's table-name characters)",
              value -> matching(value, TABLE_NAME)),
          Source.STACK,
          "prefix of every DynamoDB table name (on AWS `podium-<stage>-`)");

  /**
   * The fan-out threshold. {@code docs/scale.md}'s model picks the cheapest threshold whose hottest
   * key stays under its limit and whose largest fan-out finishes within 5 s at p99: 100,000. At
   * national scale it costs $95,197 a month against $97,922 at 10,000 (2.8 % less, fewer followers'
   * reads merge a large author's posts) with the largest fan-out at 2.1 s p99 (1.7 s at 10,000);
   * 1,000,000 is cheaper still but its largest fan-out takes 9.1 s. At launch scale 10,000 and
   * 100,000 cost the same within $2 a month.
   */
  public static final Variable<Long> FANOUT_MAX_FOLLOWERS =
      declare(
          "FANOUT_MAX_FOLLOWERS",
          "100000",
          longs(0, 1_000_000_000),
          Source.SETTINGS,
          "authors with more followers are not fanned out; their followers' home timelines merge"
              + " their recent statuses at read time. 100,000 is `docs/scale.md`'s cheapest"
              + " threshold whose hottest key holds and whose largest fan-out ends within 5 s at p99"
              + " (national: $95,197 a month, 2.1 s; 10,000: $97,922, 1.7 s; 1,000,000: 9.1 s)");

  public static final Variable<Long> FANOUT_ACTIVE_DAYS =
      declare(
          "FANOUT_ACTIVE_DAYS",
          "30",
          longs(1, 3650),
          Source.SETTINGS,
          "only followers active within this many days get timeline entries; a member returning"
              + " later has their timeline rebuilt");

  public static final Variable<Integer> TIMELINE_MAX =
      declare(
          "TIMELINE_MAX",
          "800",
          integer(1, 100_000),
          Source.SETTINGS,
          "entries kept per home timeline (trimmed once a day per active member)");

  public static final Variable<Long> TIMELINE_ENTRY_DAYS =
      declare(
          "TIMELINE_ENTRY_DAYS",
          "30",
          longs(1, 3650),
          Source.SETTINGS,
          "lifetime of a timeline entry (DynamoDB TTL)");

  public static final Variable<Integer> FANOUT_PAGE_SIZE =
      declare(
          "FANOUT_PAGE_SIZE",
          "1000",
          integer(1, 10_000),
          Source.SETTINGS,
          "followers per fan-out message; the next page is its own message");

  public static final Variable<Long> LARGE_ACCOUNT_CACHE_MS =
      declare(
          "LARGE_ACCOUNT_CACHE_MS",
          "2000",
          longs(0, 3_600_000),
          Source.SETTINGS,
          "how long a container keeps a large account's newest statuses and account (one read per"
              + " author per window); 0 turns it off");

  public static final Variable<Long> FOLLOWER_SHARDS_FROM =
      declare(
          "FOLLOWER_SHARDS_FROM",
          "1000",
          longs(1, 1_000_000_000),
          Source.SETTINGS,
          "followers at which an account's new follows spread over 16 index keys and counters");

  public static final Variable<String> LOG_LEVEL =
      declare(
          "LOG_LEVEL",
          "INFO",
          new Type<>(
              "one of TRACE, DEBUG, INFO, WARN, ERROR",
              value ->
                  oneOf(value.toUpperCase(Locale.ROOT), "TRACE", "DEBUG", "INFO", "WARN", "ERROR")),
          Source.SETTINGS,
          "the level of Podium's own log lines (JSON, one a line; the stack also sets"
              + " `POWERTOOLS_LOG_LEVEL` to it)");

  public static final Variable<String> POST_EVENTS_TOPIC_ARN =
      declare(
          "POST_EVENTS_TOPIC_ARN",
          "",
          text(),
          Source.STACK,
          "the SNS topic posting publishes to",
          "set by CDK / the local stack");

  public static final Variable<String> FANOUT_QUEUE_URL =
      declare(
          "FANOUT_QUEUE_URL",
          "",
          text(),
          Source.STACK,
          "the SQS queue follow-up fan-out pages go to",
          "set by CDK / the local stack");

  public static final Variable<String> PODIUM_ROUTE =
      declare(
          "PODIUM_ROUTE",
          "",
          text(),
          Source.STACK,
          "the key of the route a route function serves (`POST /api/v1/statuses`)",
          "set by CDK");

  public static final Variable<String> ADMIN_SECRET_ARN =
      declare(
          "ADMIN_SECRET_ARN",
          "",
          text(),
          Source.STACK,
          "the admin bootstrap's secret: the first admin's `username`, `email` and `password`",
          "set by CDK");

  public static final Variable<String> ORIGIN_DISTRIBUTION_ID =
      declare(
          "ORIGIN_DISTRIBUTION_ID",
          "",
          text(),
          Source.STACK,
          "the origin secret's rotation: the CloudFront distribution whose origin header it updates",
          "set by CDK");

  public static final Variable<String> POWERTOOLS_SERVICE_NAME =
      declare(
          "POWERTOOLS_SERVICE_NAME",
          "podium",
          text(),
          Source.STACK,
          "`service` in every log line and the metrics' service dimension");

  public static final Variable<String> POWERTOOLS_LOG_LEVEL =
      declare(
          "POWERTOOLS_LOG_LEVEL",
          "INFO",
          text(),
          Source.STACK,
          "Powertools' own level; the stack sets it to `LOG_LEVEL`");

  public static final Variable<String> POWERTOOLS_METRICS_NAMESPACE =
      declare(
          "POWERTOOLS_METRICS_NAMESPACE",
          "Podium",
          text(),
          Source.STACK,
          "the CloudWatch namespace of the functions' metrics (EMF)");

  public static final Variable<String> DYNAMODB_ENDPOINT =
      endpoint("DYNAMODB_ENDPOINT", "DynamoDB (the stack starts its own engine when unset)");
  public static final Variable<String> SNS_ENDPOINT =
      endpoint("SNS_ENDPOINT", "SNS (with `SQS_ENDPOINT`; the stack starts fauxqs when unset)");
  public static final Variable<String> SQS_ENDPOINT = endpoint("SQS_ENDPOINT", "SQS");
  public static final Variable<String> SECRETS_MANAGER_ENDPOINT =
      endpoint("SECRETS_MANAGER_ENDPOINT", "Secrets Manager (LocalStack)");
  public static final Variable<String> CLOUDFRONT_ENDPOINT =
      endpoint("CLOUDFRONT_ENDPOINT", "CloudFront (LocalStack), for the rotation");

  public static final Variable<Integer> PODIUM_PORT =
      local("PODIUM_PORT", "8080", integer(0, 65_535), "the HTTP API's port; 0: a free one");
  public static final Variable<String> PODIUM_DATA_DIR =
      local(
          "PODIUM_DATA_DIR",
          "",
          text(),
          "keep DynamoDB data in that folder instead of memory: a journal synced before each"
              + " answer, so a restart, even after `kill -9`, keeps every acknowledged write");
  public static final Variable<Integer> PODIUM_DYNAMODB_PORT =
      local("PODIUM_DYNAMODB_PORT", "0", integer(0, 65_535), "the engine's port; 0: a free one");
  public static final Variable<Double> PODIUM_THROUGHPUT_SCALE =
      local(
          "PODIUM_THROUGHPUT_SCALE",
          "1",
          decimal(0, 1000),
          "DynamoDB's per-partition limits (1,000 write and 3,000 read units a second a key) times"
              + " this; 0 turns throttling off");
  public static final Variable<Long> PODIUM_GSI_LAG_MS =
      local(
          "PODIUM_GSI_LAG_MS",
          "0",
          longs(0, 60_000),
          "how late writes reach global secondary indexes, to surface read-after-write bugs");
  public static final Variable<String> PODIUM_ADMIN_USERNAME =
      local("PODIUM_ADMIN_USERNAME", "admin", text(), "the first admin's username");
  public static final Variable<String> PODIUM_ADMIN_PASSWORD =
      local(
          "PODIUM_ADMIN_PASSWORD",
          "",
          text(),
          "the first admin's password; generated and printed once when unset");
  public static final Variable<String> PODIUM_ADMIN_EMAIL =
      local(
          "PODIUM_ADMIN_EMAIL",
          "",
          text(),
          "the first admin's email; `<username>@podium.localhost` when unset");
  public static final Variable<Long> PODIUM_FANOUT_VISIBILITY_SECONDS =
      local(
          "PODIUM_FANOUT_VISIBILITY_SECONDS",
          "30",
          longs(0, 43_200),
          "how soon a failed fan-out message is retried");
  public static final Variable<Integer> PODIUM_FANOUT_POLLERS =
      local(
          "PODIUM_FANOUT_POLLERS",
          "2",
          integer(1, 64),
          "fan-out batches handled at once, as Lambda's concurrent invocations");

  public static final Variable<Boolean> PODIUM_METRICS =
      local(
          "PODIUM_METRICS",
          "off",
          new Type<>("on or off", value -> oneOf(value, "on", "off").equals("on")),
          "print the functions' EMF metric lines on stdout, as Lambda always does");

  /** Two variables of one limit: {@code <PREFIX>_RATE_LIMIT} and its window. */
  public record RateVariables(Variable<Integer> limit, Variable<Long> windowSeconds) {
    RateLimit read(String name, Map<String, String> env) {
      return new RateLimit(
          name, limit.read(env), java.time.Duration.ofSeconds(windowSeconds.read(env)));
    }
  }

  /**
   * The words the declared names start with ({@code FANOUT}, {@code PODIUM}, ...): a variable that
   * starts with one followed by {@code _} but is not declared is likely a misspelling. Not {@code
   * POWERTOOLS_}: Powertools reads more of its own than Podium sets.
   */
  static final Set<String> PREFIXES =
      DECLARED.stream()
          .map(v -> v.name().substring(0, v.name().indexOf('_') + 1))
          .filter(prefix -> !prefix.isEmpty() && !prefix.equals("POWERTOOLS_"))
          .collect(Collectors.toCollection(TreeSet::new));

  private Variables() {}

  /** The declared variable of this name. */
  public static Variable<?> named(String name) {
    return ALL.stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException(name + " is not a declared variable"));
  }

  /**
   * Reads every declared variable set in {@code env}, so that an invalid value fails here, at
   * start, naming the variable, the value and what it takes (every invalid one, one a line).
   */
  public static void validate(Map<String, String> env) {
    List<String> invalid = new ArrayList<>();
    for (Variable<?> variable : ALL) {
      try {
        variable.readIfSet(env);
      } catch (Variable.InvalidValue e) {
        invalid.add(e.getMessage());
      }
    }
    if (!invalid.isEmpty()) {
      throw new IllegalArgumentException("Invalid configuration: " + String.join("; ", invalid));
    }
  }

  /**
   * A warning for each variable of {@code env} that starts like Podium's ({@link #PREFIXES}) but is
   * not declared, naming the closest declared name: {@code FANOUT_MAX_FOLOWERS} is most likely
   * {@code FANOUT_MAX_FOLLOWERS}, silently ignored otherwise.
   */
  public static List<String> misspellings(Map<String, String> env) {
    Set<String> declared = ALL.stream().map(Variable::name).collect(Collectors.toSet());
    return env.keySet().stream()
        .filter(name -> !declared.contains(name))
        .filter(name -> PREFIXES.stream().anyMatch(name::startsWith))
        .sorted()
        .map(
            name ->
                "Environment variable "
                    + name
                    + " is not one Podium reads; did you mean "
                    + closest(name)
                    + "?")
        .toList();
  }

  /** The declared name nearest to {@code name} by edit distance. */
  public static String closest(String name) {
    return ALL.stream()
        .map(Variable::name)
        .min(Comparator.comparingInt((String known) -> distance(name, known)))
        .orElseThrow();
  }

  /** The README's configuration table: one row a variable, in declaration order. */
  public static String markdownTable() {
    StringBuilder table =
        new StringBuilder(
            "| variable | default | allowed | on AWS | meaning |\n| --- | --- | --- | --- | --- |\n");
    for (Variable<?> v : ALL) {
      String shownDefault =
          !v.defaultText().isEmpty()
              ? v.defaultText()
              : v.defaultValue().isEmpty() ? "none" : "`" + v.defaultValue() + "`";
      table
          .append("| `")
          .append(v.name())
          .append("` | ")
          .append(shownDefault)
          .append(" | ")
          .append(v.type().allowed())
          .append(" | ")
          .append(v.source().text())
          .append(" | ")
          .append(v.meaning())
          .append(" |\n");
    }
    return table.toString();
  }

  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  private static <T> Variable<T> declare(
      String name, String defaultValue, Type<T> type, Source source, String meaning) {
    return declare(name, defaultValue, type, source, meaning, "");
  }

  private static <T> Variable<T> declare(
      String name,
      String defaultValue,
      Type<T> type,
      Source source,
      String meaning,
      String defaultText) {
    Variable<T> variable = new Variable<>(name, defaultValue, type, source, meaning, defaultText);
    if (!defaultValue.isEmpty()) {
      variable.read(Map.of()); // a default outside its own bounds fails the class, not a request
    }
    DECLARED.add(variable);
    return variable;
  }

  private static <T> Variable<T> local(
      String name, String defaultValue, Type<T> type, String meaning) {
    return declare(name, defaultValue, type, Source.LOCAL, meaning);
  }

  private static Variable<String> endpoint(String name, String service) {
    return declare(
        name,
        "",
        new Type<>("an absolute URL", value -> URI.create(value).isAbsolute() ? value : fail()),
        Source.LOCAL,
        "off AWS: the endpoint of " + service,
        "none (AWS)");
  }

  private static RateVariables rate(String prefix, int limit, long window, String meaning) {
    return new RateVariables(
        declare(
            prefix + "_RATE_LIMIT",
            Integer.toString(limit),
            integer(1, 1_000_000),
            Source.SETTINGS,
            meaning),
        declare(
            prefix + "_RATE_WINDOW_SECONDS",
            Long.toString(window),
            longs(1, 31_536_000),
            Source.SETTINGS,
            "the window of `" + prefix + "_RATE_LIMIT`"));
  }

  private static Type<Integer> integer(int min, int max) {
    return new Type<>(
        String.format(Locale.ROOT, "an integer from %,d to %,d", min, max),
        value -> (int) within(Long.parseLong(value), min, max));
  }

  private static Type<Long> longs(long min, long max) {
    return new Type<>(
        String.format(Locale.ROOT, "an integer from %,d to %,d", min, max),
        value -> within(Long.parseLong(value), min, max));
  }

  private static Type<Double> decimal(double min, double max) {
    return new Type<>(
        String.format(Locale.ROOT, "a number from %s to %s", trim(min), trim(max)),
        value -> {
          double parsed = Double.parseDouble(value);
          return parsed >= min && parsed <= max ? parsed : fail();
        });
  }

  private static Type<String> text() {
    return new Type<>("any text", value -> value);
  }

  private static Type<List<String>> countries() {
    return new Type<>(
        "comma-separated ISO 3166 alpha-2 codes",
        value ->
            Arrays.stream(value.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .map(s -> matching(s.toUpperCase(Locale.ROOT), COUNTRY))
                .toList());
  }

  private static URI httpUrl(String value) {
    URI uri = URI.create(value);
    return uri.isAbsolute()
            && uri.getHost() != null
            && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
        ? uri
        : fail();
  }

  private static long within(long value, long min, long max) {
    return value >= min && value <= max ? value : fail();
  }

  private static String matching(String value, Pattern pattern) {
    return pattern.matcher(value).matches() ? value : fail();
  }

  private static String oneOf(String value, String... allowed) {
    return Arrays.asList(allowed).contains(value) ? value : fail();
  }

  private static String trim(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  private static <T> T fail() {
    throw new IllegalArgumentException();
  }
}
