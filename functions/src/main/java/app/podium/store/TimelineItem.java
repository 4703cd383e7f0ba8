package app.podium.store;

import app.podium.Tables;
import java.lang.invoke.MethodHandles;
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
      Schemas.of(Tables.TIMELINES, TimelineItem.class, TimelineItem::new, MethodHandles.lookup());

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
