package app.podium.infra;

import app.podium.shared.Settings;
import app.podium.shared.Variable;
import app.podium.shared.Variables;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import software.constructs.Node;

/**
 * The deployment's choices, from CDK context ({@code cdk.json} or {@code -c key=value}). Everything
 * has a default, so a bare {@code cdk synth} gives a {@code dev} stage.
 *
 * @param stage {@code stage}: names every resource ({@code podium-<stage>-...}); {@code prod}
 *     protects and retains the tables, anything else destroys them with the stack
 * @param allowedCountries {@code allowedCountries}: the functions' {@code ALLOWED_COUNTRIES}
 *     (signup and the waitlist), and CloudFront's geo allowlist when {@code geoScope} is {@code
 *     all}; comma-separated ISO codes
 * @param signupMode {@code signupMode}: the functions' {@code SIGNUP_MODE}, checked as the
 *     functions read it
 * @param publicUrl {@code publicUrl}: the functions' {@code PUBLIC_URL}; empty means the CloudFront
 *     domain
 * @param settings {@code settings}: further function settings by variable name (see {@link
 *     #TUNABLE})
 * @param alarmEmail {@code alarmEmail}: subscribed to the alarm topic when set
 * @param lambdaJar {@code lambdaJar}: the shaded functions jar; by default the one in
 *     ../functions/target
 * @param apiRateLimit {@code apiRateLimit}: the HTTP API stage's steady requests per second
 * @param apiBurstLimit {@code apiBurstLimit}: the stage's burst
 * @param fanoutMaxConcurrency {@code fanoutMaxConcurrency}: most concurrent fan-out invocations the
 *     queue starts
 * @param adminEmailDomain {@code adminEmailDomain}: the first admin's email is {@code
 *     admin@<domain>} in the generated admin secret
 * @param edge what stands in front of the API: CloudFront's geo scope, WAF, the origin secret (see
 *     {@link Edge})
 */
public record Config(
    String stage,
    List<String> allowedCountries,
    String signupMode,
    Optional<String> publicUrl,
    Map<String, String> settings,
    Optional<String> alarmEmail,
    Path lambdaJar,
    int apiRateLimit,
    int apiBurstLimit,
    int fanoutMaxConcurrency,
    String adminEmailDomain,
    Edge edge) {

  /** Where CloudFront's geo restriction applies. */
  public enum GeoScope {
    /** Signup and the waitlist only, checked by the functions: members abroad read and post. */
    SIGNUP,
    /** The whole API: CloudFront answers 403 to any request from elsewhere. */
    ALL;

    static GeoScope parse(String value) {
      return switch (value) {
        case "signup" -> SIGNUP;
        case "all" -> ALL;
        default -> throw new IllegalArgumentException("geoScope must be signup or all: " + value);
      };
    }
  }

  /**
   * CloudFront, AWS WAF and the origin secret.
   *
   * @param geoScope {@code geoScope}: {@code signup} (default) or {@code all}
   * @param originSecretRotationDays {@code originSecretRotationDays}: days between rotations of the
   *     origin secret (30), 1 to 1000 as Secrets Manager allows
   * @param ipRateLimit {@code wafIpRateLimit}: WAF's ceiling of requests per client address in each
   *     {@code API_RATE_WINDOW_SECONDS}, with or without a token; empty: ten times {@code
   *     API_RATE_LIMIT}
   * @param originDomain {@code originDomain}: a custom domain of the HTTP API that CloudFront uses
   *     as its origin; set, it turns the API's execute-api endpoint off (needs {@code
   *     originCertificateArn}, an ACM certificate of that name in the stack's region, and a DNS
   *     record of that name to the domain's target, an output)
   * @param originCertificateArn {@code originCertificateArn}: see {@code originDomain}
   */
  public record Edge(
      GeoScope geoScope,
      int originSecretRotationDays,
      Optional<Integer> ipRateLimit,
      Optional<String> originDomain,
      Optional<String> originCertificateArn) {
    public Edge {
      if (originSecretRotationDays < 1 || originSecretRotationDays > 1000) {
        throw new IllegalArgumentException(
            "originSecretRotationDays must be 1 to 1000: " + originSecretRotationDays);
      }
      if (originDomain.isPresent() != originCertificateArn.isPresent()) {
        throw new IllegalArgumentException(
            "originDomain and originCertificateArn go together: the API's custom "
                + "domain needs its certificate");
      }
      originDomain
          .filter(d -> !DOMAIN.matcher(d).matches())
          .ifPresent(
              d -> {
                throw new IllegalArgumentException(
                    "originDomain must be a lower-case domain name: " + d);
              });
    }

    /**
     * The defaults: geo restriction on signup only, rotation every 30 days, the execute-api
     * endpoint kept.
     */
    public static final Edge DEFAULT =
        new Edge(GeoScope.SIGNUP, 30, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Settings an operator may pass through {@code settings}: the variables {@link Variables}
   * declares as {@link Variable.Source#SETTINGS}. The stack sets SIGNUP_MODE, ALLOWED_COUNTRIES,
   * PUBLIC_URL (from their own context keys), ORIGIN_SECRET_ARN and the resource names itself.
   */
  public static final Set<String> TUNABLE =
      Variables.ALL.stream()
          .filter(v -> v.source() == Variable.Source.SETTINGS)
          .map(Variable::name)
          .collect(Collectors.toUnmodifiableSet());

  private static final Pattern STAGE = Pattern.compile("[a-z][a-z0-9-]{0,15}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
  private static final Pattern DOMAIN =
      Pattern.compile("([a-z0-9]([a-z0-9-]*[a-z0-9])?\\.)+[a-z]{2,}");

  public Config {
    if (!STAGE.matcher(stage).matches()) {
      throw new IllegalArgumentException(
          "stage must be lower-case letters, digits and dashes: " + stage);
    }
    if (allowedCountries.isEmpty()
        || !allowedCountries.stream().allMatch(c -> COUNTRY.matcher(c).matches())) {
      throw new IllegalArgumentException(
          "allowedCountries must be ISO 3166 alpha-2 codes: " + allowedCountries);
    }
    try {
      Variables.SIGNUP_MODE.read(Map.of(Variables.SIGNUP_MODE.name(), signupMode));
    } catch (Variable.InvalidValue e) {
      throw new IllegalArgumentException("context signupMode: " + e.getMessage());
    }
    for (String name : settings.keySet()) {
      if (!TUNABLE.contains(name)) {
        throw new IllegalArgumentException(
            "settings."
                + name
                + " is not a setting the functions read; did you mean "
                + Variables.closest(name)
                + "? Settings: "
                + new java.util.TreeSet<>(TUNABLE));
      }
    }
    if (!DOMAIN.matcher(adminEmailDomain).matches()) {
      throw new IllegalArgumentException(
          "adminEmailDomain must be a lower-case domain name: " + adminEmailDomain);
    }
    settings = Map.copyOf(settings);
    allowedCountries = List.copyOf(allowedCountries);
    // the accessor reads the fields, which a compact constructor assigns after its body
    Firewall.check(Settings.fromEnvironment(settings).limits(), edge);
  }

  /**
   * The per-token and anonymous request limits the functions' settings give, which WAF enforces.
   */
  public Settings.RateLimits limits() {
    return Settings.fromEnvironment(settings).limits();
  }

  /**
   * Reserved (RFC 2606): it receives no mail, so an operator sets a real domain before inviting
   * anyone.
   */
  public static final String DEFAULT_ADMIN_DOMAIN = "podium.invalid";

  /** The first admin's email, in the generated admin secret. */
  public String adminEmail() {
    return "admin@" + adminEmailDomain;
  }

  public boolean isProd() {
    return stage.equals("prod");
  }

  /** The prefix of every physical name, also the functions' {@code TABLE_PREFIX}. */
  public String prefix() {
    return "podium-" + stage + "-";
  }

  public static Config fromContext(Node node) {
    return new Config(
        text(node, "stage").orElse("dev"),
        Arrays.stream(text(node, "allowedCountries").orElse("US").split(","))
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .map(s -> s.toUpperCase(Locale.ROOT))
            .toList(),
        text(node, "signupMode").orElse("invite_only"),
        text(node, "publicUrl").filter(s -> !s.isBlank()),
        settings(node.tryGetContext("settings")),
        text(node, "alarmEmail").filter(s -> !s.isBlank()),
        text(node, "lambdaJar").map(Path::of).orElseGet(Config::defaultLambdaJar),
        Integer.parseInt(text(node, "apiRateLimit").orElse("500")),
        Integer.parseInt(text(node, "apiBurstLimit").orElse("1000")),
        Integer.parseInt(text(node, "fanoutMaxConcurrency").orElse("50")),
        text(node, "adminEmailDomain")
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .orElse(DEFAULT_ADMIN_DOMAIN),
        new Edge(
            GeoScope.parse(text(node, "geoScope").map(String::trim).orElse("signup")),
            Integer.parseInt(text(node, "originSecretRotationDays").orElse("30")),
            text(node, "wafIpRateLimit").filter(s -> !s.isBlank()).map(Integer::parseInt),
            text(node, "originDomain").map(String::trim).filter(s -> !s.isEmpty()),
            text(node, "originCertificateArn").map(String::trim).filter(s -> !s.isEmpty())));
  }

  private static Optional<String> text(Node node, String key) {
    return Optional.ofNullable(node.tryGetContext(key)).map(Object::toString);
  }

  private static Map<String, String> settings(Object value) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> settings.put(k.toString(), v.toString()));
    } else if (value != null) {
      throw new IllegalArgumentException(
          "context 'settings' must be an object of variable names to values");
    }
    return settings;
  }

  /**
   * The shaded jar that {@code ./mvnw package} leaves in functions/target, whatever the version.
   */
  static Path defaultLambdaJar() {
    return LambdaJars.only(
        Path.of("..", "functions", "target"), "functions-*-lambda.jar", "lambdaJar");
  }
}
