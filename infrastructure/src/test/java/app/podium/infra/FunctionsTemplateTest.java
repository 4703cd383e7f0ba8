package app.podium.infra;

import static app.podium.infra.TemplateJson.map;
import static app.podium.infra.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Grants;
import app.podium.RouteFunction;
import app.podium.Routes;
import app.podium.http.RotatingOriginSecrets;
import app.podium.http.Route;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FunctionsTemplateTest {
  private static TemplateJson template;
  private static PodiumStack stack;

  @BeforeAll
  static void synthesize() {
    stack = Synthesized.dev();
    template = Synthesized.devJson();
  }

  @Test
  void oneFunctionPerRoutePlusTheAuthorizerFanoutAdminBootstrapRotationAndNotFound() {
    assertThat(template.ofType("AWS::Lambda::Function")).hasSize(Routes.ALL.size() + 5);
    for (Routes.Function function : Routes.FUNCTIONS) {
      Map<String, Object> properties = functionProperties(function.name());
      assertThat(properties.get("Handler")).isEqualTo(function.handler() + "::handleRequest");
      // a route's function is told which route it serves
      assertThat(environment(function.name()).get(RouteFunction.ROUTE_ENV))
          .as(function.name())
          .isEqualTo(function.route().map(Route::key).orElse(null));
      assertThat(properties.get("Runtime")).as(function.name()).isEqualTo("java21");
      assertThat(properties.get("Architectures"))
          .as(function.name())
          .isEqualTo(java.util.List.of("arm64"));
    }
  }

  /**
   * Each function's code is the asset of its jar: the rotation's alone carries CloudFront's SDK.
   */
  @Test
  void theRotationsCodeIsItsOwnJarAndEveryOtherFunctionsTheFunctionsJar() {
    Map<Routes.Jar, java.util.Set<Object>> keys = new java.util.EnumMap<>(Routes.Jar.class);
    for (Routes.Function function : Routes.FUNCTIONS) {
      Object key = map(functionProperties(function.name()).get("Code")).get("S3Key");
      keys.computeIfAbsent(function.jar(), j -> new java.util.HashSet<>()).add(key);
    }
    assertThat(keys.get(Routes.Jar.FUNCTIONS)).hasSize(1);
    assertThat(keys.get(Routes.Jar.ROTATION))
        .hasSize(1)
        .doesNotContainAnyElementsOf(keys.get(Routes.Jar.FUNCTIONS));
  }

  @Test
  void everyFunctionHasSnapStartOnPublishedVersionsAndALiveAliasOnItsCurrentVersion() {
    for (Routes.Function function : Routes.FUNCTIONS) {
      String functionId = TemplateJson.logicalId(stack.function(function.name()));
      assertThat(functionProperties(function.name()).get("SnapStart"))
          .as(function.name())
          .isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
      var versions =
          template.ofType("AWS::Lambda::Version").entrySet().stream()
              .filter(
                  v ->
                      functionId.equals(
                          referencedId(TemplateJson.properties(v.getValue()).get("FunctionName"))))
              .map(Map.Entry::getKey)
              .toList();
      assertThat(versions).as(function.name()).hasSize(1);
      var aliases =
          template.ofType("AWS::Lambda::Alias").values().stream()
              .map(TemplateJson::properties)
              .filter(a -> functionId.equals(referencedId(a.get("FunctionName"))))
              .toList();
      assertThat(aliases).as(function.name()).hasSize(1);
      assertThat(aliases.getFirst().get("Name")).isEqualTo(PodiumStack.ALIAS);
      assertThat(referencedId(aliases.getFirst().get("FunctionVersion")))
          .isEqualTo(versions.getFirst());
    }
  }

  @Test
  void apiGatewayInvokesTheLiveAliasNeverTheUnpublishedFunction() {
    var aliasIds = template.ofType("AWS::Lambda::Alias").keySet();
    var integrations = template.ofType("AWS::ApiGatewayV2::Integration").values();
    // one a route, and the $default route's
    assertThat(integrations).hasSize(Routes.ALL.size() + 1);
    for (var integration : integrations) {
      assertThat(referencedId(TemplateJson.properties(integration).get("IntegrationUri")))
          .isIn(aliasIds);
    }
    String authorizerUri =
        template.ofType("AWS::ApiGatewayV2::Authorizer").values().stream()
            .map(a -> TemplateJson.properties(a).get("AuthorizerUri").toString())
            .findFirst()
            .orElseThrow();
    assertThat(authorizerUri)
        .contains(TemplateJson.logicalId(stack.getNode().findChild("AuthorizeRequestLive")));
  }

  @Test
  void theFanoutGetsMoreMemoryAndTimeThanAnApiFunction() {
    Map<String, Object> fanout = functionProperties(Routes.FANOUT.name());
    Map<String, Object> api = functionProperties("GetAccount");
    assertThat(((Number) fanout.get("Timeout")).intValue())
        .isGreaterThan(((Number) api.get("Timeout")).intValue());
    assertThat(((Number) fanout.get("MemorySize")).intValue())
        .isGreaterThan(((Number) api.get("MemorySize")).intValue());
  }

  @Test
  void everyFunctionWritesToItsOwnLogGroupWithRetention() {
    for (Routes.Function function : Routes.FUNCTIONS) {
      Object logGroup =
          map(functionProperties(function.name()).get("LoggingConfig")).get("LogGroup");
      var group = template.resource(referencedId(logGroup));
      assertThat(group.get("Type")).isEqualTo("AWS::Logs::LogGroup");
      assertThat(TemplateJson.properties(group).get("RetentionInDays")).isEqualTo(14);
    }
  }

  @Test
  void resourceLocationsAreSetOnlyWhereTheFunctionHasTheGrant() {
    for (Routes.Function function : Routes.FUNCTIONS) {
      Grants needs = function.grants();
      Map<String, Object> env = environment(function.name());
      String name = function.name();
      assertThat(env.containsKey("TABLE_PREFIX")).as(name).isEqualTo(!needs.tables().isEmpty());
      assertThat(env.containsKey("POST_EVENTS_TOPIC_ARN"))
          .as(name)
          .isEqualTo(needs.publishesPostEvents());
      assertThat(env.containsKey("FANOUT_QUEUE_URL"))
          .as(name)
          .isEqualTo(needs.sendsToFanoutQueue());
      if (env.containsKey("TABLE_PREFIX")) {
        assertThat(env.get("TABLE_PREFIX")).isEqualTo("podium-dev-");
      }
    }
  }

  @Test
  void routeFunctionsAndTheAuthorizerGetTheOriginSecretsArnNeverItsValueAndAllGetTheSettings() {
    String secretId = TemplateJson.logicalId(stack.originSecret());
    for (Routes.Function function : Routes.FUNCTIONS) {
      Map<String, Object> env = environment(function.name());
      boolean checksOrigin = function.grants().readsOriginSecret();
      assertThat(env).as(function.name()).doesNotContainKey("ORIGIN_SECRET");
      assertThat(env.values())
          .as(function.name())
          .noneMatch(v -> String.valueOf(v).contains("resolve:secretsmanager"));
      assertThat(env.containsKey(RotatingOriginSecrets.ARN_ENV))
          .as(function.name())
          .isEqualTo(checksOrigin);
      if (checksOrigin) {
        assertThat(referencedId(env.get(RotatingOriginSecrets.ARN_ENV))).isEqualTo(secretId);
      }
      assertThat(env)
          .containsEntry("POWERTOOLS_SERVICE_NAME", "podium")
          .containsEntry("ALLOWED_COUNTRIES", "US,CA")
          .containsEntry("SIGNUP_MODE", "invite_only")
          .containsKey("PUBLIC_URL");
    }
    assertThat(environment(Routes.AUTHORIZER.name())).containsKey(RotatingOriginSecrets.ARN_ENV);
  }

  private static Map<String, Object> functionProperties(String name) {
    return template.properties(TemplateJson.logicalId(stack.function(name)));
  }

  private static Map<String, Object> environment(String name) {
    return map(map(functionProperties(name).get("Environment")).get("Variables"));
  }
}
