package app.podium.reactions.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.reactions.Reaction;
import app.podium.reactions.ReactionStore;
import app.podium.shared.DomainException;
import app.podium.shared.Ids;
import app.podium.shared.PageRequest;
import app.podium.statuses.Interactions;
import app.podium.statuses.Status;
import app.podium.statuses.store.DynamoDbStatusRepository;
import app.podium.statuses.store.StatusCounters;
import app.podium.statuses.store.StatusCounters.StatusCount;
import app.podium.store.Attributes;
import app.podium.store.Batches;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import app.podium.store.Windows;
import java.lang.invoke.MethodHandles;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Favourites and reblogs ({@link Tables#REACTIONS}), one item per (member, status and kind). Each
 * is written in one transaction with the count it changes: on the status's item, or for a large
 * account's status on the member's counter shard ({@link StatusCounters}), whose number is also the
 * reaction's {@code by_status} shard, so neither the counter nor the index key of a status that
 * draws thousands of favourites a second is written more than DynamoDB allows one key.
 */
public final class DynamoDbReactionRepository implements ReactionStore {
  static final String ACCOUNT_INDEX = "by_account";
  static final String STATUS_INDEX = "by_status";
  private static final ExecutorService SHARD_READS = Executors.newVirtualThreadPerTaskExecutor();

  /**
   * How far below the newest of a page's ids the reader's reactions are read by range rather than
   * by key.
   */
  static final Duration RANGE_SPAN = Duration.ofDays(2);

  public static final class ReactionItem {
    String accountId;
    String statusKind;
    Long id;

    /** {@code <member>:favourite}, for favourites only: the member's favourites list. */
    String accountKind;

    /**
     * {@code <status>:favourite#<shard>} or {@code <status>:reblog#<shard>}: who reacted to the
     * status.
     */
    String statusKey;

    Long statusId;
    Long reblogId;
    Long createdAt;

    public static final TableSchema<ReactionItem> SCHEMA =
        Schemas.of(Tables.REACTIONS, ReactionItem.class, ReactionItem::new, MethodHandles.lookup());

    static ReactionItem of(Reaction reaction, int shard) {
      ReactionItem item = new ReactionItem();
      item.accountId = reaction.accountId();
      item.statusKind = statusKind(reaction.statusId(), reaction.kind());
      item.id = Long.parseLong(reaction.id());
      item.accountKind =
          reaction.kind() == Reaction.Kind.FAVOURITE
              ? reaction.accountId() + ":" + reaction.kind().text()
              : null;
      item.statusKey = statusKey(reaction.kind(), reaction.statusId(), shard);
      item.statusId = Long.parseLong(reaction.statusId());
      item.reblogId = reaction.reblogId().map(Long::parseLong).orElse(null);
      item.createdAt = Attributes.millis(reaction.createdAt());
      return item;
    }

    Reaction toReaction() {
      Reaction.Kind kind =
          statusKind.endsWith(":" + Reaction.Kind.REBLOG.text())
              ? Reaction.Kind.REBLOG
              : Reaction.Kind.FAVOURITE;
      return new Reaction(
          Long.toString(id),
          accountId,
          kind,
          Long.toString(statusId),
          Optional.ofNullable(reblogId).map(String::valueOf),
          Attributes.instant(createdAt));
    }
  }

  private final DynamoDb db;
  private final DynamoDbTable<ReactionItem> reactions;

  public DynamoDbReactionRepository(DynamoDb db) {
    this.db = db;
    this.reactions = db.table(Tables.REACTIONS, ReactionItem.SCHEMA);
  }

  /**
   * The status first, then the kind, so that a span of status ids is one range of the member's
   * items holding both kinds.
   */
  static String statusKind(String statusId, Reaction.Kind kind) {
    return statusId + ":" + kind.text();
  }

  static String statusKey(Reaction.Kind kind, String statusId, int shard) {
    return statusId + ":" + kind.text() + "#" + shard;
  }

  private Map<String, AttributeValue> key(String accountId, Reaction.Kind kind, String statusId) {
    return Map.of("account_id", s(accountId), "status_kind", s(statusKind(statusId, kind)));
  }

  private TransactWriteItem putNew(Reaction reaction, Status status) {
    return db.put(
        Tables.REACTIONS,
        ReactionItem.SCHEMA.itemToMap(
            ReactionItem.of(reaction, StatusCounters.shardOf(status, reaction.accountId())), true),
        "attribute_not_exists(account_id)");
  }

  @Override
  public boolean favourite(Reaction favourite, Status status) {
    return db.transactUnlessDone(
        List.of(
            putNew(favourite, status),
            DynamoDb.write(
                StatusCounters.countOnStatus(
                    db, status, StatusCount.FAVOURITES, favourite.accountId(), 1))),
        DynamoDbReactionRepository::statusGone);
  }

  @Override
  public boolean unfavourite(String accountId, Status status) {
    return db.transactUnlessDone(
        List.of(
            db.delete(
                Tables.REACTIONS,
                key(accountId, Reaction.Kind.FAVOURITE, status.id()),
                "attribute_exists(account_id)"),
            DynamoDb.write(
                StatusCounters.countOnStatus(db, status, StatusCount.FAVOURITES, accountId, -1))),
        DynamoDbReactionRepository::statusGone);
  }

  @Override
  public boolean reblog(Status original, Status reblog, Instant ownEntryExpiresAt) {
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(putNew(Reaction.reblog(reblog), original));
    items.addAll(DynamoDbStatusRepository.creating(db, reblog, ownEntryExpiresAt));
    items.add(
        DynamoDb.write(
            StatusCounters.countOnStatus(db, original, StatusCount.REBLOGS, reblog.authorId(), 1)));
    return db.transactUnlessDone(items, DynamoDbReactionRepository::statusGone);
  }

  @Override
  public boolean unreblog(Reaction reblog, Optional<Status> original) {
    String reblogId = reblog.reblogId().orElse(reblog.id());
    List<TransactWriteItem> items = new ArrayList<>();
    items.add(
        TransactWriteItem.builder()
            .delete(
                Delete.builder()
                    .tableName(db.name(Tables.REACTIONS))
                    .key(key(reblog.accountId(), Reaction.Kind.REBLOG, reblog.statusId()))
                    .conditionExpression("attribute_exists(account_id) AND reblog_id = :reblog")
                    .expressionAttributeValues(Map.of(":reblog", n(Long.parseLong(reblogId))))
                    .build())
            .build());
    items.addAll(DynamoDbStatusRepository.deleting(db, reblogId, reblog.accountId()));
    // the original's count goes with it, unless the original is gone (its reblogs are being cleaned
    // up)
    original.ifPresent(
        o ->
            items.add(
                DynamoDb.write(
                    StatusCounters.countOnStatus(
                        db, o, StatusCount.REBLOGS, reblog.accountId(), -1))));
    return db.transactUnlessDone(items, DynamoDbReactionRepository::statusGone);
  }

  private static RuntimeException statusGone() {
    return new DomainException.NotFound("Record not found");
  }

  @Override
  public Optional<Reaction> find(String accountId, Reaction.Kind kind, String statusId) {
    return Optional.ofNullable(
            reactions.getItem(
                r ->
                    r.key(k -> k.partitionValue(accountId).sortValue(statusKind(statusId, kind)))
                        .consistentRead(true)))
        .map(ReactionItem::toReaction);
  }

  /**
   * A page's statuses were mostly posted within a short span: the member's reactions to those are
   * read by one query of their own items in that span (both kinds, as the sort key puts the status
   * before the kind), which costs what it finds, where a batch read of every (status, kind) key
   * costs a read per key whether the member reacted or not. Ids older than {@link #RANGE_SPAN}
   * below the newest (a reblogged original from long ago) are still read by key.
   */
  @Override
  public Interactions interactions(String accountId, Collection<String> statusIds) {
    if (statusIds.isEmpty()) {
      return Interactions.NONE;
    }
    Set<String> asked = new HashSet<>(statusIds);
    long newest = asked.stream().mapToLong(Long::parseLong).max().orElseThrow();
    long floor = newest - Ids.floorOf(RANGE_SPAN.toMillis());
    // ids of one length compare as strings as they do as numbers, so the sort key's order is the
    // ids' order
    int digits = Long.toString(newest).length();
    Set<String> ranged =
        asked.stream()
            .filter(id -> id.length() == digits && Long.parseLong(id) >= floor)
            .collect(Collectors.toSet());
    String oldest = ranged.stream().min(Comparator.naturalOrder()).orElseThrow();
    // ';' follows ':', so the range ends after every kind of the newest status
    CompletableFuture<List<String>> read =
        CompletableFuture.supplyAsync(
            () -> statusKindsBetween(accountId, oldest + ":", newest + ";"), SHARD_READS);
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    asked.stream()
        .filter(id -> !ranged.contains(id))
        .forEach(
            statusId -> {
              for (Reaction.Kind kind : Reaction.Kind.values()) {
                keys.add(key(accountId, kind, statusId));
              }
            });
    List<String> found = new ArrayList<>();
    Batches.get(db.client(), db.name(Tables.REACTIONS), keys, "status_kind", null)
        .forEach(item -> found.add(item.get("status_kind").s()));
    found.addAll(read.join());
    Set<String> favourited = new HashSet<>();
    Set<String> reblogged = new HashSet<>();
    for (String statusKind : found) {
      String[] statusAndKind = statusKind.split(":", 2);
      if (asked.contains(statusAndKind[0])) {
        (statusAndKind[1].equals(Reaction.Kind.REBLOG.text()) ? reblogged : favourited)
            .add(statusAndKind[0]);
      }
    }
    return new Interactions(favourited, reblogged);
  }

  private List<String> statusKindsBetween(String accountId, String from, String to) {
    return db
        .client()
        .queryPaginator(
            r ->
                r.tableName(db.name(Tables.REACTIONS))
                    .keyConditionExpression(
                        "account_id = :account AND status_kind BETWEEN :from AND :to")
                    .expressionAttributeValues(
                        Map.of(":account", s(accountId), ":from", s(from), ":to", s(to)))
                    .projectionExpression("status_kind"))
        .items()
        .stream()
        .map(item -> item.get("status_kind").s())
        .toList();
  }

  /** Each shard's window read at once, merged in reaction-id order. */
  @Override
  public List<Reaction> byStatus(Reaction.Kind kind, Status status, PageRequest page) {
    int shards = Math.max(1, status.counterShards());
    if (shards == 1) {
      return byStatusShard(kind, status.id(), 0, page);
    }
    List<CompletableFuture<List<Reaction>>> reads =
        IntStream.range(0, shards)
            .mapToObj(
                shard ->
                    CompletableFuture.supplyAsync(
                        () -> byStatusShard(kind, status.id(), shard, page), SHARD_READS))
            .toList();
    Comparator<Reaction> order = Comparator.comparingLong(r -> Long.parseLong(r.id()));
    return reads.stream()
        .flatMap(read -> read.join().stream())
        .sorted(page.ascending() ? order : order.reversed())
        .limit(page.limit())
        .toList();
  }

  @Override
  public List<Reaction> byStatusShard(
      Reaction.Kind kind, String statusId, int shard, PageRequest page) {
    return window(STATUS_INDEX, statusKey(kind, statusId, shard), page);
  }

  @Override
  public List<Reaction> favouritesOf(String accountId, PageRequest page) {
    return window(ACCOUNT_INDEX, accountId + ":" + Reaction.Kind.FAVOURITE.text(), page);
  }

  private List<Reaction> window(String index, String partition, PageRequest page) {
    return Windows.firstPage(reactions.index(index), partition, page).stream()
        .map(ReactionItem::toReaction)
        .toList();
  }
}
