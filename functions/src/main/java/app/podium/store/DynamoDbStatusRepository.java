package app.podium.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.domain.PageRequest;
import app.podium.domain.Status;
import app.podium.domain.StatusStore;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import app.podium.domain.StatusService;
import software.amazon.awssdk.services.dynamodb.model.Update;

public final class DynamoDbStatusRepository implements StatusStore {
  private final DynamoDb db;
  private final DynamoDbTable<StatusItem> posts;
  /** A large account's statuses keep their counts in shards: found and listed statuses have them summed in. */
  private final CounterShards counterShards;

  public DynamoDbStatusRepository(DynamoDb db) {
    this.db = db;
    this.counterShards = new CounterShards(db);
    this.posts = db.table(Tables.POSTS, StatusItem.SCHEMA);
  }

  @Override
  public boolean create(Status status, Instant ownEntryExpiresAt) {
    return db.transactUnlessDone(creating(db, status, ownEntryExpiresAt), StatusService::notFound);
  }

  /**
   * The writes that store a new status: the status (its id must be new), its count and time on the author's
   * account, and the author's own timeline entry.
   */
  static List<TransactWriteItem> creating(DynamoDb db, Status status, Instant ownEntryExpiresAt) {
    Map<String, AttributeValue> ownEntry = TimelineItem.SCHEMA.itemToMap(
        TimelineItem.of(status.authorId(), status.numericId(), status.authorId(), ownEntryExpiresAt), true);
    return List.of(
        TransactWriteItem.builder().put(Put.builder().tableName(db.name(Tables.POSTS))
            .item(StatusItem.SCHEMA.itemToMap(StatusItem.from(status), true))
            .conditionExpression("attribute_not_exists(id)").build()).build(),
        TransactWriteItem.builder().update(Update.builder().tableName(db.name(Tables.ACCOUNTS))
            .key(Map.of("id", s(status.authorId())))
            .updateExpression("ADD statuses_count :one SET last_status_at = :at")
            .conditionExpression("attribute_exists(id)")
            .expressionAttributeValues(Map.of(":one", n(1), ":at", n(status.createdAt().toEpochMilli())))
            .build()).build(),
        TransactWriteItem.builder().put(Put.builder().tableName(db.name(Tables.TIMELINES)).item(ownEntry).build())
            .build());
  }

  /**
   * The writes that delete a status: the status (it must still exist), its count on the author's account and the
   * author's own timeline entry.
   */
  static List<TransactWriteItem> deleting(DynamoDb db, String statusId, String authorId) {
    return List.of(
        TransactWriteItem.builder().delete(Delete.builder().tableName(db.name(Tables.POSTS))
            .key(Map.of("id", n(Long.parseLong(statusId))))
            .conditionExpression("attribute_exists(id)").build()).build(),
        TransactWriteItem.builder().update(Update.builder().tableName(db.name(Tables.ACCOUNTS))
            .key(Map.of("id", s(authorId)))
            .updateExpression("ADD statuses_count :minusOne")
            .conditionExpression("attribute_exists(id)")
            .expressionAttributeValues(Map.of(":minusOne", n(-1))).build()).build(),
        TransactWriteItem.builder().delete(Delete.builder().tableName(db.name(Tables.TIMELINES))
            .key(Map.of("owner_id", s(authorId), "status_id", n(Long.parseLong(statusId)))).build()).build());
  }

  @Override
  public Optional<Status> find(String id) {
    return Optional.ofNullable(posts.getItem(r -> r.key(Key.builder().partitionValue(Long.parseLong(id)).build())
        .consistentRead(true))).map(item -> counterShards.withShards(List.of(item.toStatus())).getFirst());
  }

  @Override
  public List<Status> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Map<String, AttributeValue>> keys = ids.stream().distinct()
        .map(id -> Map.of("id", n(Long.parseLong(id)))).toList();
    return counterShards.withShards(Batches.get(db.client(), db.name(Tables.POSTS), keys, null, null).stream()
        .map(item -> StatusItem.SCHEMA.mapToItem(item).toStatus()).toList());
  }

  @Override
  public boolean delete(Status status) {
    return db.transactUnlessDone(deleting(db, status.id(), status.authorId()), StatusService::notFound);
  }

  @Override
  public List<Status> byAuthor(String authorId, PageRequest page) {
    if (Windows.isEmpty(page)) {
      return List.of();
    }
    return counterShards.withShards(posts.index(StatusItem.AUTHOR_INDEX)
        .query(r -> r.queryConditional(Windows.of(authorId, page)).scanIndexForward(page.ascending())
            .limit(page.limit()))
        .stream().limit(1).flatMap(p -> p.items().stream()).map(StatusItem::toStatus).toList());
  }
}
