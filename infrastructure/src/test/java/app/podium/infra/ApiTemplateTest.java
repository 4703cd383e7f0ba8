package app.podium.infra;

import static app.podium.infra.TemplateJson.list;
import static app.podium.infra.TemplateJson.map;
import static app.podium.infra.TemplateJson.properties;
import static app.podium.infra.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import app.podium.http.Route;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ApiTemplateTest {
  private static TemplateJson template;

  @BeforeAll
  static void synthesize() {
    template = Synthesized.devJson();
  }

  @Test
  void everyRouteOfTheRouteTableAndNoOtherBesideTheDefaultRoute() {
    Map<String, Map<String, Object>> routes = routes();
    assertThat(routes.remove("$default")).isNotNull();
    assertThat(routes.keySet())
        .containsExactlyInAnyOrderElementsOf(Routes.ALL.stream().map(Route<?>::key).toList());
  }

  /** Mastodon's 404 body for an unknown path, not API Gateway's {@code {"message":"Not Found"}}. */
  @Test
  void whatNoRouteServesGoesToTheNotFoundFunctionWithoutTheAuthorizer() {
    Map<String, Object> route = routes().get("$default");
    assertThat(route.get("AuthorizationType")).isEqualTo("NONE");
    // "integrations/<id>", joined from the integration's Ref
    String integrationId =
        referencedId(list(list(map(route.get("Target")).get("Fn::Join")).get(1)).get(1));
    Map<String, Object> integration =
        properties(template.ofType("AWS::ApiGatewayV2::Integration").get(integrationId));
    Map<String, Object> alias =
        properties(
            template
                .ofType("AWS::Lambda::Alias")
                .get(referencedId(integration.get("IntegrationUri"))));
    assertThat(referencedId(alias.get("FunctionName")))
        .isEqualTo(TemplateJson.logicalId(Synthesized.dev().function(Routes.NOT_FOUND.name())));
  }

  /**
   * Mastodon.py asks {@code GET /api/v1/instance/}: one viewer-request function drops the trailing
   * slash before the origin (one resource, where twin route keys would cost three a route).
   */
  @Test
  void cloudFrontDropsOneTrailingSlashBeforeTheApiSeesThePath() throws Exception {
    var functions = template.ofType("AWS::CloudFront::Function");
    assertThat(functions).hasSize(1);
    Map<String, Object> function = properties(functions.values().iterator().next());
    assertThat(map(function.get("FunctionConfig"))).containsEntry("Runtime", "cloudfront-js-2.0");
    try (var in = PodiumStack.class.getResourceAsStream(PodiumStack.TRAILING_SLASH_FUNCTION)) {
      assertThat(function.get("FunctionCode"))
          .isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
    }
    Map<String, Object> association =
        map(
            list(map(distributionConfig().get("DefaultCacheBehavior")).get("FunctionAssociations"))
                .getFirst());
    assertThat(association.get("EventType")).isEqualTo("viewer-request");
    assertThat(association.get("FunctionARN"))
        .isEqualTo(
            Map.of(
                "Fn::GetAtt",
                java.util.List.of(functions.keySet().iterator().next(), "FunctionARN")));
  }

  @Test
  void theAuthorizerGuardsEveryNonPublicRouteAndNoPublicOne() {
    String authorizerId =
        template.ofType("AWS::ApiGatewayV2::Authorizer").keySet().iterator().next();
    Map<String, Map<String, Object>> routes = routes();
    for (Route<?> route : Routes.ALL) {
      Map<String, Object> properties = routes.get(route.key());
      if (route.access().needsAuthorizer()) {
        assertThat(properties.get("AuthorizationType")).as(route.key()).isEqualTo("CUSTOM");
        assertThat(referencedId(properties.get("AuthorizerId")))
            .as(route.key())
            .isEqualTo(authorizerId);
      } else {
        assertThat(properties.get("AuthorizationType")).as(route.key()).isEqualTo("NONE");
        assertThat(properties).as(route.key()).doesNotContainKey("AuthorizerId");
      }
    }
  }

  @Test
  void browserClientsGetCorsWithThePagingAndRateLimitHeadersExposed() {
    Map<String, Object> api =
        properties(template.ofType("AWS::ApiGatewayV2::Api").values().iterator().next());
    Map<String, Object> cors = map(api.get("CorsConfiguration"));
    assertThat(list(cors.get("AllowOrigins"))).containsExactly("*");
    assertThat(list(cors.get("ExposeHeaders"))).contains("Link", "X-RateLimit-Remaining");
  }

  @Test
  void theAuthorizerHasSimpleResponsesNoIdentitySourceAndNoCache() {
    var authorizers = template.ofType("AWS::ApiGatewayV2::Authorizer").values();
    assertThat(authorizers).hasSize(1);
    Map<String, Object> properties = properties(authorizers.iterator().next());
    assertThat(properties)
        .containsEntry("AuthorizerType", "REQUEST")
        .containsEntry("EnableSimpleResponses", true)
        .containsEntry("AuthorizerPayloadFormatVersion", "2.0")
        .containsEntry("AuthorizerResultTtlInSeconds", 0)
        // without it API Gateway calls the authorizer even when no Authorization header came
        .doesNotContainKey("IdentitySource");
  }

  @Test
  void theDefaultStageDeploysItselfThrottlesAndLogsAccess() {
    var stages = template.ofType("AWS::ApiGatewayV2::Stage").values();
    assertThat(stages).hasSize(1);
    Map<String, Object> stage = properties(stages.iterator().next());
    assertThat(stage).containsEntry("StageName", "$default").containsEntry("AutoDeploy", true);
    assertThat(map(stage.get("DefaultRouteSettings")))
        .containsEntry("ThrottlingRateLimit", 500)
        .containsEntry("ThrottlingBurstLimit", 1000);
    assertThat(map(stage.get("AccessLogSettings")).get("Format").toString())
        .contains("$context.routeKey");
  }

  @Test
  void cloudFrontAddsTheOriginSecretFromSecretsManager() {
    Map<String, Object> config = distributionConfig();
    Map<String, Object> origin = map(list(config.get("Origins")).getFirst());
    var header = map(list(origin.get("OriginCustomHeaders")).getFirst());
    assertThat(header.get("HeaderName")).isEqualTo(PodiumStack.ORIGIN_HEADER);
    assertThat(header.get("HeaderValue").toString()).contains("resolve:secretsmanager");
    assertThat(map(origin.get("CustomOriginConfig")).get("OriginProtocolPolicy"))
        .isEqualTo("https-only");
  }

  @Test
  void cloudFrontForwardsTheViewerHeadersTheApiReadsAndAllQueryStrings() {
    Map<String, Object> policy =
        map(
            properties(
                    template
                        .ofType("AWS::CloudFront::OriginRequestPolicy")
                        .values()
                        .iterator()
                        .next())
                .get("OriginRequestPolicyConfig"));
    Map<String, Object> headers = map(policy.get("HeadersConfig"));
    assertThat(headers.get("HeaderBehavior")).isEqualTo("whitelist");
    assertThat(list(headers.get("Headers")))
        .contains(
            "CloudFront-Viewer-Country",
            "CloudFront-Viewer-Address",
            "Content-Type",
            "Idempotency-Key",
            "Sec-Fetch-Site")
        .doesNotContain("Host");
    assertThat(map(policy.get("QueryStringsConfig")).get("QueryStringBehavior")).isEqualTo("all");
    // the pages' session and CSRF cookies reach the functions, and no other cookie does
    assertThat(map(policy.get("CookiesConfig")))
        .isEqualTo(
            Map.of(
                "CookieBehavior",
                "whitelist",
                "Cookies",
                java.util.List.of("_podium_session", "_podium_csrf")));
  }

  @Test
  void cloudFrontForwardsAuthorizationThroughACachePolicyThatCachesNothing() {
    Map<String, Object> policy =
        map(
            properties(template.ofType("AWS::CloudFront::CachePolicy").values().iterator().next())
                .get("CachePolicyConfig"));
    assertThat(policy)
        .containsEntry("DefaultTTL", 0)
        .containsEntry("MinTTL", 0)
        .containsEntry("MaxTTL", 1);
    Map<String, Object> key = map(policy.get("ParametersInCacheKeyAndForwardedToOrigin"));
    assertThat(map(key.get("HeadersConfig")))
        .isEqualTo(
            Map.of("HeaderBehavior", "whitelist", "Headers", java.util.List.of("Authorization")));
    assertThat(map(key.get("QueryStringsConfig")).get("QueryStringBehavior")).isEqualTo("all");
    Map<String, Object> behavior = map(distributionConfig().get("DefaultCacheBehavior"));
    assertThat(behavior.get("ViewerProtocolPolicy")).isEqualTo("https-only");
    assertThat(list(behavior.get("AllowedMethods"))).contains("POST", "PATCH", "DELETE");
  }

  private static Map<String, Object> distributionConfig() {
    var distributions = template.ofType("AWS::CloudFront::Distribution").values();
    assertThat(distributions).hasSize(1);
    return map(properties(distributions.iterator().next()).get("DistributionConfig"));
  }

  /** Route key to the route's properties. */
  private static Map<String, Map<String, Object>> routes() {
    Map<String, Map<String, Object>> routes = new HashMap<>();
    template.ofType("AWS::ApiGatewayV2::Route").values().stream()
        .map(TemplateJson::properties)
        .forEach(
            p ->
                assertThat(routes.put(p.get("RouteKey").toString(), p))
                    .as("duplicate route")
                    .isNull());
    return routes.entrySet().stream()
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
