package app.podium.markers.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.markers.Marker;
import app.podium.markers.MarkerStore;
import app.podium.store.DynamoDb;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** One item per (member, timeline); a save is one UpdateItem that also counts the version up. */
public final class DynamoDbMarkerRepository implements MarkerStore {
  private final DynamoDb db;

  public DynamoDbMarkerRepository(DynamoDb db) {
    this.db = db;
  }

  @Override
  public Optional<Marker> find(String accountId, String timeline) {
    return db.item(
            Tables.MARKERS, Map.of("owner_id", s(accountId), "timeline", s(timeline)), r -> {})
        .map(item -> marker(timeline, item));
  }

  @Override
  public Marker save(String accountId, String timeline, String lastReadId, Instant now) {
    var item =
        db.client()
            .updateItem(
                r ->
                    r.tableName(db.name(Tables.MARKERS))
                        .key(Map.of("owner_id", s(accountId), "timeline", s(timeline)))
                        .updateExpression(
                            "SET last_read_id = :id, updated_at = :now ADD version :one")
                        .expressionAttributeValues(
                            Map.of(
                                ":id", s(lastReadId), ":now", n(now.toEpochMilli()), ":one", n(1)))
                        .returnValues(ReturnValue.ALL_NEW))
            .attributes();
    return marker(timeline, item);
  }

  private static Marker marker(String timeline, Map<String, AttributeValue> item) {
    return new Marker(
        timeline,
        item.get("last_read_id").s(),
        Long.parseLong(item.get("version").n()),
        Instant.ofEpochMilli(Long.parseLong(item.get("updated_at").n())));
  }
}
