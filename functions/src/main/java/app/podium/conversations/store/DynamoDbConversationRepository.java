package app.podium.conversations.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.conversations.ConversationStore;
import app.podium.shared.PageRequest;
import app.podium.statuses.Status;
import app.podium.statuses.store.StatusItem;
import app.podium.store.DynamoDb;
import app.podium.store.Windows;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

/**
 * The reads of threads and hashtags, on the tables that posting writes: the posts table's parent
 * index (a status's direct replies) and the tagged statuses (a hashtag's public statuses).
 */
public final class DynamoDbConversationRepository implements ConversationStore {
  private final DynamoDb db;
  private final DynamoDbTable<StatusItem> posts;

  public DynamoDbConversationRepository(DynamoDb db) {
    this.db = db;
    this.posts = db.table(Tables.POSTS, StatusItem.SCHEMA);
  }

  @Override
  public List<Status> replies(String parentId, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    // the parent index projects every attribute: the replies come whole, no read per reply
    return posts
        .index(StatusItem.PARENT_INDEX)
        .query(
            r ->
                r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(parentId)))
                    .scanIndexForward(true)
                    .limit(limit))
        .stream()
        .flatMap(p -> p.items().stream())
        .limit(limit)
        .map(StatusItem::toStatus)
        .toList();
  }

  @Override
  public List<Long> taggedIds(String tag, PageRequest page) {
    if (Windows.isEmpty(page)) {
      return List.of();
    }
    var query =
        QueryRequest.builder()
            .tableName(db.name(Tables.TAGGED_STATUSES))
            .keyConditionExpression("tag = :tag AND status_id BETWEEN :lower AND :upper")
            .expressionAttributeValues(
                Map.of(
                    ":tag",
                    s(tag),
                    ":lower",
                    n(Windows.lower(page)),
                    ":upper",
                    n(Windows.upper(page))))
            .scanIndexForward(page.ascending())
            .limit(page.limit())
            .projectionExpression("status_id")
            .build();
    return db.client().query(query).items().stream()
        .map(item -> Long.parseLong(item.get("status_id").n()))
        .toList();
  }
}
