package app.podium.engine;

import static app.podium.engine.Clients.attribute;
import static app.podium.engine.Clients.hash;
import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.range;
import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.engine.limits.HotKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Per-partition throughput: a partition key past its write or read units in one second is refused,
 * as an on-demand table refuses it; batches hand the refused items back; the hot-key report names
 * the hottest keys. Limits are scaled down by 100 (10 write and 30 read units a second) and time
 * stands still unless the test moves it.
 */
class HotKeysIT {
  static final ObjectMapper JSON = new ObjectMapper();
  TestClock clock;
  Engine engine;
  DynamoDbClient client;

  @BeforeEach
  void start() {
    clock = new TestClock();
    engine = Engine.start(Engine.Options.defaults().withThroughputScale(0.01).withClock(clock));
    client = Clients.of(engine);
    client.createTable(
        r ->
            r.tableName("follows")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("pk", ScalarAttributeType.S),
                    attribute("sk", ScalarAttributeType.N),
                    attribute("followee", ScalarAttributeType.S))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by_followee")
                            .keySchema(hash("followee"))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
  }

  @AfterEach
  void stop() {
    client.close();
    engine.close();
  }

  void write(String pk, int sk, String followee) {
    client.putItem(
        r ->
            r.tableName("follows")
                .item(Map.of("pk", s(pk), "sk", n(Integer.toString(sk)), "followee", s(followee))));
  }

  @Test
  void aPartitionKeyPastItsWriteUnitsInOneSecondIsThrottledUntilTheNextSecond() {
    for (int i = 0; i < 10; i++) {
      write("hot", i, "f" + i);
    }
    assertThatThrownBy(() -> write("hot", 10, "f10"))
        .isInstanceOf(ProvisionedThroughputExceededException.class)
        .hasMessageContaining("Throughput exceeds the current capacity");
    write("cold", 0, "f-cold");

    clock.advance(Duration.ofSeconds(1));
    write("hot", 10, "f10");
  }

  @Test
  void aHotIndexKeyThrottlesTheTableWritesThatFeedIt() {
    for (int i = 0; i < 10; i++) {
      write("member" + i, 0, "star");
    }
    assertThatThrownBy(() -> write("member10", 0, "star"))
        .isInstanceOf(ProvisionedThroughputExceededException.class);
    assertThat(
            client
                .getItem(r -> r.tableName("follows").key(Map.of("pk", s("member10"), "sk", n("0"))))
                .hasItem())
        .as("refused writes are not applied")
        .isFalse();
  }

  @Test
  void readsHaveThreeTimesTheUnits() {
    write("read", 0, "x");
    int admitted = 0;
    try {
      for (int i = 0; i < 100; i++) {
        client.getItem(
            r ->
                r.tableName("follows")
                    .key(Map.of("pk", s("read"), "sk", n("0")))
                    .consistentRead(true));
        admitted++;
      }
    } catch (ProvisionedThroughputExceededException expected) {
      // 30 units of one unit each
    }
    assertThat(admitted).isEqualTo(30);
  }

  @Test
  void aBatchHandsBackTheWritesItsHotPartitionRefused() {
    List<WriteRequest> writes = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      int sk = i;
      writes.add(
          WriteRequest.builder()
              .putRequest(
                  p ->
                      p.item(
                          Map.of(
                              "pk",
                              s("batch"),
                              "sk",
                              n(Integer.toString(sk)),
                              "followee",
                              s("g" + sk))))
              .build());
    }
    var response = client.batchWriteItem(r -> r.requestItems(Map.of("follows", writes)));
    assertThat(response.unprocessedItems().get("follows")).hasSize(15);
    assertThat(
            client
                .query(
                    r ->
                        r.tableName("follows")
                            .keyConditionExpression("pk = :p")
                            .expressionAttributeValues(Map.of(":p", s("batch"))))
                .count())
        .isEqualTo(10);
  }

  @Test
  void aThrottledTransactionIsCancelledWithAThrottlingReason() {
    for (int i = 0; i < 10; i++) {
      write("tx", i, "t" + i);
    }
    assertThatThrownBy(
            () ->
                client.transactWriteItems(
                    r ->
                        r.transactItems(
                            t ->
                                t.put(
                                    p ->
                                        p.tableName("follows")
                                            .item(
                                                Map.of(
                                                    "pk",
                                                    s("other"),
                                                    "sk",
                                                    n("1"),
                                                    "followee",
                                                    s("o")))),
                            t ->
                                t.put(
                                    p ->
                                        p.tableName("follows")
                                            .item(
                                                Map.of(
                                                    "pk",
                                                    s("tx"),
                                                    "sk",
                                                    n("99"),
                                                    "followee",
                                                    s("o2")))))))
        .isInstanceOfSatisfying(
            TransactionCanceledException.class,
            e ->
                assertThat(e.cancellationReasons())
                    .extracting(CancellationReason::code)
                    .containsExactly("None", "ThrottlingError"));
  }

  @Test
  void theReportNamesTheHottestKeysWithTheirPeakUnitsInOneSecond() throws Exception {
    for (int i = 0; i < 6; i++) {
      write("busy", i, "idol");
    }
    clock.advance(Duration.ofSeconds(1));
    for (int i = 6; i < 8; i++) {
      write("busy", i, "idol");
    }
    write("quiet", 0, "nobody");
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 20; i++) {
                client.getItem(
                    r ->
                        r.tableName("follows")
                            .key(Map.of("pk", s("quiet"), "sk", n("0")))
                            .consistentRead(true));
              }
              write("quiet", 1, "nobody");
              for (int i = 0; i < 20; i++) {
                client.getItem(
                    r ->
                        r.tableName("follows")
                            .key(Map.of("pk", s("quiet"), "sk", n("0")))
                            .consistentRead(true));
              }
            })
        .isInstanceOf(ProvisionedThroughputExceededException.class);

    List<HotKey> report = engine.hotKeys();
    assertThat(report.getFirst()).isEqualTo(new HotKey("follows", null, "S:quiet", 30, 2, 1));
    assertThat(report)
        .contains(
            new HotKey("follows", null, "S:busy", 0, 6, 0),
            new HotKey("follows", "by_followee", "S:idol", 0, 6, 0));

    HttpResponse<String> http =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(engine.endpoint() + "/engine/hot-keys"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(http.statusCode()).isEqualTo(200);
    JsonNode json = JSON.readTree(http.body());
    assertThat(json.get("writeLimit").asDouble()).isEqualTo(10.0);
    assertThat(json.get("keys").get(0).get("key").asText()).isEqualTo("S:quiet");
    assertThat(json.get("keys").get(0).get("peakReadUnits").asDouble()).isEqualTo(30.0);
    assertThat(engine.hotKeyReport()).contains("follows/by_followee").contains("S:idol");
    JsonNode limited =
        JSON.readTree(
            HttpClient.newHttpClient()
                .send(
                    HttpRequest.newBuilder(
                            URI.create(engine.endpoint() + "/engine/hot-keys?table=foll&limit=2"))
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofString())
                .body());
    assertThat(limited.get("keys")).hasSize(2);
    assertThat(engine.hotKeys("nothing-", 20)).isEmpty();

    engine.resetHotKeys();
    assertThat(engine.hotKeys()).isEmpty();
  }

  @Test
  void withThrottlingOffNothingIsRefusedButTheReportStillCounts() {
    try (Engine unlimited =
            Engine.start(Engine.Options.defaults().withoutThrottling().withClock(clock));
        DynamoDbClient free = Clients.of(unlimited)) {
      Clients.createTable(free, "free", false);
      for (int i = 0; i < 1100; i++) {
        int n = i;
        free.updateItem(
            r ->
                r.tableName("free")
                    .key(Map.of("pk", s("counter")))
                    .updateExpression("SET v = :v")
                    .expressionAttributeValues(Map.of(":v", n(Integer.toString(n)))));
      }
      assertThat(unlimited.hotKeys().getFirst().peakWriteUnits()).isEqualTo(1100);
    }
  }
}
