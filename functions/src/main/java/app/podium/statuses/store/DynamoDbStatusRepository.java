package app.podium.statuses.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.accounts.store.AccountItem;
import app.podium.shared.PageRequest;
import app.podium.stats.store.DynamoDbStatsRepository;
import app.podium.statuses.Status;
import app.podium.statuses.StatusService;
import app.podium.statuses.StatusStore;
import app.podium.statuses.StatusText;
import app.podium.statuses.store.StatusCounters.StatusCount;
import app.podium.store.Batches;
import app.podium.store.CounterShards;
import app.podium.store.DynamoDb;
import app.podium.store.TimelineItem;
import app.podium.store.Windows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

public final class DynamoDbStatusRepository implements StatusStore {
  private final DynamoDb db;
  private final DynamoDbTable<StatusItem> posts;

  /**
   * A large account's statuses keep their counts in shards: found and listed statuses have them
   * summed in.
   */
  private final StatusCounters counters;

  public DynamoDbStatusRepository(DynamoDb db) {
    this.db = db;
    this.counters = new StatusCounters(new CounterShards(db));
    this.posts = db.table(Tables.POSTS, StatusItem.SCHEMA);
  }

  /**
   * A reply is counted on its parent, whose counter shards are read first (a status's shards never
   * change).
   */
  @Override
  public boolean create(Status status, Instant ownEntryExpiresAt) {
    if (status.inReplyToId().isPresent()) {
      return createReply(
          status,
          find(status.inReplyToId().get()).orElseThrow(StatusService::notFound),
          ownEntryExpiresAt);
    }
    return db.transactUnlessDone(creating(db, status, ownEntryExpiresAt), StatusService::notFound);
  }

  /**
   * Stores the reply as {@link #create} does and, in the same transaction, adds one to the parent's
   * reply count, on the condition that the parent still exists: a reply to a status deleted
   * meanwhile is refused whole (404), so no count is left on nothing.
   */
  @Override
  public boolean createReply(Status reply, Status parent, Instant ownEntryExpiresAt) {
    List<TransactWriteItem> items = new ArrayList<>(creating(db, reply, ownEntryExpiresAt));
    items.addAll(replyCount(reply, parent, 1));
    return db.transactUnlessDone(items, StatusService::notFound);
  }

  /**
   * The writes that store a new status: the status (its id must be new), its count and time on the
   * author's account, the author's own timeline entry, the server's post count, and its tag
   * timeline entries.
   */
  public static List<TransactWriteItem> creating(
      DynamoDb db, Status status, Instant ownEntryExpiresAt) {
    Map<String, AttributeValue> ownEntry =
        TimelineItem.SCHEMA.itemToMap(
            TimelineItem.of(
                status.authorId(), status.numericId(), status.authorId(), ownEntryExpiresAt),
            true);
    List<TransactWriteItem> items =
        new ArrayList<>(
            List.of(
                db.put(
                    Tables.POSTS,
                    StatusItem.SCHEMA.itemToMap(StatusItem.from(status), true),
                    "attribute_not_exists(id)"),
                DynamoDb.write(
                    AccountItem.update(
                        db,
                        status.authorId(),
                        "ADD statuses_count :one SET last_status_at = :at",
                        Map.of(":one", n(1), ":at", n(status.createdAt().toEpochMilli())))),
                db.put(Tables.TIMELINES, ownEntry, null),
                DynamoDbStatsRepository.countPost(db, status.id(), 1)));
    for (String tag : StatusText.indexedTags(status)) {
      items.add(
          db.put(
              Tables.TAGGED_STATUSES,
              Map.of(
                  "tag",
                  s(tag),
                  "status_id",
                  n(status.numericId()),
                  "author_id",
                  s(status.authorId())),
              null));
    }
    return items;
  }

  /**
   * {@code delta} on the parent's reply count ({@link StatusCounters#countOnStatus}); a sharded
   * parent's count lives apart from its item, so the transaction also checks that the parent still
   * exists.
   */
  private List<TransactWriteItem> replyCount(Status reply, Status parent, int delta) {
    List<TransactWriteItem> items = new ArrayList<>();
    if (parent.counterShards() > 1) {
      items.add(
          db.check(Tables.POSTS, Map.of("id", n(parent.numericId())), "attribute_exists(id)"));
    }
    items.add(
        DynamoDb.write(
            StatusCounters.countOnStatus(
                db, parent, StatusCount.REPLIES, reply.authorId(), delta)));
    return items;
  }

  /**
   * The writes that delete a status: the status (it must still exist), its count on the author's
   * account, the author's own timeline entry and the server's post count.
   */
  public static List<TransactWriteItem> deleting(DynamoDb db, String statusId, String authorId) {
    return List.of(
        db.delete(Tables.POSTS, Map.of("id", n(Long.parseLong(statusId))), "attribute_exists(id)"),
        DynamoDb.write(
            AccountItem.update(
                db, authorId, "ADD statuses_count :minusOne", Map.of(":minusOne", n(-1)))),
        db.delete(
            Tables.TIMELINES,
            Map.of("owner_id", s(authorId), "status_id", n(Long.parseLong(statusId))),
            null),
        DynamoDbStatsRepository.countPost(db, statusId, -1));
  }

  @Override
  public Optional<Status> find(String id) {
    return Optional.ofNullable(
            posts.getItem(
                r ->
                    r.key(Key.builder().partitionValue(Long.parseLong(id)).build())
                        .consistentRead(true)))
        .map(item -> counters.withShards(List.of(item.toStatus())).getFirst());
  }

  @Override
  public List<Status> findAll(Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Map<String, AttributeValue>> keys =
        ids.stream().distinct().map(DynamoDbStatusRepository::key).toList();
    return statuses(Batches.get(db.client(), db.name(Tables.POSTS), keys, null, null));
  }

  public static Map<String, AttributeValue> key(String id) {
    return Map.of("id", n(Long.parseLong(id)));
  }

  /**
   * The statuses a batch read of their {@link #key keys} found (alone, or beside another table's
   * items), the counter shards of all of them summed in one read.
   */
  public List<Status> statuses(Collection<Map<String, AttributeValue>> items) {
    return counters.withShards(
        items.stream().map(item -> StatusItem.SCHEMA.mapToItem(item).toStatus()).toList());
  }

  /**
   * Deletes the status with its author's count, own timeline entry and tag timeline entries; a
   * reply also takes its one back from its parent's reply count. A parent deleted first has no
   * count left to change: then the delete runs again without it.
   */
  @Override
  public boolean delete(Status status) {
    List<TransactWriteItem> items = new ArrayList<>(deleting(db, status.id(), status.authorId()));
    for (String tag : StatusText.indexedTags(status)) {
      items.add(
          db.delete(
              Tables.TAGGED_STATUSES,
              Map.of("tag", s(tag), "status_id", n(status.numericId())),
              null));
    }
    Optional<Status> parent = status.inReplyToId().flatMap(this::find);
    if (parent.isEmpty()) {
      return db.transactUnlessDone(items, StatusService::notFound);
    }
    int uncounted = items.size();
    List<TransactWriteItem> withCount = new ArrayList<>(items);
    withCount.addAll(replyCount(status, parent.get(), -1));
    try {
      return db.transactUnlessDone(
          withCount,
          failed ->
              failed.stream().allMatch(i -> i == 0 || i >= uncounted)
                  ? new ParentGone()
                  : StatusService.notFound());
    } catch (ParentGone gone) {
      // the parent went between the read and the transaction: nothing left to uncount
      return db.transactUnlessDone(items, StatusService::notFound);
    }
  }

  /**
   * The parent's condition failed in a delete's transaction; carries no stack, it never leaves this
   * class.
   */
  private static final class ParentGone extends RuntimeException {
    ParentGone() {
      super(null, null, false, false);
    }
  }

  @Override
  public List<Status> byAuthor(String authorId, PageRequest page) {
    return counters.withShards(
        Windows.firstPage(posts.index(StatusItem.AUTHOR_INDEX), authorId, page).stream()
            .map(StatusItem::toStatus)
            .toList());
  }
}
