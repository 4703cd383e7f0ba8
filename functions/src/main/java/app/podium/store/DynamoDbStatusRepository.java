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

  public DynamoDbStatusRepository(DynamoDb db) {
    this.db = db;
    this.posts = db.table(Tables.POSTS, StatusItem.SCHEMA);
  }

  @Override
  public boolean create(Status status, Instant ownEntryExpiresAt) {
    Map<String, AttributeValue> ownEntry = TimelineItem.SCHEMA.itemToMap(
        TimelineItem.of(status.authorId(), status.numericId(), status.authorId(), ownEntryExpiresAt), true);
    return db.transactUnlessDone(List.of(
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
            .build()), StatusService::notFound);
  }

  @Override
  public Optional<Status> find(String id) {
    return Optional.ofNullable(posts.getItem(r -> r.key(Key.builder().partitionValue(Long.parseLong(id)).build())
        .consistentRead(true))).map(StatusItem::toStatus);
  }

  @Override
  public List<Status> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Map<String, AttributeValue>> keys = ids.stream().distinct()
        .map(id -> Map.of("id", n(Long.parseLong(id)))).toList();
    return Batches.get(db.client(), db.name(Tables.POSTS), keys, null, null).stream()
        .map(item -> StatusItem.SCHEMA.mapToItem(item).toStatus()).toList();
  }

  @Override
  public boolean delete(Status status) {
    return db.transactUnlessDone(List.of(
        TransactWriteItem.builder().delete(Delete.builder().tableName(db.name(Tables.POSTS))
            .key(Map.of("id", n(status.numericId())))
            .conditionExpression("attribute_exists(id)").build()).build(),
        TransactWriteItem.builder().update(Update.builder().tableName(db.name(Tables.ACCOUNTS))
            .key(Map.of("id", s(status.authorId())))
            .updateExpression("ADD statuses_count :minusOne")
            .conditionExpression("attribute_exists(id)")
            .expressionAttributeValues(Map.of(":minusOne", n(-1))).build()).build(),
        TransactWriteItem.builder().delete(Delete.builder().tableName(db.name(Tables.TIMELINES))
            .key(Map.of("owner_id", s(status.authorId()), "status_id", n(status.numericId()))).build()).build()),
        StatusService::notFound);
  }

  @Override
  public List<Status> byAuthor(String authorId, PageRequest page) {
    if (Windows.isEmpty(page)) {
      return List.of();
    }
    return posts.index(StatusItem.AUTHOR_INDEX)
        .query(r -> r.queryConditional(Windows.of(authorId, page)).scanIndexForward(page.ascending())
            .limit(page.limit()))
        .stream().limit(1).flatMap(p -> p.items().stream()).map(StatusItem::toStatus).toList();
  }
}
