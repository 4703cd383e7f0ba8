package app.podium.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.Update;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

class WrittenKeysTest {
  private static final java.util.function.Function<String, app.podium.Tables.Table> TABLES =
      WrittenKeys.tablesOf("t-");

  @Test
  void aTransactionWritesEachOfItsPutsAndUpdatesByKeyButNotItsConditionChecks() {
    var request =
        TransactWriteItemsRequest.builder()
            .transactItems(
                TransactWriteItem.builder()
                    .put(
                        Put.builder()
                            .tableName("t-reactions")
                            .item(
                                Map.of(
                                    "account_id",
                                    AttributeValue.fromS("7"),
                                    "status_kind",
                                    AttributeValue.fromS("9:favourite"),
                                    "status_key",
                                    AttributeValue.fromS("9:favourite#3")))
                            .build())
                    .build(),
                TransactWriteItem.builder()
                    .update(
                        Update.builder()
                            .tableName("t-counter_shards")
                            .key(Map.of("key", AttributeValue.fromS("9:favourites#3")))
                            .updateExpression("ADD #c :d")
                            .build())
                    .build(),
                TransactWriteItem.builder()
                    .conditionCheck(
                        ConditionCheck.builder()
                            .tableName("t-posts")
                            .key(Map.of("id", AttributeValue.fromN("9")))
                            .conditionExpression("attribute_exists(id)")
                            .build())
                    .build())
            .build();

    assertThat(WrittenKeys.of(request, TABLES))
        .extracting(Object::toString)
        .containsExactly(
            "reactions account_id=7,status_kind=9:favourite", "counter_shards key=9:favourites#3");
  }

  @Test
  void anUpdateIsItsKeyAndAReadIsNoWrite() {
    assertThat(
            WrittenKeys.of(
                UpdateItemRequest.builder()
                    .tableName("t-posts")
                    .key(Map.of("id", AttributeValue.fromN("42")))
                    .build(),
                TABLES))
        .extracting(Object::toString)
        .containsExactly("posts id=42");
    assertThat(
            WrittenKeys.of(
                GetItemRequest.builder()
                    .tableName("t-posts")
                    .key(Map.of("id", AttributeValue.fromN("42")))
                    .build(),
                TABLES))
        .isEmpty();
  }
}
