package app.podium.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;

import java.time.Instant;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

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
      StaticTableSchema.builder(TimelineItem.class)
          .newItemSupplier(TimelineItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("owner_id")
                      .getter(i -> i.ownerId)
                      .setter((i, v) -> i.ownerId = v)
                      .tags(primaryPartitionKey()))
          .addAttribute(
              Long.class,
              a ->
                  a.name("status_id")
                      .getter(i -> i.statusId)
                      .setter((i, v) -> i.statusId = v)
                      .tags(primarySortKey()))
          .addAttribute(
              String.class,
              a -> a.name("author_id").getter(i -> i.authorId).setter((i, v) -> i.authorId = v))
          .addAttribute(
              Long.class,
              a -> a.name("expires_at").getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
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
