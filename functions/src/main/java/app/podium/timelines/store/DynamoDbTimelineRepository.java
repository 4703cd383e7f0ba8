package app.podium.timelines.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.shared.PageRequest;
import app.podium.store.Batches;
import app.podium.store.DynamoDb;
import app.podium.store.TimelineItem;
import app.podium.store.Windows;
import app.podium.timelines.TimelineEntry;
import app.podium.timelines.TimelineStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Home timelines. Writes go in batches (see {@link Batches}); reads are strongly consistent. */
public final class DynamoDbTimelineRepository implements TimelineStore {
  private final DynamoDb db;
  private final DynamoDbTable<TimelineItem> timelines;
  private final Duration entryLifetime;
  private final Clock clock;

  public DynamoDbTimelineRepository(DynamoDb db, Duration entryLifetime, Clock clock) {
    this.db = db;
    this.timelines = db.table(Tables.TIMELINES, TimelineItem.SCHEMA);
    this.entryLifetime = entryLifetime;
    this.clock = clock;
  }

  @Override
  public void write(List<TimelineEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Instant expiresAt = clock.instant().plus(entryLifetime);
    Batches.write(
        db.client(),
        db.name(Tables.TIMELINES),
        entries.stream()
            .map(e -> TimelineItem.of(e.ownerId(), e.statusId(), e.authorId(), expiresAt))
            .map(item -> TimelineItem.SCHEMA.itemToMap(item, true))
            .map(item -> WriteRequest.builder().putRequest(p -> p.item(item)).build())
            .toList());
  }

  @Override
  public void remove(List<TimelineEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    Batches.delete(
        db.client(),
        db.name(Tables.TIMELINES),
        entries.stream()
            .map(e -> Map.of("owner_id", s(e.ownerId()), "status_id", n(e.statusId())))
            .toList());
  }

  @Override
  public List<TimelineEntry> page(String ownerId, PageRequest page) {
    if (Windows.isEmpty(page)) {
      return List.of();
    }
    return timelines
        .query(
            r ->
                r.queryConditional(Windows.of(ownerId, page))
                    .scanIndexForward(page.ascending())
                    .limit(page.limit())
                    .consistentRead(true))
        .stream()
        .limit(1)
        .flatMap(p -> p.items().stream())
        .map(DynamoDbTimelineRepository::entry)
        .toList();
  }

  @Override
  public List<TimelineEntry> byAuthor(String ownerId, String authorId) {
    return timelines
        .query(
            r ->
                r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(ownerId)))
                    .filterExpression(
                        Expression.builder()
                            .expression("author_id = :author")
                            .expressionValues(Map.of(":author", s(authorId)))
                            .build()))
        .items()
        .stream()
        .map(DynamoDbTimelineRepository::entry)
        .toList();
  }

  @Override
  public java.util.Set<String> holding(java.util.Collection<String> ownerIds, long statusId) {
    if (ownerIds.isEmpty()) {
      return java.util.Set.of();
    }
    return Batches.get(
            db.client(),
            db.name(Tables.TIMELINES),
            ownerIds.stream()
                .distinct()
                .map(owner -> Map.of("owner_id", s(owner), "status_id", n(statusId)))
                .toList(),
            "owner_id",
            null)
        .stream()
        .map(item -> item.get("owner_id").s())
        .collect(java.util.stream.Collectors.toSet());
  }

  @Override
  public int trim(String ownerId, int keep) {
    List<TimelineEntry> beyond =
        timelines
            .query(
                r ->
                    r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(ownerId)))
                        .scanIndexForward(false)
                        .attributesToProject("owner_id", "status_id", "author_id"))
            .items()
            .stream()
            .skip(keep)
            .map(DynamoDbTimelineRepository::entry)
            .toList();
    remove(beyond);
    return beyond.size();
  }

  private static TimelineEntry entry(TimelineItem item) {
    return new TimelineEntry(item.ownerId(), item.statusId(), item.authorId());
  }
}
