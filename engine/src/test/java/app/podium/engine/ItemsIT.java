package app.podium.engine;

import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * GetItem, PutItem, UpdateItem and DeleteItem through the SDK: conditions, updates, return values,
 * limits.
 */
class ItemsIT {
  static Engine engine;
  static DynamoDbClient client;

  @BeforeAll
  static void start() {
    engine = Engine.start(Engine.Options.defaults());
    client = Clients.of(engine);
    Clients.createTable(client, "items", false);
    Clients.createTable(client, "sorted", true);
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  static Map<String, AttributeValue> get(String pk) {
    return client
        .getItem(r -> r.tableName("items").key(Map.of("pk", s(pk))).consistentRead(true))
        .item();
  }

  @Test
  void anItemComesBackAsStoredWithEveryType() {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("pk", s("all-types"));
    item.put("s", s(""));
    item.put("n", n("-12.500"));
    item.put("b", AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] {0, 1, (byte) 255})));
    item.put("bool", AttributeValue.fromBool(false));
    item.put("null", AttributeValue.fromNul(true));
    item.put("l", AttributeValue.fromL(List.of(s("x"), n("1"))));
    item.put("m", AttributeValue.fromM(Map.of("k", s("v"))));
    item.put("ss", AttributeValue.fromSs(List.of("a", "b")));
    item.put("ns", AttributeValue.fromNs(List.of("1", "2.5")));
    item.put("bs", AttributeValue.fromBs(List.of(SdkBytes.fromUtf8String("q"))));
    client.putItem(r -> r.tableName("items").item(item));

    Map<String, AttributeValue> read = get("all-types");

    Map<String, AttributeValue> expected = new HashMap<>(item);
    expected.put("n", n("-12.5"));
    assertThat(read).isEqualTo(expected);
  }

  @Test
  void thirtyEightDigitNumbersSurviveExactlyAndArithmeticIsDecimal() {
    String big = "12345678901234567890123456789012345678";
    client.putItem(
        r ->
            r.tableName("items")
                .item(Map.of("pk", s("numbers"), "big", n(big), "tenth", n("0.1"))));
    client.updateItem(
        r ->
            r.tableName("items")
                .key(Map.of("pk", s("numbers")))
                .updateExpression("SET tenth = tenth + :fifth ADD big :minus")
                .expressionAttributeValues(
                    Map.of(
                        ":fifth",
                        n("0.2"),
                        ":minus",
                        n("-12345678901234567890123456789012345677"))));
    Map<String, AttributeValue> read = get("numbers");
    assertThat(read.get("tenth").n()).isEqualTo("0.3");
    assertThat(read.get("big").n()).isEqualTo("1");
    assertThatThrownBy(
            () ->
                client.putItem(
                    r ->
                        r.tableName("items")
                            .item(
                                Map.of(
                                    "pk",
                                    s("x"),
                                    "n",
                                    n("1.23456789012345678901234567890123456789")))))
        .hasMessageContaining("precision up to 38 digits");
  }

  @Test
  void aConditionalCreateFailsOnceTheItemExistsAndCanReturnIt() {
    Map<String, AttributeValue> item = Map.of("pk", s("unique"), "owner", s("first"));
    client.putItem(
        r -> r.tableName("items").item(item).conditionExpression("attribute_not_exists(pk)"));

    assertThatThrownBy(
            () ->
                client.putItem(
                    r ->
                        r.tableName("items")
                            .item(Map.of("pk", s("unique"), "owner", s("second")))
                            .conditionExpression("attribute_not_exists(pk)")
                            .returnValuesOnConditionCheckFailure(
                                ReturnValuesOnConditionCheckFailure.ALL_OLD)))
        .isInstanceOfSatisfying(
            ConditionalCheckFailedException.class,
            e -> {
              assertThat(e.item()).isEqualTo(item);
              assertThat(e.awsErrorDetails().errorMessage())
                  .isEqualTo("The conditional request failed");
            });
    assertThat(get("unique")).isEqualTo(item);
  }

  @Test
  void updateReturnsWhatWasAskedFor() {
    client.putItem(
        r -> r.tableName("items").item(Map.of("pk", s("rv"), "a", n("1"), "b", s("keep"))));
    UpdateItemResponse updatedOld =
        client.updateItem(
            r ->
                r.tableName("items")
                    .key(Map.of("pk", s("rv")))
                    .updateExpression("SET a = a + :one, c = :c")
                    .expressionAttributeValues(Map.of(":one", n("1"), ":c", s("new")))
                    .returnValues(ReturnValue.UPDATED_OLD));
    assertThat(updatedOld.attributes()).isEqualTo(Map.of("a", n("1")));
    UpdateItemResponse allNew =
        client.updateItem(
            r ->
                r.tableName("items")
                    .key(Map.of("pk", s("rv")))
                    .updateExpression("REMOVE c")
                    .returnValues(ReturnValue.ALL_NEW));
    assertThat(allNew.attributes()).isEqualTo(Map.of("pk", s("rv"), "a", n("2"), "b", s("keep")));
    assertThat(
            client
                .deleteItem(
                    r ->
                        r.tableName("items")
                            .key(Map.of("pk", s("rv")))
                            .returnValues(ReturnValue.ALL_OLD))
                .attributes())
        .isEqualTo(allNew.attributes());
    assertThat(get("rv")).isEmpty();
  }

  @Test
  void anUpdateOfAMissingItemCreatesIt() {
    client.updateItem(
        r ->
            r.tableName("items")
                .key(Map.of("pk", s("counter")))
                .updateExpression("ADD followers :one SET #n = if_not_exists(#n, :zero)")
                .expressionAttributeNames(Map.of("#n", "name"))
                .expressionAttributeValues(Map.of(":one", n("1"), ":zero", s("none"))));
    assertThat(get("counter"))
        .isEqualTo(Map.of("pk", s("counter"), "followers", n("1"), "name", s("none")));
  }

  @Test
  void keyAttributesCannotBeUpdatedAndKeysMustMatchTheSchema() {
    assertThatThrownBy(
            () ->
                client.updateItem(
                    r ->
                        r.tableName("items")
                            .key(Map.of("pk", s("k")))
                            .updateExpression("SET pk = :v")
                            .expressionAttributeValues(Map.of(":v", s("x")))))
        .hasMessageContaining("Cannot update attribute pk. This attribute is part of the key");
    assertThatThrownBy(() -> client.getItem(r -> r.tableName("items").key(Map.of("pk", n("1")))))
        .hasMessageContaining("Type mismatch for key");
    assertThatThrownBy(() -> client.getItem(r -> r.tableName("sorted").key(Map.of("pk", s("1")))))
        .hasMessageContaining("The number of conditions on the keys is invalid");
    assertThatThrownBy(() -> client.putItem(r -> r.tableName("items").item(Map.of("pk", s("")))))
        .hasMessageContaining("cannot contain an empty string value. Key: pk");
  }

  @Test
  void itemsAndKeysAreLimitedInSize() {
    String kilobyte = "x".repeat(1024);
    assertThatThrownBy(
            () ->
                client.putItem(
                    r ->
                        r.tableName("items")
                            .item(Map.of("pk", s("big"), "v", s(kilobyte.repeat(400))))))
        .hasMessageContaining("Item size has exceeded the maximum allowed size");
    client.putItem(
        r -> r.tableName("items").item(Map.of("pk", s("big"), "v", s(kilobyte.repeat(399)))));
    assertThatThrownBy(
            () ->
                client.updateItem(
                    r ->
                        r.tableName("items")
                            .key(Map.of("pk", s("big")))
                            .updateExpression("SET w = :k")
                            .expressionAttributeValues(Map.of(":k", s(kilobyte.repeat(2))))))
        .hasMessageContaining("Item size to update has exceeded the maximum allowed size");
    assertThatThrownBy(
            () -> client.putItem(r -> r.tableName("items").item(Map.of("pk", s("k".repeat(2049))))))
        .hasMessageContaining("Size of hashkey has exceeded the maximum size limit of2048 bytes");
  }

  @Test
  void setsRefuseDuplicatesAndEmptiness() {
    assertThatThrownBy(
            () ->
                client.putItem(
                    r ->
                        r.tableName("items")
                            .item(
                                Map.of(
                                    "pk",
                                    s("set"),
                                    "ss",
                                    AttributeValue.fromSs(List.of("a", "a"))))))
        .hasMessageContaining("contains duplicates");
    assertThatThrownBy(
            () ->
                client.putItem(
                    r ->
                        r.tableName("items")
                            .item(
                                Map.of(
                                    "pk",
                                    s("set"),
                                    "ns",
                                    AttributeValue.fromNs(List.of("1", "1.0"))))))
        .hasMessageContaining("contains duplicates");
    client.putItem(
        r ->
            r.tableName("items")
                .item(Map.of("pk", s("set"), "tags", AttributeValue.fromSs(List.of("a", "b")))));
    client.updateItem(
        r ->
            r.tableName("items")
                .key(Map.of("pk", s("set")))
                .updateExpression("DELETE tags :t")
                .expressionAttributeValues(Map.of(":t", AttributeValue.fromSs(List.of("a", "b")))));
    assertThat(get("set")).isEqualTo(Map.of("pk", s("set")));
  }

  @Test
  void expressionsAreValidatedAsDynamoDbValidatesThem() {
    assertThatThrownBy(
            () ->
                client.putItem(
                    r ->
                        r.tableName("items")
                            .item(Map.of("pk", s("e")))
                            .conditionExpression("status = :v")
                            .expressionAttributeValues(Map.of(":v", s("x")))))
        .hasMessageContaining("Attribute name is a reserved keyword; reserved keyword: status");
    assertThatThrownBy(
            () ->
                client.putItem(
                    r ->
                        r.tableName("items")
                            .item(Map.of("pk", s("e")))
                            .conditionExpression("a = :v")
                            .expressionAttributeValues(Map.of(":v", s("x"), ":w", s("y")))))
        .hasMessageContaining(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
    assertThatThrownBy(
            () ->
                client.updateItem(
                    r ->
                        r.tableName("items")
                            .key(Map.of("pk", s("e")))
                            .updateExpression("SET a = :v, a = :v")
                            .expressionAttributeValues(Map.of(":v", s("x")))))
        .hasMessageContaining("Two document paths overlap with each other");
    assertThatThrownBy(
            () ->
                client.putItem(
                    r ->
                        r.tableName("items")
                            .item(Map.of("pk", s("e")))
                            .returnValues(ReturnValue.ALL_NEW)))
        .hasMessageContaining("Return values set to invalid value");
  }
}
