package app.podium.statuses.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.statuses.IdempotencyStore;
import app.podium.store.DynamoDb;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/** One claim per key; an expired claim (TTL may lag) counts as free. */
public final class DynamoDbIdempotencyRepository implements IdempotencyStore {
  private final DynamoDb db;

  public DynamoDbIdempotencyRepository(DynamoDb db) {
    this.db = db;
  }

  @Override
  public Optional<String> claim(String key, String statusId, Instant now, Instant expiresAt) {
    String table = db.name(Tables.IDEMPOTENCY);
    try {
      db.client()
          .putItem(
              r ->
                  r.tableName(table)
                      .item(
                          Map.of(
                              "key",
                              s(key),
                              "status_id",
                              s(statusId),
                              "expires_at",
                              n(expiresAt.getEpochSecond())))
                      .conditionExpression("attribute_not_exists(#k) OR expires_at < :now")
                      .expressionAttributeNames(Map.of("#k", "key"))
                      .expressionAttributeValues(Map.of(":now", n(now.getEpochSecond()))));
      return Optional.empty();
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> claimed =
          db.item(Tables.IDEMPOTENCY, Map.of("key", s(key)), r -> r.consistentRead(true))
              .orElseThrow(
                  () -> new IllegalStateException("the claim that refused this one is gone"));
      return Optional.ofNullable(claimed.get("status_id")).map(AttributeValue::s);
    }
  }
}
