package app.podium.store;

import static app.podium.store.Schemas.NUMBER;
import static app.podium.store.Schemas.STRING;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An item of the timelines table; {@code expires_at} is in epoch seconds, as DynamoDB's TTL reads
 * it. Here, beside the tables' mechanism, because posting and reblogging write the author's own
 * entry in their transactions too.
 */
public final class TimelineItem {
  String ownerId;
  Long statusId;
  String authorId;
  Long expiresAt;

  public static final TableSchema<TimelineItem> SCHEMA =
      Schemas.of(TimelineItem.class, TimelineItem::new)
          .add(STRING, "owner_id", i -> i.ownerId, (i, v) -> i.ownerId = v, primaryPartitionKey())
          .add(NUMBER, "status_id", i -> i.statusId, (i, v) -> i.statusId = v, primarySortKey())
          .add(STRING, "author_id", i -> i.authorId, (i, v) -> i.authorId = v)
          .add(NUMBER, "expires_at", i -> i.expiresAt, (i, v) -> i.expiresAt = v)
          .build();

  public static TimelineItem of(String ownerId, long statusId, String authorId, Instant expiresAt) {
    TimelineItem item = new TimelineItem();
    item.ownerId = ownerId;
    item.statusId = statusId;
    item.authorId = authorId;
    item.expiresAt = expiresAt.getEpochSecond();
    return item;
  }

  public String ownerId() {
    return ownerId;
  }

  public long statusId() {
    return statusId;
  }

  public String authorId() {
    return authorId;
  }
}
