package app.podium.engine;

import static app.podium.engine.Clients.attribute;
import static app.podium.engine.Clients.hash;
import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * ConsumedCapacity priced as DynamoDB prices it: 1 KB write units, 4 KB read units, half when
 * eventually consistent, double in a transaction.
 */
class CapacityIT {
  static Engine engine;
  static DynamoDbClient client;
  static final String KB = "x".repeat(1024);

  @BeforeAll
  static void start() {
    engine = Engine.start(Engine.Options.defaults());
    client = Clients.of(engine);
    client.createTable(
        r ->
            r.tableName("priced")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by_g")
                            .keySchema(hash("g"))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  @Test
  void aWriteCostsAUnitPerKilobyteAndItsIndexWritesAreReportedApart() {
    ConsumedCapacity small =
        client
            .putItem(
                r ->
                    r.tableName("priced")
                        .item(Map.of("pk", s("a"), "g", s("G")))
                        .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
            .consumedCapacity();
    assertThat(small.table().capacityUnits()).isEqualTo(1.0);
    assertThat(small.globalSecondaryIndexes().get("by_g").capacityUnits()).isEqualTo(1.0);
    assertThat(small.capacityUnits()).isEqualTo(2.0);

    // 2.5 KB: three write units; the index's projection (keys only) is small: one unit
    ConsumedCapacity large =
        client
            .putItem(
                r ->
                    r.tableName("priced")
                        .item(
                            Map.of("pk", s("b"), "g", s("G"), "v", s(KB + KB + KB.substring(512))))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity();
    assertThat(large.capacityUnits()).isEqualTo(4.0);
    assertThat(large.table()).isNull();
  }

  @Test
  void aReadCostsAUnitPerFourKilobytesHalfWhenEventuallyConsistent() {
    client.putItem(r -> r.tableName("priced").item(Map.of("pk", s("r"), "v", s(KB.repeat(5)))));
    assertThat(
            client
                .getItem(
                    r ->
                        r.tableName("priced")
                            .key(Map.of("pk", s("r")))
                            .consistentRead(true)
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity()
                .capacityUnits())
        .isEqualTo(2.0);
    assertThat(
            client
                .getItem(
                    r ->
                        r.tableName("priced")
                            .key(Map.of("pk", s("r")))
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity()
                .capacityUnits())
        .isEqualTo(1.0);
    assertThat(
            client
                .getItem(
                    r ->
                        r.tableName("priced")
                            .key(Map.of("pk", s("none")))
                            .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
                .consumedCapacity()
                .capacityUnits())
        .isEqualTo(0.5);
  }

  @Test
  void aTransactionCostsDouble() {
    var consumed =
        client
            .transactWriteItems(
                r ->
                    r.transactItems(
                            t ->
                                t.put(
                                    p ->
                                        p.tableName("priced")
                                            .item(Map.of("pk", s("t"), "n", n("1")))))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity();
    assertThat(consumed)
        .singleElement()
        .satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(2.0));
    var read =
        client
            .transactGetItems(
                r ->
                    r.transactItems(
                            t -> t.get(g -> g.tableName("priced").key(Map.of("pk", s("t")))))
                        .returnConsumedCapacity(ReturnConsumedCapacity.TOTAL))
            .consumedCapacity();
    assertThat(read).singleElement().satisfies(c -> assertThat(c.capacityUnits()).isEqualTo(2.0));
  }

  @Test
  void aQueryPricesTheBytesItReadTogether() {
    for (int i = 0; i < 6; i++) {
      int n = i;
      client.putItem(
          r -> r.tableName("priced").item(Map.of("pk", s("q" + n), "g", s("Q"), "v", s(KB))));
    }
    // six rows of keys only on the index: a few bytes each, one unit, halved
    assertThat(
            client
                .query(
                    r ->
                        r.tableName("priced")
                            .indexName("by_g")
                            .keyConditionExpression("g = :g")
                            .expressionAttributeValues(Map.of(":g", s("Q")))
                            .returnConsumedCapacity(ReturnConsumedCapacity.INDEXES))
                .consumedCapacity()
                .globalSecondaryIndexes()
                .get("by_g")
                .capacityUnits())
        .isEqualTo(0.5);
  }
}
