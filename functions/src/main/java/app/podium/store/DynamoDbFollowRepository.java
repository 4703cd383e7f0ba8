package app.podium.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primarySortKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import app.podium.Tables;
import app.podium.domain.Follow;
import app.podium.domain.FollowStore;
import app.podium.domain.PageRequest;
import app.podium.domain.Slice;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionCheck;
import software.amazon.awssdk.services.dynamodb.model.Delete;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import app.podium.domain.DomainException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/** Follows, with both accounts' counters changed in the same transaction as the follow itself. */
public final class DynamoDbFollowRepository implements FollowStore {
  static final String FOLLOWEE_INDEX = "by_followee";
  static final String FOLLOWER_INDEX = "by_follower";

  static final class FollowItem {
    String followerId;
    String followeeId;
    Long id;
    Long createdAt;

    static final TableSchema<FollowItem> SCHEMA = StaticTableSchema.builder(FollowItem.class)
        .newItemSupplier(FollowItem::new)
        .addAttribute(String.class, a -> a.name("follower_id").getter(i -> i.followerId)
            .setter((i, v) -> i.followerId = v).tags(primaryPartitionKey(), secondaryPartitionKey(FOLLOWER_INDEX)))
        .addAttribute(String.class, a -> a.name("followee_id").getter(i -> i.followeeId)
            .setter((i, v) -> i.followeeId = v).tags(primarySortKey(), secondaryPartitionKey(FOLLOWEE_INDEX)))
        .addAttribute(Long.class, a -> a.name("id").getter(i -> i.id).setter((i, v) -> i.id = v)
            .tags(secondarySortKey(FOLLOWEE_INDEX), secondarySortKey(FOLLOWER_INDEX)))
        .addAttribute(Long.class, a -> a.name("created_at").getter(i -> i.createdAt)
            .setter((i, v) -> i.createdAt = v))
        .build();

    Follow toFollow() {
      return new Follow(Long.toString(id), followerId, followeeId, Attributes.instant(createdAt));
    }
  }

  private final DynamoDb db;
  private final DynamoDbTable<FollowItem> follows;

  public DynamoDbFollowRepository(DynamoDb db) {
    this.db = db;
    this.follows = db.table(Tables.FOLLOWS, FollowItem.SCHEMA);
  }

  @Override
  public boolean follow(Follow follow, boolean followeeIsLarge) {
    FollowItem item = new FollowItem();
    item.followerId = follow.followerId();
    item.followeeId = follow.followeeId();
    item.id = Long.parseLong(follow.id());
    item.createdAt = Attributes.millis(follow.createdAt());
    Map<String, AttributeValue> followerValues = new HashMap<>(Map.of(":one", n(1)));
    String followerUpdate = "ADD following_count :one";
    if (followeeIsLarge) {
      followerUpdate += ", large_followees :large";
      followerValues.put(":large", AttributeValue.fromSs(List.of(follow.followeeId())));
    }
    Update follower = Update.builder().tableName(db.name(Tables.ACCOUNTS)).key(Map.of("id", s(follow.followerId())))
        .updateExpression(followerUpdate).conditionExpression("attribute_exists(id)")
        .expressionAttributeValues(followerValues).build();
    // items 3 and 4: no block either way, checked in the transaction so a block racing the follow cannot miss it
    List<TransactWriteItem> items = List.of(
        TransactWriteItem.builder().put(Put.builder().tableName(db.name(Tables.FOLLOWS))
            .item(FollowItem.SCHEMA.itemToMap(item, true))
            .conditionExpression("attribute_not_exists(follower_id)").build()).build(),
        TransactWriteItem.builder().update(follower).build(),
        TransactWriteItem.builder().update(counter(follow.followeeId(), "followers_count", 1)).build(),
        noBlock(follow.followeeId(), follow.followerId()),
        noBlock(follow.followerId(), follow.followeeId()));
    return db.transactUnlessDone(items, failed -> failed.contains(3) || failed.contains(4)
        ? new DomainException.Forbidden("This action is not allowed")
        : new DomainException.NotFound("Record not found"));
  }

  private TransactWriteItem noBlock(String ownerId, String targetId) {
    return TransactWriteItem.builder().conditionCheck(ConditionCheck.builder()
        .tableName(db.name(Tables.BLOCKS_MUTES))
        .key(Map.of("owner_id", s(ownerId), "kind_target", s(DynamoDbBlockMuteRepository.sortKey(
            app.podium.domain.BlockOrMute.Kind.BLOCK, targetId))))
        .conditionExpression("attribute_not_exists(owner_id)").build()).build();
  }

  @Override
  public boolean unfollow(String followerId, String followeeId) {
    Update follower = Update.builder().tableName(db.name(Tables.ACCOUNTS)).key(Map.of("id", s(followerId)))
        .updateExpression("ADD following_count :minusOne DELETE large_followees :followee")
        .conditionExpression("attribute_exists(id)")
        .expressionAttributeValues(Map.of(":minusOne", n(-1), ":followee", AttributeValue.fromSs(List.of(followeeId))))
        .build();
    return transact(
        TransactWriteItem.builder().delete(Delete.builder().tableName(db.name(Tables.FOLLOWS))
            .key(Map.of("follower_id", s(followerId), "followee_id", s(followeeId)))
            .conditionExpression("attribute_exists(follower_id)").build()).build(),
        TransactWriteItem.builder().update(follower).build(),
        TransactWriteItem.builder().update(counter(followeeId, "followers_count", -1)).build());
  }

  private Update counter(String accountId, String attribute, int delta) {
    return Update.builder().tableName(db.name(Tables.ACCOUNTS)).key(Map.of("id", s(accountId)))
        .updateExpression("ADD " + attribute + " :delta").conditionExpression("attribute_exists(id)")
        .expressionAttributeValues(Map.of(":delta", n(delta))).build();
  }

  /** True if the follow changed; false if it already was as asked. A missing account is a 404. */
  private boolean transact(TransactWriteItem... items) {
    return db.transactUnlessDone(List.of(items), () -> new DomainException.NotFound("Record not found"));
  }

  @Override
  public Set<String> followedBy(String followerId, Collection<String> followeeIds) {
    return existing(followeeIds.stream().map(followee -> key(followerId, followee)).toList())
        .stream().map(i -> i.followeeId).collect(Collectors.toSet());
  }

  @Override
  public Set<String> followersAmong(String followeeId, Collection<String> followerIds) {
    return existing(followerIds.stream().map(follower -> key(follower, followeeId)).toList())
        .stream().map(i -> i.followerId).collect(Collectors.toSet());
  }

  private List<FollowItem> existing(List<Map<String, AttributeValue>> keys) {
    if (keys.isEmpty()) {
      return List.of();
    }
    return Batches.get(db.client(), db.name(Tables.FOLLOWS), keys, null, null).stream()
        .map(FollowItem.SCHEMA::mapToItem).toList();
  }

  private static Map<String, AttributeValue> key(String followerId, String followeeId) {
    return Map.of("follower_id", s(followerId), "followee_id", s(followeeId));
  }

  /** The cursor is the last follow's index key: {@code <follow id>:<follower id>}. */
  @Override
  public Slice<Follow> followerPage(String followeeId, Optional<String> cursor, int limit) {
    QueryRequest.Builder request = QueryRequest.builder().tableName(db.name(Tables.FOLLOWS)).indexName(FOLLOWEE_INDEX)
        .keyConditionExpression("followee_id = :followee")
        .expressionAttributeValues(Map.of(":followee", s(followeeId))).limit(limit);
    cursor.ifPresent(c -> {
      String[] parts = c.split(":", 2);
      request.exclusiveStartKey(Map.of("followee_id", s(followeeId), "id", n(Long.parseLong(parts[0])),
          "follower_id", s(parts[1])));
    });
    var response = db.client().query(request.build());
    List<Follow> page = response.items().stream().map(i -> FollowItem.SCHEMA.mapToItem(i).toFollow()).toList();
    Optional<String> next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty() && !page.isEmpty()
        ? Optional.of(page.getLast().id() + ":" + page.getLast().followerId()) : Optional.empty();
    return new Slice<>(page, next);
  }

  @Override
  public List<Follow> followers(String followeeId, PageRequest page) {
    return window(FOLLOWEE_INDEX, followeeId, page);
  }

  @Override
  public List<Follow> following(String followerId, PageRequest page) {
    return window(FOLLOWER_INDEX, followerId, page);
  }

  private List<Follow> window(String index, String partition, PageRequest page) {
    if (Windows.isEmpty(page)) {
      return List.of();
    }
    return follows.index(index)
        .query(r -> r.queryConditional(Windows.of(partition, page)).scanIndexForward(page.ascending())
            .limit(page.limit()))
        .stream().limit(1).flatMap(p -> p.items().stream()).map(FollowItem::toFollow).toList();
  }
}
