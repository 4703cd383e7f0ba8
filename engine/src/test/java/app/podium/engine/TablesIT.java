package app.podium.engine;

import static app.podium.engine.Clients.attribute;
import static app.podium.engine.Clients.hash;
import static app.podium.engine.Clients.range;
import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.ListTablesResponse;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** CreateTable, DescribeTable, ListTables, UpdateTable, the TTL operations and DeleteTable. */
class TablesIT {
  Engine engine;
  DynamoDbClient client;

  @BeforeEach
  void start() {
    engine = Engine.start(Engine.Options.defaults());
    client = Clients.of(engine);
  }

  @AfterEach
  void stop() {
    client.close();
    engine.close();
  }

  @Test
  void aTableIsDescribedAsCreatedWithItsIndexes() {
    client.createTable(
        r ->
            r.tableName("posts")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("pk", ScalarAttributeType.S),
                    attribute("sk", ScalarAttributeType.N),
                    attribute("author", ScalarAttributeType.S),
                    attribute("at", ScalarAttributeType.N))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by_author")
                            .keySchema(hash("author"), range("sk"))
                            .projection(
                                p ->
                                    p.projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes("text")))
                .localSecondaryIndexes(
                    l ->
                        l.indexName("by_at")
                            .keySchema(hash("pk"), range("at"))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
    client.putItem(
        r ->
            r.tableName("posts")
                .item(Map.of("pk", s("p"), "sk", Clients.n("1"), "author", s("a"))));

    TableDescription table = client.describeTable(r -> r.tableName("posts")).table();

    assertThat(table.tableStatusAsString()).isEqualTo("ACTIVE");
    assertThat(table.keySchema()).containsExactly(hash("pk"), range("sk"));
    assertThat(table.billingModeSummary().billingMode()).isEqualTo(BillingMode.PAY_PER_REQUEST);
    assertThat(table.itemCount()).isEqualTo(1);
    assertThat(table.globalSecondaryIndexes())
        .singleElement()
        .satisfies(
            index -> {
              assertThat(index.indexName()).isEqualTo("by_author");
              assertThat(index.projection().nonKeyAttributes()).containsExactly("text");
              assertThat(index.itemCount()).isEqualTo(1);
            });
    assertThat(table.localSecondaryIndexes())
        .singleElement()
        .satisfies(index -> assertThat(index.indexName()).isEqualTo("by_at"));
  }

  @Test
  void keysMustBeDefinedAndDefinitionsUsed() {
    assertThatThrownBy(
            () ->
                client.createTable(
                    r ->
                        r.tableName("bad")
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(
                                attribute("pk", ScalarAttributeType.S),
                                attribute("extra", ScalarAttributeType.S))
                            .keySchema(hash("pk"))))
        .isInstanceOf(DynamoDbException.class)
        .hasMessageContaining("Number of attributes in KeySchema does not exactly match");
    assertThatThrownBy(
            () ->
                client.createTable(
                    r ->
                        r.tableName("bad")
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(attribute("pk", ScalarAttributeType.S))
                            .keySchema(hash("id"))))
        .hasMessageContaining("Some index key attributes are not defined in AttributeDefinitions");
  }

  @Test
  void listTablesPagesInNameOrder() {
    for (String name : List.of("ccc", "aaa", "bbb", "ddd", "eee")) {
      Clients.createTable(client, name, false);
    }
    List<String> seen = new ArrayList<>();
    String start = null;
    int pages = 0;
    do {
      String from = start;
      ListTablesResponse page = client.listTables(r -> r.limit(2).exclusiveStartTableName(from));
      seen.addAll(page.tableNames());
      start = page.lastEvaluatedTableName();
      pages++;
    } while (start != null);
    assertThat(seen).containsExactly("aaa", "bbb", "ccc", "ddd", "eee");
    assertThat(pages).isEqualTo(3);
  }

  @Test
  void aGlobalIndexAddedLaterIsFilledFromTheItemsAndCanBeRemoved() {
    Clients.createTable(client, "follows", true);
    for (int i = 0; i < 30; i++) {
      int n = i;
      client.putItem(
          r ->
              r.tableName("follows")
                  .item(
                      Map.of(
                          "pk",
                          s("f" + n),
                          "sk",
                          Clients.n("1"),
                          "followee",
                          s(n % 3 == 0 ? "star" : "other"))));
    }
    client.updateTable(
        r ->
            r.tableName("follows")
                .attributeDefinitions(attribute("followee", ScalarAttributeType.S))
                .globalSecondaryIndexUpdates(
                    u ->
                        u.create(
                            c ->
                                c.indexName("by_followee")
                                    .keySchema(hash("followee"))
                                    .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY)))));

    assertThat(
            client
                .query(
                    r ->
                        r.tableName("follows")
                            .indexName("by_followee")
                            .keyConditionExpression("followee = :f")
                            .expressionAttributeValues(Map.of(":f", s("star"))))
                .count())
        .isEqualTo(10);

    client.updateTable(
        r ->
            r.tableName("follows")
                .globalSecondaryIndexUpdates(u -> u.delete(d -> d.indexName("by_followee"))));
    TableDescription table = client.describeTable(r -> r.tableName("follows")).table();
    assertThat(table.globalSecondaryIndexes()).isEmpty();
    assertThat(table.attributeDefinitions())
        .extracting(a -> a.attributeName())
        .containsExactlyInAnyOrder("pk", "sk");
    assertThatThrownBy(
            () ->
                client.query(
                    r ->
                        r.tableName("follows")
                            .indexName("by_followee")
                            .keyConditionExpression("followee = :f")
                            .expressionAttributeValues(Map.of(":f", s("star")))))
        .hasMessageContaining("The table does not have the specified index: by_followee");
  }

  @Test
  void timeToLiveIsEnabledOnceAndDescribed() {
    Clients.createTable(client, "timelines", false);
    assertThat(
            client
                .describeTimeToLive(r -> r.tableName("timelines"))
                .timeToLiveDescription()
                .timeToLiveStatus())
        .isEqualTo(TimeToLiveStatus.DISABLED);

    client.updateTimeToLive(
        r ->
            r.tableName("timelines")
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));

    var description =
        client.describeTimeToLive(r -> r.tableName("timelines")).timeToLiveDescription();
    assertThat(description.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
    assertThat(description.attributeName()).isEqualTo("expires");
    assertThatThrownBy(
            () ->
                client.updateTimeToLive(
                    r ->
                        r.tableName("timelines")
                            .timeToLiveSpecification(
                                t -> t.attributeName("expires").enabled(true))))
        .hasMessageContaining("TimeToLive is already enabled");
    assertThatThrownBy(
            () ->
                client.updateTimeToLive(
                    r ->
                        r.tableName("timelines")
                            .timeToLiveSpecification(t -> t.attributeName("other").enabled(true))))
        .hasMessageContaining("TimeToLive is active on a different " + "AttributeName");
  }

  @Test
  void aDeletedTableIsGone() {
    Clients.createTable(client, "gone", false);
    client.putItem(r -> r.tableName("gone").item(Map.of("pk", s("x"))));

    client.deleteTable(r -> r.tableName("gone"));

    assertThatThrownBy(() -> client.getItem(r -> r.tableName("gone").key(Map.of("pk", s("x")))))
        .isInstanceOf(ResourceNotFoundException.class);
    assertThat(client.listTables().tableNames()).doesNotContain("gone");
    Clients.createTable(client, "gone", false);
    assertThat(client.getItem(r -> r.tableName("gone").key(Map.of("pk", s("x")))).hasItem())
        .isFalse();
  }

  @Test
  void describedIndexesMatchTheirDefinitions() {
    client.createTable(
        r ->
            r.tableName("indexed")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.B))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by_g")
                            .keySchema(hash("g"))
                            .projection(p -> p.projectionType(ProjectionType.ALL))));
    GlobalSecondaryIndexDescription index =
        client
            .describeTable(r -> r.tableName("indexed"))
            .table()
            .globalSecondaryIndexes()
            .getFirst();
    assertThat(index.keySchema()).containsExactly(hash("g"));
    assertThat(index.projection().projectionType()).isEqualTo(ProjectionType.ALL);
    assertThat(index.indexStatusAsString()).isEqualTo("ACTIVE");
  }
}
