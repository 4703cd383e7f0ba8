package app.podium.engine;

import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.IdempotentParameterMismatchException;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems. */
class BatchesAndTransactionsIT {
  static Engine engine;
  static DynamoDbClient client;

  @BeforeAll
  static void start() {
    engine = Engine.start(Engine.Options.defaults());
    client = Clients.of(engine);
    Clients.createTable(client, "accounts", false);
    Clients.createTable(client, "names", false);
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  static WriteRequest put(String pk) {
    return WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", s(pk)))).build();
  }

  static Map<String, AttributeValue> get(String table, String pk) {
    return client.getItem(r -> r.tableName(table).key(Map.of("pk", s(pk)))).item();
  }

  @Test
  void batchWritesAndReadsAcrossTables() {
    client.batchWriteItem(
        r ->
            r.requestItems(
                Map.of("accounts", List.of(put("b1"), put("b2")), "names", List.of(put("n1")))));
    BatchGetItemResponse read =
        client.batchGetItem(
            r ->
                r.requestItems(
                    Map.of(
                        "accounts",
                            KeysAndAttributes.builder()
                                .keys(
                                    Map.of("pk", s("b1")),
                                    Map.of("pk", s("b2")),
                                    Map.of("pk", s("nope")))
                                .build(),
                        "names",
                            KeysAndAttributes.builder()
                                .keys(Map.of("pk", s("n1")))
                                .consistentRead(true)
                                .build())));
    assertThat(read.responses().get("accounts")).hasSize(2);
    assertThat(read.responses().get("names")).containsExactly(Map.of("pk", s("n1")));
    assertThat(read.unprocessedKeys()).isEmpty();
  }

  @Test
  void batchesRefuseTooManyRequestsAndDuplicateKeys() {
    List<WriteRequest> many = new ArrayList<>();
    for (int i = 0; i < 26; i++) {
      many.add(put("m" + i));
    }
    assertThatThrownBy(() -> client.batchWriteItem(r -> r.requestItems(Map.of("accounts", many))))
        .hasMessageContaining("Too many items requested for the BatchWriteItem call");
    assertThatThrownBy(
            () ->
                client.batchWriteItem(
                    r -> r.requestItems(Map.of("accounts", List.of(put("d"), put("d"))))))
        .hasMessageContaining("Provided list of item keys contains duplicates");
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      keys.add(Map.of("pk", s("k" + i)));
    }
    assertThatThrownBy(
            () ->
                client.batchGetItem(
                    r ->
                        r.requestItems(
                            Map.of("accounts", KeysAndAttributes.builder().keys(keys).build()))))
        .hasMessageContaining("Too many items requested for the BatchGetItem call");
  }

  static TransactWriteItem createName(String name) {
    return TransactWriteItem.builder()
        .put(
            p ->
                p.tableName("names")
                    .item(Map.of("pk", s(name)))
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(
                        ReturnValuesOnConditionCheckFailure.ALL_OLD))
        .build();
  }

  @Test
  void aTransactionWritesAcrossTablesAllOrNothingWithReasonsInOrder() {
    client.transactWriteItems(
        r ->
            r.transactItems(
                createName("alice"),
                TransactWriteItem.builder()
                    .put(
                        p ->
                            p.tableName("accounts").item(Map.of("pk", s("a1"), "name", s("alice"))))
                    .build()));
    assertThat(get("accounts", "a1")).containsEntry("name", s("alice"));

    assertThatThrownBy(
            () ->
                client.transactWriteItems(
                    r ->
                        r.transactItems(
                            TransactWriteItem.builder()
                                .put(
                                    p ->
                                        p.tableName("accounts")
                                            .item(Map.of("pk", s("a2"), "name", s("alice"))))
                                .build(),
                            createName("alice"),
                            TransactWriteItem.builder()
                                .conditionCheck(
                                    c ->
                                        c.tableName("accounts")
                                            .key(Map.of("pk", s("a1")))
                                            .conditionExpression("attribute_exists(pk)"))
                                .build())))
        .isInstanceOfSatisfying(
            TransactionCanceledException.class,
            e -> {
              assertThat(e.cancellationReasons())
                  .extracting(CancellationReason::code)
                  .containsExactly("None", "ConditionalCheckFailed", "None");
              assertThat(e.cancellationReasons().get(1).item()).isEqualTo(Map.of("pk", s("alice")));
              assertThat(e.getMessage()).contains("[None, ConditionalCheckFailed, None]");
            });
    assertThat(get("accounts", "a2")).as("nothing of the cancelled transaction").isEmpty();
  }

  @Test
  void aTransactionTakesOneActionPerItemAndAtMostAHundred() {
    assertThatThrownBy(
            () ->
                client.transactWriteItems(
                    r -> r.transactItems(createName("bob"), createName("bob"))))
        .hasMessageContaining("Transaction request cannot include multiple operations on one item");
    List<TransactWriteItem> many = new ArrayList<>();
    for (int i = 0; i < 101; i++) {
      many.add(createName("n" + i));
    }
    assertThatThrownBy(() -> client.transactWriteItems(r -> r.transactItems(many)))
        .hasMessageContaining("length less than or equal to 100");
  }

  @Test
  void aClientRequestTokenMakesARetryApplyOnceAndRefusesOtherParameters() {
    TransactWriteItem increment =
        TransactWriteItem.builder()
            .update(
                u ->
                    u.tableName("accounts")
                        .key(Map.of("pk", s("counted")))
                        .updateExpression("ADD c :one")
                        .expressionAttributeValues(Map.of(":one", n("1"))))
            .build();
    client.transactWriteItems(r -> r.transactItems(increment).clientRequestToken("token-1"));
    client.transactWriteItems(r -> r.transactItems(increment).clientRequestToken("token-1"));
    assertThat(get("accounts", "counted")).containsEntry("c", n("1"));
    client.transactWriteItems(r -> r.transactItems(increment).clientRequestToken("token-2"));
    assertThat(get("accounts", "counted")).containsEntry("c", n("2"));
    assertThatThrownBy(
            () ->
                client.transactWriteItems(
                    r -> r.transactItems(createName("carol")).clientRequestToken("token-1")))
        .isInstanceOf(IdempotentParameterMismatchException.class);
  }

  @Test
  void transactGetReadsEveryItemInOrder() {
    client.putItem(r -> r.tableName("accounts").item(Map.of("pk", s("g1"), "v", n("1"))));
    var read =
        client.transactGetItems(
            r ->
                r.transactItems(
                    t ->
                        t.get(
                            g ->
                                g.tableName("accounts")
                                    .key(Map.of("pk", s("g1")))
                                    .projectionExpression("v")),
                    t -> t.get(g -> g.tableName("accounts").key(Map.of("pk", s("none"))))));
    assertThat(read.responses()).hasSize(2);
    assertThat(read.responses().get(0).item()).isEqualTo(Map.of("v", n("1")));
    assertThat(read.responses().get(1).hasItem()).isFalse();
  }
}
