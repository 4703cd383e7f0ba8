package app.podium.infra;

import static app.podium.infra.TemplateJson.list;
import static app.podium.infra.TemplateJson.map;
import static app.podium.infra.TemplateJson.properties;
import static app.podium.infra.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import app.podium.shared.Variables;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The first admin: its generated secret, and a function that alone may read it and is behind no
 * route.
 */
class AdminTemplateTest {
  private static TemplateJson template;
  private static PodiumStack stack;
  private static String secretId;
  private static String functionId;

  @BeforeAll
  static void synthesize() {
    stack = Synthesized.dev();
    template = Synthesized.devJson();
    secretId = TemplateJson.logicalId(stack.adminSecret());
    functionId = TemplateJson.logicalId(stack.function(Routes.BOOTSTRAP_ADMIN.name()));
  }

  @Test
  void theSecretIsGeneratedWithUsernameEmailAndARandomPassword() throws Exception {
    Map<String, Object> secret = template.properties(secretId);
    assertThat(secret.get("Name")).isEqualTo("podium-dev-admin");
    Map<String, Object> generate = map(secret.get("GenerateSecretString"));
    assertThat(generate.get("GenerateStringKey")).isEqualTo("password");
    assertThat(
            new ObjectMapper().readValue((String) generate.get("SecretStringTemplate"), Map.class))
        .isEqualTo(Map.of("username", "admin", "email", "admin@" + Config.DEFAULT_ADMIN_DOMAIN));
    assertThat(secret).doesNotContainKey("SecretString");
  }

  @Test
  void onlyTheBootstrapFunctionMayReadTheSecretAndOnlyThatSecret() {
    String originSecretId = TemplateJson.logicalId(stack.originSecret());
    List<String> readers = new ArrayList<>();
    for (var policy : template.ofType("AWS::IAM::Policy").values()) {
      for (Object s : list(map(properties(policy).get("PolicyDocument")).get("Statement"))) {
        Map<String, Object> statement = map(s);
        List<String> actions =
            list(statement.get("Action")).stream().map(Object::toString).toList();
        // the origin secret's readers and its rotation: EdgeTemplateTest
        if (actions.stream().noneMatch(a -> a.startsWith("secretsmanager:"))
            || originSecretId.equals(referencedId(list(statement.get("Resource")).getFirst()))) {
          continue;
        }
        assertThat(actions)
            .contains("secretsmanager:GetSecretValue")
            .allMatch(
                a ->
                    a.equals("secretsmanager:GetSecretValue")
                        || a.equals("secretsmanager:DescribeSecret"));
        assertThat(list(statement.get("Resource")))
            .singleElement()
            .satisfies(r -> assertThat(referencedId(r)).isEqualTo(secretId));
        list(properties(policy).get("Roles")).forEach(r -> readers.add(referencedId(r)));
      }
    }
    assertThat(readers).containsExactly(referencedId(template.properties(functionId).get("Role")));
  }

  @Test
  void theFunctionFindsTheSecretThroughItsVariable() {
    Map<String, Object> variables =
        map(map(template.properties(functionId).get("Environment")).get("Variables"));
    assertThat(referencedId(variables.get(Variables.ADMIN_SECRET_ARN.name()))).isEqualTo(secretId);
    assertThat(variables).doesNotContainKey("ORIGIN_SECRET");
    assertThat(template.properties(functionId).get("FunctionName"))
        .isEqualTo("podium-dev-BootstrapAdmin");
    for (Routes.Function function : Routes.FUNCTIONS) {
      if (!function.equals(Routes.BOOTSTRAP_ADMIN)) {
        var env =
            map(
                map(template
                        .properties(TemplateJson.logicalId(stack.function(function.name())))
                        .get("Environment"))
                    .get("Variables"));
        assertThat(env).as(function.name()).doesNotContainKey(Variables.ADMIN_SECRET_ARN.name());
      }
    }
  }

  @Test
  void noRouteAndNoOtherServiceMayInvokeIt() {
    String alias =
        template.ofType("AWS::Lambda::Alias").entrySet().stream()
            .filter(
                a -> functionId.equals(referencedId(properties(a.getValue()).get("FunctionName"))))
            .map(Map.Entry::getKey)
            .findFirst()
            .orElseThrow();
    for (var integration : template.ofType("AWS::ApiGatewayV2::Integration").values()) {
      assertThat(referencedId(properties(integration).get("IntegrationUri")))
          .isNotIn(functionId, alias);
    }
    for (var permission : template.ofType("AWS::Lambda::Permission").values()) {
      assertThat(referencedId(properties(permission).get("FunctionName")))
          .isNotIn(functionId, alias);
    }
    assertThat(template.ofType("AWS::Lambda::EventSourceMapping").values())
        .noneMatch(
            m ->
                java.util.Arrays.asList(functionId, alias)
                    .contains(referencedId(properties(m).get("FunctionName"))));
  }
}
