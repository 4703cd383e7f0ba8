package app.podium.graph.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.BlockOrMute;
import app.podium.shared.PageRequest;
import app.podium.store.Attributes;
import app.podium.store.Batches;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import app.podium.store.Windows;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Blocks and mutes in one table: item key (owner, {@code block:<target>} or {@code mute:<target>}).
 * A block is a conditional put; a mute an update that keeps the first mute's id; removal a
 * conditional delete. Each block has a mirror in the blocked member's partition ({@code <target>},
 * {@code ~blocked_by:<owner>}), written and deleted in the block's own transaction: "which of these
 * authors block me" is then a batch read of the reader's own keys, and a member's blocks, mutes and
 * blockers are one query of their partition. {@code ~} sorts after every kind, so a member's own
 * items come first and a key range reads them without the mirrors; the mirror has no index
 * attributes, so no index sees it.
 */
public final class DynamoDbBlockMuteRepository implements BlockMuteStore {
  static final String OWNER_INDEX = "by_owner";
  static final String TARGET_INDEX = "by_target";
  static final String BLOCKED_BY = "~blocked_by:";

  /**
   * Blockers of a member read by one query of the member's mirrors, beyond which they are read by
   * key.
   */
  static final int BLOCKERS_QUERIED = 100;

  public static final class BlockMuteItem {
    String ownerId;
    String kindTarget;
    String ownerKind;
    String targetId;
    Long id;
    Long createdAt;
    Boolean notifications;

    /** Epoch seconds, the table's TTL attribute. */
    Long expiresAt;

    public static final TableSchema<BlockMuteItem> SCHEMA =
        Schemas.of(
            Tables.BLOCKS_MUTES, BlockMuteItem.class, BlockMuteItem::new, MethodHandles.lookup());

    BlockOrMute toDomain() {
      BlockOrMute.Kind kind =
          kindTarget.startsWith("block:") ? BlockOrMute.Kind.BLOCK : BlockOrMute.Kind.MUTE;
      return new BlockOrMute(
          kind,
          Long.toString(id),
          ownerId,
          targetId,
          Attributes.instant(createdAt),
          Boolean.TRUE.equals(notifications),
          Optional.ofNullable(expiresAt).map(Instant::ofEpochSecond));
    }
  }

  private final DynamoDb db;
  private final DynamoDbTable<BlockMuteItem> table;

  public DynamoDbBlockMuteRepository(DynamoDb db) {
    this.db = db;
    this.table = db.table(Tables.BLOCKS_MUTES, BlockMuteItem.SCHEMA);
  }

  static String sortKey(BlockOrMute.Kind kind, String targetId) {
    return kind.name().toLowerCase(Locale.ROOT) + ":" + targetId;
  }

  /**
   * The mirror of {@code ownerId}'s block of {@code targetId}, in the blocked member's partition.
   */
  static Map<String, AttributeValue> mirrorKey(String ownerId, String targetId) {
    return Map.of("owner_id", s(targetId), "kind_target", s(BLOCKED_BY + ownerId));
  }

  private static String blocker(Map<String, AttributeValue> mirror) {
    return mirror.get("kind_target").s().substring(BLOCKED_BY.length());
  }

  static String ownerKind(String ownerId, BlockOrMute.Kind kind) {
    return ownerId + ":" + kind.name().toLowerCase(Locale.ROOT);
  }

  private static Map<String, AttributeValue> key(
      String ownerId, BlockOrMute.Kind kind, String targetId) {
    return Map.of("owner_id", s(ownerId), "kind_target", s(sortKey(kind, targetId)));
  }

  @Override
  public boolean block(BlockOrMute block) {
    BlockMuteItem item = new BlockMuteItem();
    item.ownerId = block.ownerId();
    item.kindTarget = sortKey(BlockOrMute.Kind.BLOCK, block.targetId());
    item.ownerKind = ownerKind(block.ownerId(), BlockOrMute.Kind.BLOCK);
    item.targetId = block.targetId();
    item.id = Long.parseLong(block.id());
    item.createdAt = Attributes.millis(block.createdAt());
    Map<String, AttributeValue> mirror =
        new HashMap<>(mirrorKey(block.ownerId(), block.targetId()));
    mirror.put("id", n(item.id));
    mirror.put("created_at", n(item.createdAt));
    return db.transactUnlessDone(
        List.of(
            db.put(
                Tables.BLOCKS_MUTES,
                BlockMuteItem.SCHEMA.itemToMap(item, true),
                "attribute_not_exists(owner_id)"),
            db.put(Tables.BLOCKS_MUTES, mirror, null)),
        DynamoDbBlockMuteRepository::onlyTheFirstIsGuarded);
  }

  @Override
  public void mute(BlockOrMute mute) {
    Map<String, AttributeValue> values =
        new HashMap<>(
            Map.of(
                ":ownerKind",
                s(ownerKind(mute.ownerId(), BlockOrMute.Kind.MUTE)),
                ":target",
                s(mute.targetId()),
                ":id",
                n(Long.parseLong(mute.id())),
                ":createdAt",
                n(mute.createdAt().toEpochMilli()),
                ":notifications",
                AttributeValue.fromBool(mute.hidesNotifications())));
    String update =
        "SET owner_kind = :ownerKind, target_id = :target, id = if_not_exists(id, :id), "
            + "created_at = if_not_exists(created_at, :createdAt), notifications = :notifications";
    if (mute.expiresAt().isPresent()) {
      Instant at = mute.expiresAt().get();
      // whole seconds, as TTL wants them, rounded up so a mute never ends early
      values.put(":expiresAt", n(at.getEpochSecond() + (at.getNano() > 0 ? 1 : 0)));
      update += ", expires_at = :expiresAt";
    } else {
      update += " REMOVE expires_at";
    }
    String expression = update;
    db.client()
        .updateItem(
            r ->
                r.tableName(db.name(Tables.BLOCKS_MUTES))
                    .key(key(mute.ownerId(), BlockOrMute.Kind.MUTE, mute.targetId()))
                    .updateExpression(expression)
                    .expressionAttributeValues(values));
  }

  @Override
  public boolean remove(BlockOrMute.Kind kind, String ownerId, String targetId) {
    String table = db.name(Tables.BLOCKS_MUTES);
    if (kind == BlockOrMute.Kind.BLOCK) {
      return db.transactUnlessDone(
          List.of(
              db.delete(
                  Tables.BLOCKS_MUTES, key(ownerId, kind, targetId), "attribute_exists(owner_id)"),
              db.delete(Tables.BLOCKS_MUTES, mirrorKey(ownerId, targetId), null)),
          DynamoDbBlockMuteRepository::onlyTheFirstIsGuarded);
    }
    try {
      db.client()
          .deleteItem(
              r ->
                  r.tableName(table)
                      .key(key(ownerId, kind, targetId))
                      .conditionExpression("attribute_exists(owner_id)"));
      return true;
    } catch (ConditionalCheckFailedException absent) {
      return false;
    }
  }

  private static IllegalStateException onlyTheFirstIsGuarded() {
    return new IllegalStateException(
        "a block's mirror carries no condition, so only the block's own can fail");
  }

  @Override
  public List<BlockOrMute> between(String viewerId, Collection<String> otherIds) {
    // a set: with the viewer among the others, two of the keys are the same, and DynamoDB refuses
    // duplicates
    java.util.Set<Map<String, AttributeValue>> keys = new java.util.LinkedHashSet<>();
    for (String other : otherIds) {
      keys.add(key(viewerId, BlockOrMute.Kind.BLOCK, other));
      keys.add(key(viewerId, BlockOrMute.Kind.MUTE, other));
      keys.add(key(other, BlockOrMute.Kind.BLOCK, viewerId));
    }
    if (keys.isEmpty()) {
      return List.of();
    }
    return Batches.get(db.client(), db.name(Tables.BLOCKS_MUTES), List.copyOf(keys), null, null)
        .stream()
        .map(i -> BlockMuteItem.SCHEMA.mapToItem(i).toDomain())
        .toList();
  }

  /**
   * Eventually consistent: a block made a moment ago may still let its target read one more page,
   * which only the blocked member could notice. Most members are blocked by few: one query of their
   * mirrors' partition, costing what it finds, answers for every account at once; only a member
   * blocked by more than {@link #BLOCKERS_QUERIED} gets the batch read of one key per account
   * instead (a read unit each, whatever it finds).
   */
  @Override
  public java.util.Set<String> blockersOf(String memberId, Collection<String> accountIds) {
    java.util.Set<String> others =
        accountIds.stream()
            .filter(id -> !id.equals(memberId))
            .collect(java.util.stream.Collectors.toSet());
    if (others.isEmpty()) {
      return java.util.Set.of();
    }
    Optional<java.util.Set<String>> all = allBlockersOf(memberId);
    if (all.isPresent()) {
      return all.get().stream()
          .filter(others::contains)
          .collect(java.util.stream.Collectors.toSet());
    }
    List<Map<String, AttributeValue>> keys =
        others.stream().map(id -> mirrorKey(id, memberId)).toList();
    return Batches.get(db.client(), db.name(Tables.BLOCKS_MUTES), keys, "kind_target", null)
        .stream()
        .map(DynamoDbBlockMuteRepository::blocker)
        .collect(java.util.stream.Collectors.toSet());
  }

  /** Eventually consistent, as {@link #blockersOf}. */
  @Override
  public Optional<java.util.Set<String>> allBlockersOf(String memberId) {
    var firstPage =
        db.client()
            .query(
                r ->
                    r.tableName(db.name(Tables.BLOCKS_MUTES))
                        .keyConditionExpression(
                            "owner_id = :member AND begins_with(kind_target, :mirrors)")
                        .projectionExpression("kind_target")
                        .expressionAttributeValues(
                            Map.of(":member", s(memberId), ":mirrors", s(BLOCKED_BY)))
                        .limit(BLOCKERS_QUERIED));
    if (firstPage.hasLastEvaluatedKey() && !firstPage.lastEvaluatedKey().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        firstPage.items().stream()
            .map(DynamoDbBlockMuteRepository::blocker)
            .collect(java.util.stream.Collectors.toSet()));
  }

  /**
   * Strongly consistent, so a home timeline read right after a block or mute already leaves the
   * target out. The key range stops before the member's mirrors.
   */
  @Override
  public List<BlockOrMute> heldBy(String ownerId) {
    return table
        .query(
            r ->
                r.queryConditional(
                        QueryConditional.sortLessThan(
                            k -> k.partitionValue(ownerId).sortValue(BLOCKED_BY)))
                    .consistentRead(true))
        .items()
        .stream()
        .map(BlockMuteItem::toDomain)
        .toList();
  }

  /**
   * One strongly consistent query of the member's partition, their own items then their mirrors,
   * when it holds no more than {@link #BLOCKERS_QUERIED} items in all; for a member with more, the
   * two reads it stands for.
   */
  @Override
  public MemberBlocks ofMember(String memberId) {
    var all =
        db.client()
            .query(
                r ->
                    r.tableName(db.name(Tables.BLOCKS_MUTES))
                        .keyConditionExpression("owner_id = :member")
                        .expressionAttributeValues(Map.of(":member", s(memberId)))
                        .consistentRead(true)
                        .limit(BLOCKERS_QUERIED));
    if (all.hasLastEvaluatedKey() && !all.lastEvaluatedKey().isEmpty()) {
      return new MemberBlocks(heldBy(memberId), allBlockersOf(memberId));
    }
    List<BlockOrMute> held = new ArrayList<>();
    java.util.Set<String> blockers = new java.util.HashSet<>();
    for (Map<String, AttributeValue> item : all.items()) {
      if (item.get("kind_target").s().startsWith(BLOCKED_BY)) {
        blockers.add(blocker(item));
      } else {
        held.add(BlockMuteItem.SCHEMA.mapToItem(item).toDomain());
      }
    }
    return new MemberBlocks(held, Optional.of(blockers));
  }

  @Override
  public List<BlockOrMute> targeting(String targetId) {
    return table
        .index(TARGET_INDEX)
        .query(
            r -> r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(targetId))))
        .stream()
        .flatMap(p -> p.items().stream())
        .map(BlockMuteItem::toDomain)
        .toList();
  }

  /**
   * Newest first, also for a {@code min_id} page (read upwards, then turned round), as Mastodon
   * answers.
   */
  @Override
  public List<BlockOrMute> page(BlockOrMute.Kind kind, String ownerId, PageRequest page) {
    List<BlockOrMute> items =
        new ArrayList<>(
            Windows.firstPage(table.index(OWNER_INDEX), ownerKind(ownerId, kind), page).stream()
                .map(BlockMuteItem::toDomain)
                .toList());
    if (page.ascending()) {
      java.util.Collections.reverse(items);
    }
    return items;
  }
}
