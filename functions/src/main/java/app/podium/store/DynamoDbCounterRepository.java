package app.podium.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.shared.CounterStore;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** Rate-limit counters: one atomic {@code ADD} per request, the item expiring with its window. */
public final class DynamoDbCounterRepository implements CounterStore {
  private final DynamoDb db;

  public DynamoDbCounterRepository(DynamoDb db) {
    this.db = db;
  }

  @Override
  public long increment(String key, Instant expiresAt) {
    var result =
        db.client()
            .updateItem(
                r ->
                    r.tableName(db.name(Tables.RATE_LIMITS))
                        .key(Map.of("key", s(key)))
                        .updateExpression(
                            "ADD #count :one SET expires_at = if_not_exists(expires_at, :ttl)")
                        .expressionAttributeNames(Map.of("#count", "count"))
                        .expressionAttributeValues(
                            Map.of(":one", n(1), ":ttl", n(expiresAt.getEpochSecond() + 1)))
                        .returnValues(ReturnValue.UPDATED_NEW));
    return Long.parseLong(result.attributes().get("count").n());
  }
}
