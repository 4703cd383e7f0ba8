package app.podium.infra;

import static app.podium.infra.TemplateJson.list;
import static app.podium.infra.TemplateJson.map;
import static app.podium.infra.TemplateJson.properties;
import static app.podium.infra.TemplateJson.referencedId;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Grants;
import app.podium.Routes;
import app.podium.Tables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads each function's policy back out of the template and holds it against its declared {@link
 * Grants}.
 */
class IamTemplateTest {
  private static TemplateJson template;
  private static PodiumStack stack;

  /** Table logical id to its definition. */
  private static final Map<String, Tables.Table> TABLE_IDS = new LinkedHashMap<>();

  @BeforeAll
  static void synthesize() {
    stack = Synthesized.dev();
    template = Synthesized.devJson();
    stack
        .tables()
        .forEach((table, construct) -> TABLE_IDS.put(TemplateJson.logicalId(construct), table));
  }

  @Test
  void getHomeTimelineReadsButWritesNoTable() {
    // the most frequent request writes nothing: the reader's activity mark goes through the fan-out
    // queue
    Map<String, Set<String>> tables = dynamoDbActions("GetHomeTimeline");
    Set<String> reads =
        Set.of(
            "dynamodb:GetItem",
            "dynamodb:BatchGetItem",
            "dynamodb:Query",
            "dynamodb:ConditionCheckItem");
    assertThat(tables.get("posts")).containsExactlyInAnyOrderElementsOf(reads);
    assertThat(tables.get("timelines")).contains("dynamodb:Query");
    assertThat(tables.get("accounts")).contains("dynamodb:GetItem");
    tables.forEach((table, actions) -> assertThat(actions).as(table).isSubsetOf(reads));
    assertThat(tables).doesNotContainKeys("invites", "tokens", "apps", "unique_keys");
  }

  @Test
  void followingMayCheckForBlocksInItsTransactionButNotWriteThem() {
    Map<String, Set<String>> tables = dynamoDbActions("FollowAccount");
    assertThat(tables.get("blocks_mutes"))
        .contains("dynamodb:ConditionCheckItem", "dynamodb:BatchGetItem")
        .doesNotContain("dynamodb:PutItem", "dynamodb:DeleteItem");
  }

  @Test
  void createAccountCanSpendAnInviteAndClaimUsernames() {
    Map<String, Set<String>> tables = dynamoDbActions("CreateAccount");
    assertThat(tables.get("invites")).contains("dynamodb:UpdateItem", "dynamodb:GetItem");
    assertThat(tables.get("unique_keys"))
        .contains("dynamodb:PutItem")
        .doesNotContain("dynamodb:GetItem");
    assertThat(tables.get("tokens")).contains("dynamodb:PutItem");
  }

  @Test
  void getInstanceOnlyReadsTheStatisticsCounterShardsItsLogsAndTheOriginSecret() {
    assertThat(dynamoDbActions("GetInstance").keySet()).containsExactly("counter_shards");
    assertThat(dynamoDbActions("GetInstance").get("counter_shards"))
        .doesNotContain("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
    assertThat(statements("GetInstance"))
        .allSatisfy(
            s ->
                assertThat(actions(s))
                    .allMatch(
                        a ->
                            a.startsWith("logs:")
                                || a.startsWith("dynamodb:")
                                || a.equals("secretsmanager:GetSecretValue")));
  }

  @Test
  void onlyPostingAndDeletingMayPublishPostEvents() {
    for (Routes.Function function : Routes.FUNCTIONS) {
      boolean publishes =
          statements(function.name()).stream().anyMatch(s -> actions(s).contains("sns:Publish"));
      assertThat(publishes).as(function.name()).isEqualTo(function.grants().publishesPostEvents());
    }
    assertThat(Routes.function("PostStatus").grants().publishesPostEvents()).isTrue();
  }

  @Test
  void everyFunctionsTablePermissionsAreExactlyItsGrants() {
    for (Routes.Function function : Routes.FUNCTIONS) {
      Map<String, Set<String>> expected = new LinkedHashMap<>();
      function
          .grants()
          .tables()
          .forEach(
              (table, access) -> {
                Set<String> actions = new TreeSet<>();
                if (access.reads()) {
                  actions.addAll(PodiumStack.READ_ACTIONS);
                }
                if (access.writes()) {
                  actions.addAll(PodiumStack.WRITE_ACTIONS);
                }
                expected.put(table.name(), actions);
              });
      assertThat(dynamoDbActions(function.name())).as(function.name()).isEqualTo(expected);
    }
  }

  @Test
  void noStatementHasAWildcardActionOrResource() {
    for (var policy : template.ofType("AWS::IAM::Policy").entrySet()) {
      for (Map<String, Object> statement : statementsOf(policy.getValue())) {
        assertThat(actions(statement)).as(policy.getKey()).noneMatch(a -> a.contains("*"));
        for (Object resource : list(statement.get("Resource"))) {
          assertThat(String.valueOf(resource)).as(policy.getKey()).doesNotContain("*");
        }
      }
    }
  }

  @Test
  void aReadGrantNamesEachIndexItMayQuery() {
    List<Object> resources = new ArrayList<>();
    statements("GetHomeTimeline").stream()
        .filter(s -> list(s.get("Resource")).stream().anyMatch(r -> "follows".equals(tableOf(r))))
        .forEach(s -> resources.addAll(list(s.get("Resource"))));
    assertThat(resources.stream().map(String::valueOf))
        .anyMatch(r -> r.contains("/index/by_followee"))
        .anyMatch(r -> r.contains("/index/by_follower"));
  }

  /** Table name to the DynamoDB actions the function's policy allows on it (or on its indexes). */
  static Map<String, Set<String>> dynamoDbActions(String name) {
    Map<String, Set<String>> tables = new LinkedHashMap<>();
    for (Map<String, Object> statement : statements(name)) {
      List<String> actions =
          actions(statement).stream().filter(a -> a.startsWith("dynamodb:")).toList();
      if (actions.isEmpty()) {
        continue;
      }
      assertThat(statement.get("Effect")).isEqualTo("Allow");
      for (Object resource : list(statement.get("Resource"))) {
        String table = tableOf(resource);
        assertThat(table)
            .as("a DynamoDB resource that is no table of ours: " + resource)
            .isNotNull();
        tables.computeIfAbsent(table, t -> new TreeSet<>()).addAll(actions);
      }
    }
    return tables;
  }

  /** The table a resource ARN points at: its Arn, or its Arn joined with /index/NAME. */
  private static String tableOf(Object resource) {
    String id = referencedId(resource);
    if (id == null
        && resource instanceof Map<?, ?> m
        && m.get("Fn::Join") instanceof List<?> join) {
      id = referencedId(list(join.get(1)).getFirst());
    }
    Tables.Table table = TABLE_IDS.get(id);
    return table == null ? null : table.name();
  }

  private static List<Map<String, Object>> statements(String name) {
    String roleId =
        referencedId(template.properties(TemplateJson.logicalId(stack.function(name))).get("Role"));
    List<Map<String, Object>> statements = new ArrayList<>();
    template.ofType("AWS::IAM::Policy").values().stream()
        .filter(
            p ->
                list(properties(p).get("Roles")).stream()
                    .anyMatch(r -> roleId.equals(referencedId(r))))
        .forEach(p -> statements.addAll(statementsOf(p)));
    assertThat(template.properties(roleId)).doesNotContainKey("ManagedPolicyArns");
    return statements;
  }

  private static List<Map<String, Object>> statementsOf(Map<String, Object> policy) {
    return list(map(properties(policy).get("PolicyDocument")).get("Statement")).stream()
        .map(TemplateJson::map)
        .toList();
  }

  private static List<String> actions(Map<String, Object> statement) {
    return list(statement.get("Action")).stream().map(Object::toString).toList();
  }
}
