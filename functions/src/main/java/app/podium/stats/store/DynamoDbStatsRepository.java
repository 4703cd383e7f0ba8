package app.podium.stats.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.stats.ActivityPeriod;
import app.podium.stats.InstanceStats;
import app.podium.stats.StatsStore;
import app.podium.store.CounterShards;
import app.podium.store.DynamoDb;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * The server's statistics as {@link CounterShards}, each over {@link #SHARDS} items so that no
 * burst of signups, posts or first reads of a month writes one item near DynamoDB's limit: {@code
 * instance:members#<shard>} (added by the signup transaction), {@code instance:posts#<shard>}
 * (added and taken away by the transactions that post and delete a status or reblog) and {@code
 * instance:active:<period>#<shard>} (added by a member's signup or first activity in the period,
 * with the member's marker {@code instance:active:<period>:<account id>}, which expires after the
 * period). A read sums the four counters' shards in one batch read, kept in the container for a
 * couple of seconds.
 */
public final class DynamoDbStatsRepository implements StatsStore {
  /** Shards per counter: four counters' shards are one batch read (up to 100 keys). */
  static final int SHARDS = 16;

  static final String MEMBERS = "instance:members";
  static final String POSTS = "instance:posts";

  private final DynamoDb db;
  private final CounterShards shards;

  public DynamoDbStatsRepository(DynamoDb db) {
    this.db = db;
    this.shards = new CounterShards(db);
  }

  /** The write that counts (or with {@code -1}, uncounts) a member, for the signup transaction. */
  public static TransactWriteItem countMember(DynamoDb db, String accountId, long delta) {
    return DynamoDb.write(CounterShards.add(db, MEMBERS, shardOf(accountId), delta));
  }

  /** The write that counts (or uncounts) a status or reblog, for its transaction. */
  public static TransactWriteItem countPost(DynamoDb db, String statusId, long delta) {
    return DynamoDb.write(CounterShards.add(db, POSTS, shardOf(statusId), delta));
  }

  /** Spreads one counter's writes over its shards by the id of what is counted. */
  static int shardOf(String id) {
    return Math.floorMod(id.hashCode(), SHARDS);
  }

  static String active(ActivityPeriod period) {
    return "instance:active:" + period.name();
  }

  static String marker(ActivityPeriod period, String memberId) {
    return active(period) + ":" + memberId;
  }

  @Override
  public InstanceStats read(ActivityPeriod month, ActivityPeriod halfYear) {
    Map<String, Long> sums =
        shards.sums(
            Map.of(
                MEMBERS, SHARDS, POSTS, SHARDS, active(month), SHARDS, active(halfYear), SHARDS));
    return new InstanceStats(
        Math.max(0, sums.get(MEMBERS)),
        Math.max(0, sums.get(POSTS)),
        sums.get(active(month)),
        sums.get(active(halfYear)));
  }

  /**
   * The writes that count a new member active in the periods holding {@code at}, for the signup
   * transaction (a signup is the member's first sign-in, as Mastodon counts it): each period's
   * marker, new with the account, and one on its counter.
   */
  public static List<TransactWriteItem> countNewMemberActive(
      DynamoDb db, String memberId, Instant at) {
    List<TransactWriteItem> writes = new ArrayList<>();
    for (ActivityPeriod period : ActivityPeriod.holding(at)) {
      writes.add(marker(db, memberId, period));
      writes.add(countActive(db, memberId, period));
    }
    return writes;
  }

  /**
   * One transaction: the member's marker for the period (it must be new) and one on the period's
   * counter. A marker already there fails the first item, and nothing is counted.
   */
  @Override
  public boolean countActive(String memberId, ActivityPeriod period) {
    return db.transactUnlessDone(
        List.of(marker(db, memberId, period), countActive(db, memberId, period)),
        () -> new IllegalStateException("an activity count failed a condition it does not have"));
  }

  /** The member's marker for the period, on the condition that it is new; expires with it. */
  private static TransactWriteItem marker(DynamoDb db, String memberId, ActivityPeriod period) {
    return TransactWriteItem.builder()
        .put(
            p ->
                p.tableName(db.name(Tables.COUNTER_SHARDS))
                    .item(
                        Map.of(
                            "key",
                            s(marker(period, memberId)),
                            "expires_at",
                            n(period.end().getEpochSecond())))
                    .conditionExpression("attribute_not_exists(#k)")
                    .expressionAttributeNames(Map.of("#k", "key")))
        .build();
  }

  private static TransactWriteItem countActive(
      DynamoDb db, String memberId, ActivityPeriod period) {
    return DynamoDb.write(CounterShards.add(db, active(period), shardOf(memberId), 1));
  }
}
