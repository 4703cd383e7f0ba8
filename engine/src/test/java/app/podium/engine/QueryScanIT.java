package app.podium.engine;

import static app.podium.engine.Clients.attribute;
import static app.podium.engine.Clients.hash;
import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.range;
import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Query and Scan: DynamoDB's sort orders, Limit before the filter, 1 MB pages, paging keys,
 * indexes, segments.
 */
class QueryScanIT {
  static Engine engine;
  static DynamoDbClient client;

  @BeforeAll
  static void start() {
    // a megabyte into one partition in a second is over its write units: HotKeysIT tests those
    // limits
    engine = Engine.start(Engine.Options.defaults().withoutThrottling());
    client = Clients.of(engine);
    Clients.createTable(client, "numbers", true);
    for (int i = 1; i <= 20; i++) {
      int n = i;
      client.putItem(
          r ->
              r.tableName("numbers")
                  .item(
                      Map.of(
                          "pk",
                          s("p"),
                          "sk",
                          n(Integer.toString(n)),
                          "odd",
                          AttributeValue.fromBool(n % 2 == 1))));
    }
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  static List<String> sortKeys(QueryResponse response) {
    return response.items().stream().map(item -> item.get("sk").n()).toList();
  }

  @Test
  void numbersSortNumericallyInBothDirections() {
    QueryResponse up =
        client.query(
            r ->
                r.tableName("numbers")
                    .keyConditionExpression("pk = :p AND sk BETWEEN :a AND :b")
                    .expressionAttributeValues(Map.of(":p", s("p"), ":a", n("8"), ":b", n("11"))));
    assertThat(sortKeys(up)).containsExactly("8", "9", "10", "11");
    QueryResponse down =
        client.query(
            r ->
                r.tableName("numbers")
                    .keyConditionExpression("pk = :p AND sk < :b")
                    .expressionAttributeValues(Map.of(":p", s("p"), ":b", n("4")))
                    .scanIndexForward(false));
    assertThat(sortKeys(down)).containsExactly("3", "2", "1");
  }

  @Test
  void stringsSortByUtf8BytesAndBinaryByUnsignedBytes() {
    client.createTable(
        r ->
            r.tableName("orders")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.S))
                .keySchema(hash("pk"), range("sk")));
    List<String> texts = List.of("a", "B", "\uFFFD", "😀", "ab", "é");
    for (String text : texts) {
      client.putItem(r -> r.tableName("orders").item(Map.of("pk", s("p"), "sk", s(text))));
    }
    List<String> sorted =
        client
            .query(
                r ->
                    r.tableName("orders")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))))
            .items()
            .stream()
            .map(i -> i.get("sk").s())
            .toList();
    assertThat(sorted).containsExactly("B", "a", "ab", "é", "\uFFFD", "😀");
    assertThat(
            client
                .query(
                    r ->
                        r.tableName("orders")
                            .keyConditionExpression("pk = :p AND begins_with(sk, :a)")
                            .expressionAttributeValues(Map.of(":p", s("p"), ":a", s("a"))))
                .count())
        .isEqualTo(2);

    client.createTable(
        r ->
            r.tableName("binary")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("pk", ScalarAttributeType.S), attribute("sk", ScalarAttributeType.B))
                .keySchema(hash("pk"), range("sk")));
    for (int b : new int[] {0x7f, 0x80, 0x00, 0xff}) {
      client.putItem(
          r ->
              r.tableName("binary")
                  .item(
                      Map.of(
                          "pk",
                          s("p"),
                          "sk",
                          AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {(byte) b})))));
    }
    List<Integer> bytes =
        client
            .query(
                r ->
                    r.tableName("binary")
                        .keyConditionExpression("pk = :p")
                        .expressionAttributeValues(Map.of(":p", s("p"))))
            .items()
            .stream()
            .map(i -> i.get("sk").b().asByteArray()[0] & 0xff)
            .toList();
    assertThat(bytes).containsExactly(0x00, 0x7f, 0x80, 0xff);
  }

  @Test
  void limitCountsItemsBeforeTheFilterAndPagesResume() {
    QueryResponse first =
        client.query(
            r ->
                r.tableName("numbers")
                    .keyConditionExpression("pk = :p")
                    .filterExpression("odd = :t")
                    .expressionAttributeValues(
                        Map.of(":p", s("p"), ":t", AttributeValue.fromBool(true)))
                    .limit(5));
    assertThat(first.scannedCount()).isEqualTo(5);
    assertThat(sortKeys(first)).containsExactly("1", "3", "5");
    assertThat(first.lastEvaluatedKey()).isEqualTo(Map.of("pk", s("p"), "sk", n("5")));

    List<String> all = new ArrayList<>();
    Map<String, AttributeValue> start = null;
    do {
      Map<String, AttributeValue> from = start;
      QueryResponse page =
          client.query(
              r ->
                  r.tableName("numbers")
                      .keyConditionExpression("pk = :p")
                      .expressionAttributeValues(Map.of(":p", s("p")))
                      .limit(7)
                      .exclusiveStartKey(from));
      all.addAll(sortKeys(page));
      start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
    } while (start != null);
    assertThat(all).hasSize(20).doesNotHaveDuplicates();
  }

  @Test
  void selectCountReturnsCountsOnly() {
    QueryResponse count =
        client.query(
            r ->
                r.tableName("numbers")
                    .keyConditionExpression("pk = :p")
                    .filterExpression("odd = :t")
                    .expressionAttributeValues(
                        Map.of(":p", s("p"), ":t", AttributeValue.fromBool(false)))
                    .select(Select.COUNT));
    assertThat(count.count()).isEqualTo(10);
    assertThat(count.scannedCount()).isEqualTo(20);
    assertThat(count.hasItems()).isFalse();
  }

  @Test
  void aPageStopsAtOneMegabyteRead() {
    Clients.createTable(client, "wide", true);
    String value = "v".repeat(100 * 1024);
    for (int i = 0; i < 25; i++) {
      int n = i;
      client.putItem(
          r ->
              r.tableName("wide")
                  .item(Map.of("pk", s("p"), "sk", n(Integer.toString(n)), "v", s(value))));
    }
    QueryResponse first =
        client.query(
            r ->
                r.tableName("wide")
                    .keyConditionExpression("pk = :p")
                    .expressionAttributeValues(Map.of(":p", s("p"))));
    assertThat(first.count()).isEqualTo(11);
    assertThat(first.lastEvaluatedKey()).containsEntry("sk", n("10"));
    ScanResponse scan = client.scan(r -> r.tableName("wide"));
    assertThat(scan.count()).isEqualTo(11);
  }

  @Test
  void parallelScanSegmentsSplitTheItemsWithoutOverlap() {
    Clients.createTable(client, "spread", false);
    for (int i = 0; i < 300; i++) {
      int n = i;
      client.putItem(r -> r.tableName("spread").item(Map.of("pk", s("key-" + n))));
    }
    Set<String> seen = new HashSet<>();
    int segments = 4;
    for (int segment = 0; segment < segments; segment++) {
      int current = segment;
      Map<String, AttributeValue> start = null;
      int inSegment = 0;
      do {
        Map<String, AttributeValue> from = start;
        ScanResponse page =
            client.scan(
                r ->
                    r.tableName("spread")
                        .segment(current)
                        .totalSegments(segments)
                        .limit(40)
                        .exclusiveStartKey(from));
        for (Map<String, AttributeValue> item : page.items()) {
          assertThat(seen.add(item.get("pk").s())).as("seen once").isTrue();
          inSegment++;
        }
        start = page.lastEvaluatedKey().isEmpty() ? null : page.lastEvaluatedKey();
      } while (start != null);
      assertThat(inSegment).as("segment " + segment).isBetween(30, 120);
    }
    assertThat(seen).hasSize(300);
  }

  @Test
  void globalIndexesAreSparseProjectedAndNeverStronglyConsistent() {
    client.createTable(
        r ->
            r.tableName("posts")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("pk", ScalarAttributeType.S),
                    attribute("author", ScalarAttributeType.S),
                    attribute("at", ScalarAttributeType.N))
                .keySchema(hash("pk"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by_author")
                            .keySchema(hash("author"), range("at"))
                            .projection(
                                p ->
                                    p.projectionType(ProjectionType.INCLUDE)
                                        .nonKeyAttributes("text"))));
    for (int i = 0; i < 6; i++) {
      int n = i;
      client.putItem(
          r ->
              r.tableName("posts")
                  .item(
                      n == 5
                          ? Map.of("pk", s("post" + n), "text", s("orphan"))
                          : Map.of(
                              "pk",
                              s("post" + n),
                              "author",
                              s("ann"),
                              "at",
                              n(Integer.toString(10 - n)),
                              "text",
                              s("t" + n),
                              "secret",
                              s("not projected"))));
    }
    QueryResponse byAuthor =
        client.query(
            r ->
                r.tableName("posts")
                    .indexName("by_author")
                    .keyConditionExpression("author = :a")
                    .expressionAttributeValues(Map.of(":a", s("ann"))));
    assertThat(byAuthor.items())
        .extracting(i -> i.get("at").n())
        .containsExactly("6", "7", "8", "9", "10");
    assertThat(byAuthor.items().getFirst()).containsOnlyKeys("pk", "author", "at", "text");
    assertThatThrownBy(
            () ->
                client.query(
                    r ->
                        r.tableName("posts")
                            .indexName("by_author")
                            .consistentRead(true)
                            .keyConditionExpression("author = :a")
                            .expressionAttributeValues(Map.of(":a", s("ann")))))
        .hasMessageContaining("Consistent reads are not supported on global secondary indexes");
    assertThatThrownBy(
            () ->
                client.query(
                    r ->
                        r.tableName("posts")
                            .indexName("by_author")
                            .select(Select.ALL_ATTRIBUTES)
                            .keyConditionExpression("author = :a")
                            .expressionAttributeValues(Map.of(":a", s("ann")))))
        .hasMessageContaining("because its projection type is not ALL");

    client.deleteItem(r -> r.tableName("posts").key(Map.of("pk", s("post0"))));
    client.updateItem(
        r ->
            r.tableName("posts")
                .key(Map.of("pk", s("post1")))
                .updateExpression("SET author = :b")
                .expressionAttributeValues(Map.of(":b", s("bob"))));
    assertThat(
            client
                .query(
                    r ->
                        r.tableName("posts")
                            .indexName("by_author")
                            .keyConditionExpression("author = :a")
                            .expressionAttributeValues(Map.of(":a", s("ann"))))
                .count())
        .isEqualTo(3);
    assertThat(client.scan(r -> r.tableName("posts").indexName("by_author")).count()).isEqualTo(4);
  }

  @Test
  void keyConditionsAreCheckedAgainstTheKeySchema() {
    assertThatThrownBy(
            () ->
                client.query(
                    r ->
                        r.tableName("numbers")
                            .keyConditionExpression("sk = :s")
                            .expressionAttributeValues(Map.of(":s", n("1")))))
        .hasMessageContaining("Query condition missed key schema " + "element");
    assertThatThrownBy(
            () ->
                client.query(
                    r ->
                        r.tableName("numbers")
                            .keyConditionExpression("pk = :p OR sk = :s")
                            .expressionAttributeValues(Map.of(":p", s("p"), ":s", n("1")))))
        .hasMessageContaining("Invalid operator used in KeyConditionExpression: OR");
    assertThatThrownBy(
            () ->
                client.query(
                    r ->
                        r.tableName("numbers")
                            .keyConditionExpression("pk = :p")
                            .filterExpression("sk > :s")
                            .expressionAttributeValues(Map.of(":p", s("p"), ":s", n("1")))))
        .hasMessageContaining("Filter Expression can only contain non-primary key attributes");
    assertThatThrownBy(
            () ->
                client.query(
                    r ->
                        r.tableName("numbers")
                            .keyConditionExpression("pk = :p AND sk = :s")
                            .expressionAttributeValues(Map.of(":p", s("p"), ":s", s("1")))))
        .hasMessageContaining("Condition parameter type does not match schema type");
  }

  @Test
  void aLaggingGlobalIndexShowsAWriteOnlyAfterTheLag() throws Exception {
    try (Engine lagging =
            Engine.start(Engine.Options.defaults().withGsiLag(java.time.Duration.ofSeconds(2)));
        DynamoDbClient lagged = Clients.of(lagging)) {
      lagged.createTable(
          r ->
              r.tableName("lagged")
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      attribute("pk", ScalarAttributeType.S), attribute("g", ScalarAttributeType.S))
                  .keySchema(hash("pk"))
                  .globalSecondaryIndexes(
                      g ->
                          g.indexName("by_g")
                              .keySchema(hash("g"))
                              .projection(p -> p.projectionType(ProjectionType.ALL))));
      lagged.putItem(r -> r.tableName("lagged").item(Map.of("pk", s("x"), "g", s("G"))));
      var query =
          (java.util.function.Supplier<Integer>)
              () ->
                  lagged
                      .query(
                          r ->
                              r.tableName("lagged")
                                  .indexName("by_g")
                                  .keyConditionExpression("g = :g")
                                  .expressionAttributeValues(Map.of(":g", s("G"))))
                      .count();
      assertThat(lagged.getItem(r -> r.tableName("lagged").key(Map.of("pk", s("x")))).hasItem())
          .isTrue();
      assertThat(query.get()).as("right after the write").isZero();
      Thread.sleep(2500);
      assertThat(query.get()).as("after the lag").isEqualTo(1);
    }
  }
}
