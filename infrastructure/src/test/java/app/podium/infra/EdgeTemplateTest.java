package app.podium.infra;

import static app.podium.infra.TemplateJson.list;
import static app.podium.infra.TemplateJson.map;
import static app.podium.infra.TemplateJson.properties;
import static app.podium.infra.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.Routes;
import app.podium.operations.RotateOriginSecretHandler;
import app.podium.shared.Settings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.CfnRule;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * What stands in front of the API: the WAF web ACL on the distribution and its rules, the geo
 * scope, the origin secret's rotation and who may read it, the execute-api endpoint, and the region
 * the web ACL needs. The dev stack has every default; {@link Synthesized#edge()} sets every option
 * the other way.
 */
class EdgeTemplateTest {
  private static TemplateJson dev;
  private static TemplateJson edge;

  @BeforeAll
  static void synthesize() {
    dev = Synthesized.devJson();
    edge = Synthesized.edgeJson();
  }

  // ------------------------------------------------------------------------------------------------ WAF

  @Test
  void aWebAclForCloudFrontAllowsByDefaultAndGuardsTheDistribution() {
    var acls = dev.ofType("AWS::WAFv2::WebACL");
    assertThat(acls).hasSize(1);
    Map<String, Object> acl = properties(acls.values().iterator().next());
    assertThat(acl)
        .containsEntry("Scope", "CLOUDFRONT")
        .containsEntry("Name", "podium-dev-edge")
        .containsEntry("DefaultAction", Map.of("Allow", Map.of()));
    assertThat(distributionConfig(dev).get("WebACLId"))
        .isEqualTo(Map.of("Fn::GetAtt", List.of(acls.keySet().iterator().next(), "Arn")));
  }

  @Test
  void theManagedRuleGroupsRunTheCoreSetsBodyRulesCountingOnly() {
    Map<String, Map<String, Object>> rules = rules(dev);
    assertThat(rules.keySet())
        .containsExactly(
            "AWSManagedRulesAmazonIpReputationList",
            "RequestsPerAddress",
            "RequestsPerToken",
            "AnonymousRequestsPerAddress",
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet");
    for (String group :
        List.of(
            "AWSManagedRulesAmazonIpReputationList",
            "AWSManagedRulesCommonRuleSet",
            "AWSManagedRulesKnownBadInputsRuleSet")) {
      Map<String, Object> rule = rules.get(group);
      Map<String, Object> statement =
          map(map(rule.get("Statement")).get("ManagedRuleGroupStatement"));
      assertThat(statement).containsEntry("VendorName", "AWS").containsEntry("Name", group);
      assertThat(rule.get("OverrideAction")).isEqualTo(Map.of("None", Map.of()));
      List<Object> overrides = list(statement.getOrDefault("RuleActionOverrides", List.of()));
      if (group.equals("AWSManagedRulesCommonRuleSet")) {
        assertThat(overrides)
            .extracting(o -> map(o).get("Name"))
            .containsExactlyElementsOf(Firewall.BODY_RULES_COUNTED);
        assertThat(overrides)
            .allSatisfy(
                o -> assertThat(map(o).get("ActionToUse")).isEqualTo(Map.of("Count", Map.of())));
      } else {
        assertThat(overrides).as(group).isEmpty();
      }
    }
  }

  @Test
  void theRateRulesTakeTheirLimitsAndWindowsFromTheFunctionsSettings() {
    Settings.RateLimits defaults = Settings.fromEnvironment(Map.of()).limits();
    assertRates(
        dev,
        defaults.requests().max() * Firewall.MEMBERS_PER_ADDRESS,
        defaults.requests().max(),
        defaults.requests().window().toSeconds(),
        defaults.anonymous().max(),
        defaults.anonymous().window().toSeconds());
    assertThat(defaults.requests().max()).isEqualTo(1500);
    assertRates(edge, 5000, 600, 120, 90, 60);
  }

  private static void assertRates(
      TemplateJson template,
      long ceiling,
      long perToken,
      long tokenWindow,
      long anonymous,
      long anonymousWindow) {
    Map<String, Map<String, Object>> rules = rules(template);
    Map<String, Object> address = rateStatement(rules.get("RequestsPerAddress"));
    assertThat(address)
        .containsEntry("AggregateKeyType", "IP")
        .containsEntry("Limit", (int) ceiling)
        .containsEntry("EvaluationWindowSec", (int) tokenWindow)
        .doesNotContainKey("ScopeDownStatement");

    Map<String, Object> token = rateStatement(rules.get("RequestsPerToken"));
    assertThat(token)
        .containsEntry("AggregateKeyType", "CUSTOM_KEYS")
        .containsEntry("Limit", (int) perToken)
        .containsEntry("EvaluationWindowSec", (int) tokenWindow);
    assertThat(list(token.get("CustomKeys")))
        .singleElement()
        .satisfies(
            key -> assertThat(map(map(key).get("Header")).get("Name")).isEqualTo("authorization"));

    Map<String, Object> anonymousRule = rateStatement(rules.get("AnonymousRequestsPerAddress"));
    assertThat(anonymousRule)
        .containsEntry("AggregateKeyType", "IP")
        .containsEntry("Limit", (int) anonymous)
        .containsEntry("EvaluationWindowSec", (int) anonymousWindow);
    List<Object> scope =
        list(
            map(map(anonymousRule.get("ScopeDownStatement")).get("AndStatement"))
                .get("Statements"));
    assertThat(scope).hasSize(2);
    Map<String, Object> size = map(negated(scope.get(0)).get("SizeConstraintStatement"));
    assertThat(size)
        .containsEntry("ComparisonOperator", "GT")
        .containsEntry("Size", 0)
        .containsEntry("FieldToMatch", Map.of("SingleHeader", Map.of("Name", "authorization")));
    Map<String, Object> preflight = map(negated(scope.get(1)).get("ByteMatchStatement"));
    assertThat(preflight)
        .containsEntry("FieldToMatch", Map.of("Method", Map.of()))
        .containsEntry("PositionalConstraint", "EXACTLY")
        .containsEntry("SearchString", "OPTIONS");
  }

  @Test
  void aRateRuleAnswers429WithTheJsonErrorAndStaticRateLimitHeaders() {
    Map<String, Object> acl =
        properties(dev.ofType("AWS::WAFv2::WebACL").values().iterator().next());
    assertThat(map(acl.get("CustomResponseBodies")).get(Firewall.TOO_MANY_REQUESTS))
        .isEqualTo(
            Map.of(
                "ContentType", "APPLICATION_JSON", "Content", "{\"error\":\"Too many requests\"}"));
    Map<String, Map<String, Object>> rules = rules(edge);
    for (var expected :
        Map.of(
                "RequestsPerAddress",
                List.of("5000", "120"),
                "RequestsPerToken",
                List.of("600", "120"),
                "AnonymousRequestsPerAddress",
                List.of("90", "60"))
            .entrySet()) {
      Map<String, Object> response =
          map(
              map(map(rules.get(expected.getKey()).get("Action")).get("Block"))
                  .get("CustomResponse"));
      assertThat(response)
          .containsEntry("ResponseCode", 429)
          .containsEntry("CustomResponseBodyKey", Firewall.TOO_MANY_REQUESTS);
      Map<String, Object> headers = new LinkedHashMap<>();
      list(response.get("ResponseHeaders"))
          .forEach(h -> headers.put((String) map(h).get("Name"), map(h).get("Value")));
      assertThat(headers)
          .as(expected.getKey())
          .isEqualTo(
              Map.of(
                  "X-RateLimit-Limit",
                  expected.getValue().get(0),
                  "X-RateLimit-Remaining",
                  "0",
                  "Retry-After",
                  expected.getValue().get(1),
                  "Access-Control-Allow-Origin",
                  "*"));
    }
  }

  // ------------------------------------------------------------------------------------------ geo
  // scope

  @Test
  void geoScopeSignupLetsEveryCountryReachTheApiAndAllRestrictsItToTheAllowedCountries() {
    Object restrictions = distributionConfig(dev).get("Restrictions");
    assertThat(
            restrictions == null
                ? "none"
                : map(map(restrictions).get("GeoRestriction")).get("RestrictionType"))
        .isEqualTo("none");
    assertThat(map(map(distributionConfig(edge).get("Restrictions")).get("GeoRestriction")))
        .isEqualTo(Map.of("RestrictionType", "whitelist", "Locations", List.of("US", "CA")));
    // either way signup and the waitlist check the viewer's country in the functions
    for (PodiumStack stack : List.of(Synthesized.dev(), Synthesized.edge())) {
      TemplateJson template = stack == Synthesized.dev() ? dev : edge;
      Map<String, Object> env =
          map(
              map(template
                      .properties(TemplateJson.logicalId(stack.function("CreateAccount")))
                      .get("Environment"))
                  .get("Variables"));
      assertThat(env).containsEntry("ALLOWED_COUNTRIES", "US,CA");
    }
  }

  // ------------------------------------------------------------------------------------- origin
  // secret

  @Test
  void theOriginSecretRotatesOnScheduleThroughTheRotationFunctionsAliasAndNotAtCreation() {
    for (var variant : Map.of(dev, 30, edge, 7).entrySet()) {
      TemplateJson template = variant.getKey();
      PodiumStack stack = template == dev ? Synthesized.dev() : Synthesized.edge();
      var schedules = template.ofType("AWS::SecretsManager::RotationSchedule");
      assertThat(schedules).hasSize(1);
      var schedule = schedules.values().iterator().next();
      Map<String, Object> rotation = properties(schedule);
      assertThat(referencedId(rotation.get("SecretId")))
          .isEqualTo(TemplateJson.logicalId(stack.originSecret()));
      assertThat(rotation)
          .containsEntry("RotateImmediatelyOnUpdate", false)
          .containsEntry("RotationRules", Map.of("AutomaticallyAfterDays", variant.getValue()));
      String alias = rotationAlias(template, stack);
      assertThat(referencedId(rotation.get("RotationLambdaARN"))).isEqualTo(alias);

      var permissions =
          template.ofType("AWS::Lambda::Permission").entrySet().stream()
              .filter(p -> alias.equals(referencedId(properties(p.getValue()).get("FunctionName"))))
              .toList();
      assertThat(permissions)
          .singleElement()
          .satisfies(
              p -> {
                assertThat(properties(p.getValue()))
                    .containsEntry("Principal", "secretsmanager.amazonaws.com")
                    .containsEntry("Action", "lambda:InvokeFunction")
                    .containsKey("SourceAccount");
                assertThat(list(schedule.get("DependsOn"))).contains(p.getKey());
              });
    }
  }

  @Test
  void theRotationFunctionMayRunItsStepsOnThatSecretAndThatDistributionAndNothingElse() {
    PodiumStack stack = Synthesized.dev();
    String secret = TemplateJson.logicalId(stack.originSecret());
    String distribution = TemplateJson.logicalId(stack.cdn());
    String acl = dev.ofType("AWS::WAFv2::WebACL").keySet().iterator().next();
    Map<Set<String>, Object> granted = new LinkedHashMap<>();
    for (Map<String, Object> statement :
        statements(dev, stack, Routes.ROTATE_ORIGIN_SECRET.name())) {
      Set<String> actions = Set.copyOf(actions(statement));
      if (actions.stream().allMatch(a -> a.startsWith("logs:"))) {
        continue;
      }
      assertThat(statement.get("Effect")).isEqualTo("Allow");
      assertThat(list(statement.get("Resource"))).as(actions.toString()).hasSize(1);
      granted.put(actions, list(statement.get("Resource")).getFirst());
    }
    assertThat(granted.keySet())
        .containsExactlyInAnyOrder(
            Set.copyOf(PodiumStack.ROTATION_SECRET_ACTIONS),
            Set.copyOf(PodiumStack.ROTATION_DISTRIBUTION_ACTIONS),
            Set.of("wafv2:GetWebACL"));
    assertThat(referencedId(granted.get(Set.copyOf(PodiumStack.ROTATION_SECRET_ACTIONS))))
        .isEqualTo(secret);
    assertThat(String.valueOf(granted.get(Set.copyOf(PodiumStack.ROTATION_DISTRIBUTION_ACTIONS))))
        .contains(":distribution/")
        .contains("{Ref=" + distribution + "}");
    assertThat(referencedId(granted.get(Set.of("wafv2:GetWebACL")))).isEqualTo(acl);
    Map<String, Object> env =
        map(
            map(dev.properties(
                        TemplateJson.logicalId(stack.function(Routes.ROTATE_ORIGIN_SECRET.name())))
                    .get("Environment"))
                .get("Variables"));
    assertThat(referencedId(env.get(RotateOriginSecretHandler.DISTRIBUTION_ID_ENV)))
        .isEqualTo(distribution);
  }

  @Test
  void theFunctionsThatCheckTheOriginMayOnlyGetTheOriginSecretsValueAndNoOtherFunctionMay() {
    PodiumStack stack = Synthesized.dev();
    String secret = TemplateJson.logicalId(stack.originSecret());
    for (Routes.Function function : Routes.FUNCTIONS) {
      List<Map<String, Object>> onSecret =
          statements(dev, stack, function.name()).stream()
              .filter(
                  s ->
                      list(s.get("Resource")).stream()
                          .anyMatch(r -> secret.equals(referencedId(r))))
              .toList();
      if (function.equals(Routes.ROTATE_ORIGIN_SECRET)) {
        continue;
      }
      if (function.grants().readsOriginSecret()) {
        assertThat(onSecret)
            .as(function.name())
            .singleElement()
            .satisfies(
                s -> {
                  assertThat(actions(s)).containsExactly("secretsmanager:GetSecretValue");
                  assertThat(list(s.get("Resource"))).hasSize(1);
                });
      } else {
        assertThat(onSecret).as(function.name()).isEmpty();
      }
    }
    assertThat(Routes.AUTHORIZER.grants().readsOriginSecret()).isTrue();
  }

  // ------------------------------------------------------------------------------ execute-api
  // endpoint

  @Test
  void theExecuteApiEndpointIsTurnedOffOnlyWhenCloudFrontCallsTheApisOwnDomain() {
    Map<String, Object> devApi =
        properties(dev.ofType("AWS::ApiGatewayV2::Api").values().iterator().next());
    assertThat(devApi.getOrDefault("DisableExecuteApiEndpoint", false)).isEqualTo(false);
    assertThat(dev.ofType("AWS::ApiGatewayV2::DomainName")).isEmpty();
    assertThat(String.valueOf(originDomain(dev))).contains("execute-api");

    Map<String, Object> api =
        properties(edge.ofType("AWS::ApiGatewayV2::Api").values().iterator().next());
    assertThat(api).containsEntry("DisableExecuteApiEndpoint", true);
    var domains = edge.ofType("AWS::ApiGatewayV2::DomainName");
    assertThat(domains).hasSize(1);
    Map<String, Object> domain = properties(domains.values().iterator().next());
    assertThat(domain).containsEntry("DomainName", "api-origin.example.org");
    assertThat(map(list(domain.get("DomainNameConfigurations")).getFirst()))
        .containsEntry("CertificateArn", Synthesized.EDGE_CONTEXT.get("originCertificateArn"));
    var mappingResource = edge.ofType("AWS::ApiGatewayV2::ApiMapping").values().iterator().next();
    Map<String, Object> mapping = properties(mappingResource);
    assertThat(referencedId(mapping.get("DomainName")))
        .as(mappingResource.toString())
        .isEqualTo(domains.keySet().iterator().next());
    assertThat(mapping.get("Stage")).as(mappingResource.toString()).isEqualTo("$default");
    assertThat(list(mappingResource.get("DependsOn")))
        .as("created after the stage it maps")
        .contains(edge.ofType("AWS::ApiGatewayV2::Stage").keySet().iterator().next());
    assertThat(originDomain(edge)).isEqualTo("api-origin.example.org");
    assertThat(edge.output("OriginDomainTarget").get("Value").toString())
        .contains("RegionalDomainName");
  }

  // -------------------------------------------------------------------------------------------
  // region

  @Test
  void anEnvironmentAgnosticStackCarriesARuleThatRefusesToDeployOutsideUsEast1() {
    Map<String, Object> rule = map(dev.rules().get("WebAclRegion"));
    Map<String, Object> assertion = map(list(rule.get("Assertions")).getFirst());
    assertThat(assertion.get("Assert"))
        .isEqualTo(Map.of("Fn::Equals", List.of(Map.of("Ref", "AWS::Region"), "us-east-1")));
    assertThat(assertion.get("AssertDescription").toString()).contains("us-east-1");
  }

  @Test
  void aStackForAnotherRegionIsRefusedAtSynthAndOneForUsEast1NeedsNoRule() {
    assertThatThrownBy(() -> Synthesized.build("dev", Set.of(), Map.of(), inRegion("eu-west-1")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("deploys to us-east-1, not eu-west-1");
    PodiumStack east = Synthesized.build("dev", Set.of(), Map.of(), inRegion("us-east-1"));
    assertThat(east.getNode().findAll()).noneMatch(c -> c instanceof CfnRule);
    assertThat(east.webAcl().getScope()).isEqualTo("CLOUDFRONT");
  }

  // -------------------------------------------------------------------------------------------
  // helpers

  private static StackProps inRegion(String region) {
    return StackProps.builder()
        .env(Environment.builder().account("123456789012").region(region).build())
        .build();
  }

  private static Map<String, Object> distributionConfig(TemplateJson template) {
    return map(
        properties(template.ofType("AWS::CloudFront::Distribution").values().iterator().next())
            .get("DistributionConfig"));
  }

  private static Object originDomain(TemplateJson template) {
    return map(list(distributionConfig(template).get("Origins")).getFirst()).get("DomainName");
  }

  /** Rule name to rule, in the web ACL's order of priority. */
  private static Map<String, Map<String, Object>> rules(TemplateJson template) {
    Map<String, Object> acl =
        properties(template.ofType("AWS::WAFv2::WebACL").values().iterator().next());
    List<Map<String, Object>> rules =
        new ArrayList<>(list(acl.get("Rules")).stream().map(TemplateJson::map).toList());
    rules.sort(
        (a, b) ->
            Integer.compare(
                ((Number) a.get("Priority")).intValue(), ((Number) b.get("Priority")).intValue()));
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    rules.forEach(r -> byName.put((String) r.get("Name"), r));
    return byName;
  }

  /** The statement a NotStatement negates. */
  private static Map<String, Object> negated(Object statement) {
    return map(map(map(statement).get("NotStatement")).get("Statement"));
  }

  private static Map<String, Object> rateStatement(Map<String, Object> rule) {
    return map(map(rule.get("Statement")).get("RateBasedStatement"));
  }

  private static String rotationAlias(TemplateJson template, PodiumStack stack) {
    String function = TemplateJson.logicalId(stack.function(Routes.ROTATE_ORIGIN_SECRET.name()));
    return template.ofType("AWS::Lambda::Alias").entrySet().stream()
        .filter(a -> function.equals(referencedId(properties(a.getValue()).get("FunctionName"))))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElseThrow();
  }

  private static List<Map<String, Object>> statements(
      TemplateJson template, PodiumStack stack, String name) {
    String role =
        referencedId(template.properties(TemplateJson.logicalId(stack.function(name))).get("Role"));
    List<Map<String, Object>> statements = new ArrayList<>();
    template.ofType("AWS::IAM::Policy").values().stream()
        .filter(
            p ->
                list(properties(p).get("Roles")).stream()
                    .anyMatch(r -> role.equals(referencedId(r))))
        .forEach(
            p ->
                list(map(properties(p).get("PolicyDocument")).get("Statement"))
                    .forEach(s -> statements.add(map(s))));
    return statements;
  }

  private static List<String> actions(Map<String, Object> statement) {
    return list(statement.get("Action")).stream().map(Object::toString).toList();
  }
}
