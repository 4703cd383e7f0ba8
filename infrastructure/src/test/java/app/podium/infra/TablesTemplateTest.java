package app.podium.infra;

import static app.podium.infra.TemplateJson.list;
import static app.podium.infra.TemplateJson.map;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TablesTemplateTest {
  private static TemplateJson template;
  private static PodiumStack stack;

  @BeforeAll
  static void synthesize() {
    stack = Synthesized.dev();
    template = Synthesized.devJson();
  }

  @Test
  void theStackHasExactlyTheTablesOfTablesAll() {
    assertThat(template.ofType("AWS::DynamoDB::GlobalTable").values())
        .extracting(r -> TemplateJson.properties(r).get("TableName"))
        .containsExactlyInAnyOrderElementsOf(
            Tables.ALL.stream().map(t -> "podium-dev-" + t.name()).toList());
  }

  @Test
  void everyTableHasTheKeysOfItsDefinition() {
    for (Tables.Table table : Tables.ALL) {
      Map<String, Object> properties = propertiesOf(table);
      List<Map<String, String>> expected =
          new ArrayList<>(List.of(key(table.partitionKey().name(), "HASH")));
      table.sortKey().ifPresent(sort -> expected.add(key(sort.name(), "RANGE")));
      assertThat(properties.get("KeySchema")).as(table.name()).isEqualTo(expected);
    }
  }

  @Test
  void everyIndexHasTheKeysAndProjectionOfItsDefinition() {
    for (Tables.Table table : Tables.ALL) {
      Map<String, Object> expected = new LinkedHashMap<>();
      for (Tables.Index index : table.indexes()) {
        expected.put(
            index.name(),
            Map.of(
                "IndexName", index.name(),
                "KeySchema",
                    List.of(
                        key(index.partitionKey().name(), "HASH"),
                        key(index.sortKey().name(), "RANGE")),
                "Projection", Map.of("ProjectionType", index.projection().name())));
      }
      Map<String, Object> actual = new LinkedHashMap<>();
      list(propertiesOf(table).getOrDefault("GlobalSecondaryIndexes", List.of()))
          .forEach(index -> actual.put(map(index).get("IndexName").toString(), index));
      assertThat(actual).as(table.name()).isEqualTo(expected);
    }
  }

  @Test
  void everyKeyAttributeIsDeclaredWithItsType() {
    for (Tables.Table table : Tables.ALL) {
      Map<String, String> expected = new LinkedHashMap<>();
      List<Tables.Key> keys = new ArrayList<>(List.of(table.partitionKey()));
      table.sortKey().ifPresent(keys::add);
      table.indexes().forEach(i -> keys.addAll(List.of(i.partitionKey(), i.sortKey())));
      keys.forEach(
          k -> expected.put(k.name(), k.type() == Tables.AttributeType.STRING ? "S" : "N"));
      Map<String, String> actual = new LinkedHashMap<>();
      list(propertiesOf(table).get("AttributeDefinitions"))
          .forEach(
              a ->
                  actual.put(
                      map(a).get("AttributeName").toString(),
                      map(a).get("AttributeType").toString()));
      assertThat(actual).as(table.name()).isEqualTo(expected);
    }
  }

  @Test
  void ttlIsOnExactlyWhereTheDefinitionNamesAnAttribute() {
    for (Tables.Table table : Tables.ALL) {
      Object ttl = propertiesOf(table).get("TimeToLiveSpecification");
      if (table.ttlAttribute().isPresent()) {
        assertThat(ttl)
            .as(table.name())
            .isEqualTo(Map.of("AttributeName", table.ttlAttribute().get(), "Enabled", true));
      } else {
        assertThat(ttl).as(table.name()).isNull();
      }
    }
  }

  @Test
  void tablesAreOnDemandWithPointInTimeRecovery() {
    for (Tables.Table table : Tables.ALL) {
      Map<String, Object> properties = propertiesOf(table);
      assertThat(properties.get("BillingMode")).as(table.name()).isEqualTo("PAY_PER_REQUEST");
      Map<String, Object> replica = map(list(properties.get("Replicas")).getFirst());
      assertThat(replica.get("PointInTimeRecoverySpecification"))
          .as(table.name())
          .isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
    }
  }

  @Test
  void devTablesGoWithTheStack() {
    for (Tables.Table table : Tables.ALL) {
      Map<String, Object> resource =
          template.resource(TemplateJson.logicalId(stack.tables().get(table)));
      assertThat(resource.get("DeletionPolicy")).as(table.name()).isEqualTo("Delete");
      Map<String, Object> replica =
          map(list(TemplateJson.properties(resource).get("Replicas")).getFirst());
      assertThat(replica.get("DeletionProtectionEnabled")).as(table.name()).isEqualTo(false);
    }
  }

  private static Map<String, Object> propertiesOf(Tables.Table table) {
    return template.properties(TemplateJson.logicalId(stack.tables().get(table)));
  }

  private static Map<String, String> key(String name, String type) {
    return Map.of("AttributeName", name, "KeyType", type);
  }
}
