package app.podium.infra;

import app.podium.shared.RateLimit;
import app.podium.shared.Settings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.services.wafv2.CfnWebACL;
import software.amazon.awscdk.services.wafv2.CfnWebACL.AndStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.BlockActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ByteMatchStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CountActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CustomHTTPHeaderProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CustomResponseBodyProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.CustomResponseProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.FieldToMatchProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.ManagedRuleGroupStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.NotStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.OverrideActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementCustomKeyProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateBasedStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RateLimitHeaderProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionOverrideProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleActionProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.RuleProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.SizeConstraintStatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.StatementProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.TextTransformationProperty;
import software.amazon.awscdk.services.wafv2.CfnWebACL.VisibilityConfigProperty;
import software.constructs.Construct;

/**
 * The AWS WAF web ACL on the CloudFront distribution (scope {@code CLOUDFRONT}, so it lives in
 * us-east-1). In order:
 *
 * <ol>
 *   <li>{@code AWSManagedRulesAmazonIpReputationList}: addresses Amazon's threat intelligence
 *       lists;
 *   <li>a ceiling per client address on all requests, token or not ({@code wafIpRateLimit}, ten
 *       members' allowance by default), so random bearer tokens cannot spread one client over the
 *       per-token rule;
 *   <li>{@code API_RATE_LIMIT} per token: requests aggregated on the {@code Authorization} header;
 *   <li>{@code ANONYMOUS_RATE_LIMIT} per address for requests without an {@code Authorization}
 *       header, CORS preflights aside;
 *   <li>{@code AWSManagedRulesCommonRuleSet} without blocking on bodies: statuses are free text
 *       that Podium escapes and never runs, fetches or includes (a post quoting {@code <script>} or
 *       {@code ../../etc/passwd} is a post), and bodies up to the API's own 64 KiB are answered by
 *       the API; those rules count instead;
 *   <li>{@code AWSManagedRulesKnownBadInputsRuleSet} whole (Log4Shell and Java deserialization
 *       among them: the functions are Java).
 * </ol>
 *
 * A rate rule answers 429 with {@code {"error":"Too many requests"}} and static headers: {@code
 * X-RateLimit-Limit}, {@code X-RateLimit-Remaining: 0} and {@code Retry-After} (the window, the
 * longest a client that stops must wait). WAF cannot say how many requests remain or when the
 * window resets. It keys an address as sent, IPv6 included: it has no /64 aggregation, so the
 * functions' own per-address limits (keyed by /64) cover IPv6 rotation.
 */
final class Firewall {
  /** The only evaluation windows WAF's rate-based rules take. */
  static final Set<Long> WINDOWS = Set.of(60L, 120L, 300L, 600L);

  static final long MIN_LIMIT = 10;
  static final long MAX_LIMIT = 2_000_000_000L;

  /**
   * The per-address ceiling is this many members' allowance unless {@code wafIpRateLimit} says
   * otherwise.
   */
  static final int MEMBERS_PER_ADDRESS = 10;

  static final String TOO_MANY_REQUESTS = "too-many-requests";
  static final String TOO_MANY_REQUESTS_BODY = "{\"error\":\"Too many requests\"}";

  /** Body rules of the core rule set that count instead of blocking (see the class comment). */
  static final List<String> BODY_RULES_COUNTED =
      List.of(
          "SizeRestrictions_BODY",
          "CrossSiteScripting_BODY",
          "GenericLFI_BODY",
          "GenericRFI_BODY",
          "EC2MetaDataSSRF_BODY");

  /** One rate rule: its name, its limit in each window, and the settings they come from. */
  record Rate(
      String name, long limit, long windowSeconds, String limitSetting, String windowSetting) {}

  private Firewall() {}

  /** The three rate rules from the functions' settings and the deployment's ceiling. */
  static List<Rate> rates(Settings.RateLimits limits, Config.Edge edge) {
    RateLimit requests = limits.requests();
    RateLimit anonymous = limits.anonymous();
    long ceiling =
        edge.ipRateLimit()
            .map(Integer::longValue)
            .orElse((long) requests.max() * MEMBERS_PER_ADDRESS);
    return List.of(
        new Rate(
            "RequestsPerAddress",
            ceiling,
            requests.window().toSeconds(),
            "context wafIpRateLimit",
            "API_RATE_WINDOW_SECONDS"),
        new Rate(
            "RequestsPerToken",
            requests.max(),
            requests.window().toSeconds(),
            "API_RATE_LIMIT",
            "API_RATE_WINDOW_SECONDS"),
        new Rate(
            "AnonymousRequestsPerAddress",
            anonymous.max(),
            anonymous.window().toSeconds(),
            "ANONYMOUS_RATE_LIMIT",
            "ANONYMOUS_RATE_WINDOW_SECONDS"));
  }

  /** Refuses, at synth, limits and windows that WAF would refuse at deploy. */
  static void check(Settings.RateLimits limits, Config.Edge edge) {
    for (Rate rate : rates(limits, edge)) {
      if (!WINDOWS.contains(rate.windowSeconds())) {
        throw new IllegalArgumentException(
            rate.windowSetting()
                + " must be 60, 120, 300 or 600 for AWS WAF's "
                + rate.name()
                + " rule: "
                + rate.windowSeconds());
      }
      if (rate.limit() < MIN_LIMIT || rate.limit() > MAX_LIMIT) {
        throw new IllegalArgumentException(
            rate.limitSetting()
                + " must be "
                + MIN_LIMIT
                + " to "
                + MAX_LIMIT
                + " for AWS WAF's "
                + rate.name()
                + " rule: "
                + rate.limit());
      }
    }
  }

  static CfnWebACL webAcl(Construct scope, String id, Config config) {
    List<Rate> rates = rates(config.limits(), config.edge());
    List<RuleProperty> rules = new ArrayList<>();
    rules.add(managed("AWSManagedRulesAmazonIpReputationList", List.of(), rules.size()));
    rules.add(
        rate(
            rates.get(0),
            RateBasedStatementProperty.builder().aggregateKeyType("IP"),
            rules.size()));
    rules.add(
        rate(
            rates.get(1),
            RateBasedStatementProperty.builder()
                .aggregateKeyType("CUSTOM_KEYS")
                .customKeys(
                    List.of(
                        RateBasedStatementCustomKeyProperty.builder()
                            .header(
                                RateLimitHeaderProperty.builder()
                                    .name("authorization")
                                    .textTransformations(noTransformation())
                                    .build())
                            .build())),
            rules.size()));
    rules.add(
        rate(
            rates.get(2),
            RateBasedStatementProperty.builder()
                .aggregateKeyType("IP")
                .scopeDownStatement(anonymousNotPreflight()),
            rules.size()));
    rules.add(managed("AWSManagedRulesCommonRuleSet", BODY_RULES_COUNTED, rules.size()));
    rules.add(managed("AWSManagedRulesKnownBadInputsRuleSet", List.of(), rules.size()));

    return CfnWebACL.Builder.create(scope, id)
        .name(config.prefix() + "edge")
        .description(
            "Podium " + config.stage() + ": managed rules and request rates in front of the API")
        .scope("CLOUDFRONT")
        .defaultAction(
            CfnWebACL.DefaultActionProperty.builder()
                .allow(CfnWebACL.AllowActionProperty.builder().build())
                .build())
        .visibilityConfig(visibility(config.prefix() + "edge"))
        .customResponseBodies(
            Map.of(
                TOO_MANY_REQUESTS,
                CustomResponseBodyProperty.builder()
                    .contentType("APPLICATION_JSON")
                    .content(TOO_MANY_REQUESTS_BODY)
                    .build()))
        .rules(rules)
        .build();
  }

  private static RuleProperty rate(
      Rate rate, RateBasedStatementProperty.Builder statement, int priority) {
    List<CustomHTTPHeaderProperty> headers =
        List.of(
            header("X-RateLimit-Limit", Long.toString(rate.limit())),
            header("X-RateLimit-Remaining", "0"),
            header("Retry-After", Long.toString(rate.windowSeconds())),
            // what the API's own answers carry (Cors.java): a browser client can read the 429
            header("Access-Control-Allow-Origin", "*"));
    return RuleProperty.builder()
        .name(rate.name())
        .priority(priority)
        .statement(
            StatementProperty.builder()
                .rateBasedStatement(
                    statement.limit(rate.limit()).evaluationWindowSec(rate.windowSeconds()).build())
                .build())
        .action(
            RuleActionProperty.builder()
                .block(
                    BlockActionProperty.builder()
                        .customResponse(
                            CustomResponseProperty.builder()
                                .responseCode(429)
                                .customResponseBodyKey(TOO_MANY_REQUESTS)
                                .responseHeaders(headers)
                                .build())
                        .build())
                .build())
        .visibilityConfig(visibility(rate.name()))
        .build();
  }

  private static RuleProperty managed(String name, List<String> counted, int priority) {
    ManagedRuleGroupStatementProperty.Builder statement =
        ManagedRuleGroupStatementProperty.builder().vendorName("AWS").name(name);
    if (!counted.isEmpty()) {
      statement.ruleActionOverrides(
          counted.stream()
              .map(
                  rule ->
                      RuleActionOverrideProperty.builder()
                          .name(rule)
                          .actionToUse(
                              RuleActionProperty.builder()
                                  .count(CountActionProperty.builder().build())
                                  .build())
                          .build())
              .toList());
    }
    return RuleProperty.builder()
        .name(name)
        .priority(priority)
        .statement(StatementProperty.builder().managedRuleGroupStatement(statement.build()).build())
        .overrideAction(OverrideActionProperty.builder().none(Map.of()).build())
        .visibilityConfig(visibility(name))
        .build();
  }

  /**
   * A request without an {@code Authorization} header (or an empty one: AWS's documented pattern),
   * other than a CORS preflight: a browser client sends one without the token before each new URL
   * it calls with it, and a member paging or polling would spend the anonymous allowance on them.
   * Preflights still count in the ceiling.
   */
  private static StatementProperty anonymousNotPreflight() {
    StatementProperty withAuthorization =
        StatementProperty.builder()
            .sizeConstraintStatement(
                SizeConstraintStatementProperty.builder()
                    .fieldToMatch(
                        FieldToMatchProperty.builder()
                            // an untyped property: jsii would write the builder's field as "name",
                            // CloudFormation wants "Name"
                            .singleHeader(Map.of("Name", "authorization"))
                            .build())
                    .comparisonOperator("GT")
                    .size(0)
                    .textTransformations(noTransformation())
                    .build())
            .build();
    StatementProperty preflight =
        StatementProperty.builder()
            .byteMatchStatement(
                ByteMatchStatementProperty.builder()
                    .fieldToMatch(FieldToMatchProperty.builder().method(Map.of()).build())
                    .positionalConstraint("EXACTLY")
                    .searchString("OPTIONS")
                    .textTransformations(noTransformation())
                    .build())
            .build();
    return StatementProperty.builder()
        .andStatement(
            AndStatementProperty.builder()
                .statements(List.of(not(withAuthorization), not(preflight)))
                .build())
        .build();
  }

  private static StatementProperty not(StatementProperty statement) {
    return StatementProperty.builder()
        .notStatement(NotStatementProperty.builder().statement(statement).build())
        .build();
  }

  private static List<TextTransformationProperty> noTransformation() {
    return List.of(TextTransformationProperty.builder().priority(0).type("NONE").build());
  }

  private static CustomHTTPHeaderProperty header(String name, String value) {
    return CustomHTTPHeaderProperty.builder().name(name).value(value).build();
  }

  private static VisibilityConfigProperty visibility(String metric) {
    return VisibilityConfigProperty.builder()
        .cloudWatchMetricsEnabled(true)
        .sampledRequestsEnabled(true)
        .metricName(metric)
        .build();
  }
}
