package app.podium.infra;

import static app.podium.infra.TemplateJson.map;
import static app.podium.infra.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.http.RotatingOriginSecrets;
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
  void oneFunctionPerRoutePlusTheAuthorizerTheFanoutTheAdminBootstrapAndTheOriginSecretsRotation() {
    assertThat(template.ofType("AWS::Lambda::Function")).hasSize(Routes.ALL.size() + 4);
    for (Class<?> handler : Grants.deployedHandlers()) {
      Map<String, Object> properties = functionProperties(handler);
      assertThat(properties.get("Handler")).isEqualTo(handler.getName() + "::handleRequest");
      assertThat(properties.get("Runtime")).as(handler.getSimpleName()).isEqualTo("java21");
      assertThat(properties.get("Architectures")).as(handler.getSimpleName()).isEqualTo(java.util.List.of("arm64"));
    }
  }

  @Test
  void everyFunctionHasSnapStartOnPublishedVersionsAndALiveAliasOnItsCurrentVersion() {
    for (Class<?> handler : Grants.deployedHandlers()) {
      String functionId = TemplateJson.logicalId(stack.function(handler));
      assertThat(functionProperties(handler).get("SnapStart")).as(handler.getSimpleName())
          .isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
      var versions = template.ofType("AWS::Lambda::Version").entrySet().stream()
          .filter(v -> functionId.equals(referencedId(TemplateJson.properties(v.getValue()).get("FunctionName"))))
          .map(Map.Entry::getKey).toList();
      assertThat(versions).as(handler.getSimpleName()).hasSize(1);
      var aliases = template.ofType("AWS::Lambda::Alias").values().stream().map(TemplateJson::properties)
          .filter(a -> functionId.equals(referencedId(a.get("FunctionName")))).toList();
      assertThat(aliases).as(handler.getSimpleName()).hasSize(1);
      assertThat(aliases.getFirst().get("Name")).isEqualTo(PodiumStack.ALIAS);
      assertThat(referencedId(aliases.getFirst().get("FunctionVersion"))).isEqualTo(versions.getFirst());
    }
  }

  @Test
  void apiGatewayInvokesTheLiveAliasNeverTheUnpublishedFunction() {
    var aliasIds = template.ofType("AWS::Lambda::Alias").keySet();
    var integrations = template.ofType("AWS::ApiGatewayV2::Integration").values();
    assertThat(integrations).hasSize(Routes.ALL.size());
    for (var integration : integrations) {
      assertThat(referencedId(TemplateJson.properties(integration).get("IntegrationUri"))).isIn(aliasIds);
    }
    String authorizerUri = template.ofType("AWS::ApiGatewayV2::Authorizer").values().stream()
        .map(a -> TemplateJson.properties(a).get("AuthorizerUri").toString()).findFirst().orElseThrow();
    assertThat(authorizerUri).contains(TemplateJson.logicalId(stack.getNode().findChild("AuthorizeRequestLive")));
  }

  @Test
  void theFanoutGetsMoreMemoryAndTimeThanAnApiFunction() {
    Map<String, Object> fanout = functionProperties(FanoutHandler.class);
    Map<String, Object> api = functionProperties(app.podium.api.GetAccountHandler.class);
    assertThat(((Number) fanout.get("Timeout")).intValue()).isGreaterThan(((Number) api.get("Timeout")).intValue());
    assertThat(((Number) fanout.get("MemorySize")).intValue())
        .isGreaterThan(((Number) api.get("MemorySize")).intValue());
  }

  @Test
  void everyFunctionWritesToItsOwnLogGroupWithRetention() {
    for (Class<?> handler : Grants.deployedHandlers()) {
      Object logGroup = map(functionProperties(handler).get("LoggingConfig")).get("LogGroup");
      var group = template.resource(referencedId(logGroup));
      assertThat(group.get("Type")).isEqualTo("AWS::Logs::LogGroup");
      assertThat(TemplateJson.properties(group).get("RetentionInDays")).isEqualTo(14);
    }
  }

  @Test
  void resourceLocationsAreSetOnlyWhereTheFunctionHasTheGrant() {
    for (Class<?> handler : Grants.deployedHandlers()) {
      Grants.Needs needs = Grants.of(handler);
      Map<String, Object> env = environment(handler);
      String name = handler.getSimpleName();
      assertThat(env.containsKey("TABLE_PREFIX")).as(name).isEqualTo(!needs.tables().isEmpty());
      assertThat(env.containsKey("POST_EVENTS_TOPIC_ARN")).as(name).isEqualTo(needs.publishesPostEvents());
      assertThat(env.containsKey("FANOUT_QUEUE_URL")).as(name).isEqualTo(needs.sendsToFanoutQueue());
      if (env.containsKey("TABLE_PREFIX")) {
        assertThat(env.get("TABLE_PREFIX")).isEqualTo("podium-dev-");
      }
    }
  }

  @Test
  void routeFunctionsAndTheAuthorizerGetTheOriginSecretsArnNeverItsValueAndAllGetTheSettings() {
    String secretId = TemplateJson.logicalId(stack.originSecret());
    for (Class<?> handler : Grants.deployedHandlers()) {
      Map<String, Object> env = environment(handler);
      boolean checksOrigin = Grants.of(handler).readsOriginSecret();
      assertThat(env).as(handler.getSimpleName()).doesNotContainKey("ORIGIN_SECRET");
      assertThat(env.values()).as(handler.getSimpleName())
          .noneMatch(v -> String.valueOf(v).contains("resolve:secretsmanager"));
      assertThat(env.containsKey(RotatingOriginSecrets.ARN_ENV)).as(handler.getSimpleName()).isEqualTo(checksOrigin);
      if (checksOrigin) {
        assertThat(referencedId(env.get(RotatingOriginSecrets.ARN_ENV))).isEqualTo(secretId);
      }
      assertThat(env).containsEntry("POWERTOOLS_SERVICE_NAME", "podium")
          .containsEntry("ALLOWED_COUNTRIES", "US,CA")
          .containsEntry("SIGNUP_MODE", "invite_only")
          .containsKey("PUBLIC_URL");
    }
    assertThat(environment(Routes.AUTHORIZER)).containsKey(RotatingOriginSecrets.ARN_ENV);
  }

  private static Map<String, Object> functionProperties(Class<?> handler) {
    return template.properties(TemplateJson.logicalId(stack.function(handler)));
  }

  private static Map<String, Object> environment(Class<?> handler) {
    return map(map(functionProperties(handler).get("Environment")).get("Variables"));
  }
}
