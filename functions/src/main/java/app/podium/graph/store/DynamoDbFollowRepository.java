package app.podium.graph.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.accounts.Account;
import app.podium.accounts.store.AccountItem;
import app.podium.graph.Follow;
import app.podium.graph.FollowStore;
import app.podium.shared.DomainException;
import app.podium.shared.PageRequest;
import app.podium.shared.Slice;
import app.podium.store.Attributes;
import app.podium.store.Batches;
import app.podium.store.CounterShards;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import app.podium.store.Windows;
import java.lang.invoke.MethodHandles;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
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
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Follows, with both accounts' counters changed in the same transaction as the follow itself.
 *
 * <p>An account's followers are spread over {@link #SHARDS} followee-index keys once it has {@code
 * FOLLOWER_SHARDS_FROM} followers (1,000 by default: well under a key's 1,000 writes a second even
 * with the follows in flight while the account crosses it), and from then on its follower count is
 * kept in as many counter items ({@link Tables#COUNTER_SHARDS}) instead of on the account item: a
 * burst of thousands of follows a second of one account writes no key more than DynamoDB's 1,000
 * writes a second allow. Readers of the followee index read every shard; follows made before the
 * account was sharded stay in shard 0.
 */
public final class DynamoDbFollowRepository implements FollowStore {
  static final String FOLLOWEE_INDEX = "by_followee";
  static final String FOLLOWER_INDEX = "by_follower";
  static final int SHARDS = 16;
  private static final ExecutorService SHARD_READS = Executors.newVirtualThreadPerTaskExecutor();

  public static final class FollowItem {
    String followerId;
    String followeeId;
    String followeeKey;

    /**
     * The follower-count shard this follow was counted in; none when it was counted on the account.
     */
    Integer countedShard;

    Long id;
    Long createdAt;

    public static final TableSchema<FollowItem> SCHEMA =
        Schemas.of(Tables.FOLLOWS, FollowItem.class, FollowItem::new, MethodHandles.lookup());

    Follow toFollow() {
      return new Follow(Long.toString(id), followerId, followeeId, Attributes.instant(createdAt));
    }
  }

  private final DynamoDb db;
  private final DynamoDbTable<FollowItem> follows;

  /** Followers at which an account's new followers start being spread over shards. */
  private final long shardedFrom;

  public DynamoDbFollowRepository(DynamoDb db, long shardedFrom) {
    this.db = db;
    this.shardedFrom = shardedFrom;
    this.follows = db.table(Tables.FOLLOWS, FollowItem.SCHEMA);
  }

  /** The followee index key of one shard of an account's followers. */
  public static String followeeKey(String followeeId, int shard) {
    return followeeId + "#" + shard;
  }

  /**
   * How many shards a new follow of the account spreads over: more once it has many followers,
   * never fewer.
   */
  private int shardsFor(Account followee) {
    return followee.followerShards() > 1 || followee.followersCount() < shardedFrom
        ? followee.followerShards()
        : SHARDS;
  }

  static int shardOf(String followerId, int shards) {
    return Math.floorMod(followerId.hashCode(), shards);
  }

  @Override
  public boolean follow(Follow follow, Account followee) {
    int shards = shardsFor(followee);
    int shard = shardOf(follow.followerId(), shards);
    FollowItem item = new FollowItem();
    item.followerId = follow.followerId();
    item.followeeId = follow.followeeId();
    item.followeeKey = followeeKey(follow.followeeId(), shard);
    item.countedShard = shards > 1 ? shard : null;
    item.id = Long.parseLong(follow.id());
    item.createdAt = Attributes.millis(follow.createdAt());
    Map<String, AttributeValue> followerValues = new HashMap<>(Map.of(":one", n(1)));
    String followerUpdate = "ADD following_count :one";
    if (followee.large()) {
      followerUpdate += ", large_followees :large";
      followerValues.put(":large", AttributeValue.fromSs(List.of(follow.followeeId())));
    }
    Update follower = AccountItem.update(db, follow.followerId(), followerUpdate, followerValues);
    // items 3 and 4: no block either way, checked in the transaction so a block racing the follow
    // cannot miss it
    List<TransactWriteItem> items =
        new ArrayList<>(
            List.of(
                db.put(
                    Tables.FOLLOWS,
                    FollowItem.SCHEMA.itemToMap(item, true),
                    "attribute_not_exists(follower_id)"),
                DynamoDb.write(follower),
                DynamoDb.write(followerCount(follow.followeeId(), item.countedShard, 1)),
                noBlock(follow.followeeId(), follow.followerId()),
                noBlock(follow.followerId(), follow.followeeId())));
    if (shards > followee.followerShards()) {
      items.add(
          DynamoDb.write(
              AccountItem.update(
                  db,
                  follow.followeeId(),
                  "SET follower_shards = :shards",
                  Map.of(":shards", n(shards)))));
    }
    return db.transactUnlessDone(
        items,
        failed ->
            failed.contains(3) || failed.contains(4)
                ? new DomainException.Forbidden("This action is not allowed")
                : new DomainException.NotFound("Record not found"));
  }

  private TransactWriteItem noBlock(String ownerId, String targetId) {
    return db.check(
        Tables.BLOCKS_MUTES,
        Map.of(
            "owner_id",
            s(ownerId),
            "kind_target",
            s(
                DynamoDbBlockMuteRepository.sortKey(
                    app.podium.graph.BlockOrMute.Kind.BLOCK, targetId))),
        "attribute_not_exists(owner_id)");
  }

  @Override
  public boolean unfollow(String followerId, String followeeId) {
    FollowItem existing =
        follows.getItem(
            r ->
                r.key(k -> k.partitionValue(followerId).sortValue(followeeId))
                    .consistentRead(true));
    if (existing == null) {
      return false;
    }
    Update follower =
        AccountItem.update(
            db,
            followerId,
            "ADD following_count :minusOne DELETE large_followees :followee",
            Map.of(":minusOne", n(-1), ":followee", AttributeValue.fromSs(List.of(followeeId))));
    return transact(
        List.of(
            db.delete(
                Tables.FOLLOWS,
                Map.of("follower_id", s(followerId), "followee_id", s(followeeId)),
                "attribute_exists(follower_id)"),
            DynamoDb.write(follower),
            DynamoDb.write(followerCount(followeeId, existing.countedShard, -1))));
  }

  /** The followee's follower count: on the account item, or in one of its counter shards. */
  private Update followerCount(String followeeId, Integer shard, int delta) {
    if (shard == null) {
      return AccountItem.update(
          db, followeeId, "ADD followers_count :delta", Map.of(":delta", n(delta)));
    }
    return CounterShards.add(db, followeeId, shard, delta);
  }

  /** True if the follow changed; false if it already was as asked. A missing account is a 404. */
  private boolean transact(List<TransactWriteItem> items) {
    return db.transactUnlessDone(items, () -> new DomainException.NotFound("Record not found"));
  }

  @Override
  public Set<String> followedBy(String followerId, Collection<String> followeeIds) {
    return existing(followeeIds.stream().map(followee -> key(followerId, followee)).toList())
        .stream()
        .map(i -> i.followeeId)
        .collect(Collectors.toSet());
  }

  @Override
  public Set<String> followersAmong(String followeeId, Collection<String> followerIds) {
    return existing(followerIds.stream().map(follower -> key(follower, followeeId)).toList())
        .stream()
        .map(i -> i.followerId)
        .collect(Collectors.toSet());
  }

  private List<FollowItem> existing(List<Map<String, AttributeValue>> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    return Batches.get(db.client(), db.name(Tables.FOLLOWS), keys, null, null).stream()
        .map(FollowItem.SCHEMA::mapToItem)
        .toList();
  }

  private static Map<String, AttributeValue> key(String followerId, String followeeId) {
    return Map.of("follower_id", s(followerId), "followee_id", s(followeeId));
  }

  /** One start cursor per shard of the account's followers: {@code <shard>/}. */
  @Override
  public List<String> followerShards(String followeeId) {
    return IntStream.range(0, shardsOf(followeeId)).mapToObj(shard -> shard + "/").toList();
  }

  /**
   * One shard's followers in follow order. The cursor is {@code <shard>/<follow id>:<follower id>},
   * or {@code <shard>/} at the start of the shard; none is the start of shard 0.
   */
  @Override
  public Slice<Follow> followerPage(String followeeId, Optional<String> cursor, int limit) {
    String[] at = cursor.orElse("0/").split("/", 2);
    int shard = Integer.parseInt(at[0]);
    String key = followeeKey(followeeId, shard);
    QueryRequest.Builder request =
        QueryRequest.builder()
            .tableName(db.name(Tables.FOLLOWS))
            .indexName(FOLLOWEE_INDEX)
            .keyConditionExpression("followee_key = :key")
            .expressionAttributeValues(Map.of(":key", s(key)))
            .limit(limit);
    if (!at[1].isEmpty()) {
      String[] last = at[1].split(":", 2);
      request.exclusiveStartKey(
          Map.of(
              "followee_key",
              s(key),
              "id",
              n(Long.parseLong(last[0])),
              "follower_id",
              s(last[1]),
              "followee_id",
              s(followeeId)));
    }
    var response = db.client().query(request.build());
    List<Follow> page =
        response.items().stream().map(i -> FollowItem.SCHEMA.mapToItem(i).toFollow()).toList();
    Optional<String> next =
        response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !page.isEmpty()
            ? Optional.of(shard + "/" + page.getLast().id() + ":" + page.getLast().followerId())
            : Optional.empty();
    return new Slice<>(page, next);
  }

  private int shardsOf(String accountId) {
    return db.item(
            Tables.ACCOUNTS,
            Map.of("id", s(accountId)),
            r -> r.projectionExpression("follower_shards"))
        .map(item -> item.get("follower_shards"))
        .map(shards -> Integer.parseInt(shards.n()))
        .orElse(1);
  }

  /** Each shard's window read at once, merged in follow-id order. */
  @Override
  public List<Follow> followers(String followeeId, int shards, PageRequest page) {
    if (shards <= 1) {
      return window(FOLLOWEE_INDEX, followeeKey(followeeId, 0), page);
    }
    List<CompletableFuture<List<Follow>>> reads =
        IntStream.range(0, shards)
            .mapToObj(
                shard ->
                    CompletableFuture.supplyAsync(
                        () -> window(FOLLOWEE_INDEX, followeeKey(followeeId, shard), page),
                        SHARD_READS))
            .toList();
    Comparator<Follow> order = Comparator.comparingLong(f -> Long.parseLong(f.id()));
    return reads.stream()
        .flatMap(read -> read.join().stream())
        .sorted(page.ascending() ? order : order.reversed())
        .limit(page.limit())
        .toList();
  }

  @Override
  public List<Follow> following(String followerId, PageRequest page) {
    return window(FOLLOWER_INDEX, followerId, page);
  }

  private List<Follow> window(String index, String partition, PageRequest page) {
    return Windows.firstPage(follows.index(index), partition, page).stream()
        .map(FollowItem::toFollow)
        .toList();
  }
}
