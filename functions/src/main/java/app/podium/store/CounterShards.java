package app.podium.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.accounts.Account;
import app.podium.statuses.Status;
import app.podium.statuses.StatusCounts;
import app.podium.statuses.store.StatusItem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Counters spread over shards ({@link Tables#COUNTER_SHARDS}) so that a burst never writes one item more than
 * DynamoDB's 1,000 times a second: the follower counts of sharded accounts ({@code <account id>#<shard>}) and the
 * reply, reblog and favourite counts of a large account's statuses ({@code <status id>:favourites#<shard>}). The
 * account's or status's own item holds the rest of each count. Readers add the shards to it; each counter's sum
 * is kept in the container for {@link #KEPT}, so the hundreds of reads a second of a popular profile or post
 * cost one batch read per window, and a page of statuses one batch read for all its sharded counters. Exact once
 * a burst is over and the window has passed.
 */
public final class CounterShards {
  static final Duration KEPT = Duration.ofSeconds(2);

  /** One of a status's counts: the attribute on its item, and the name of its shards. */
  public enum StatusCount {
    REPLIES(StatusItem.REPLIES_COUNT, "replies"),
    REBLOGS(StatusItem.REBLOGS_COUNT, "reblogs"),
    FAVOURITES(StatusItem.FAVOURITES_COUNT, "favourites");

    final String attribute;
    final String shardName;

    StatusCount(String attribute, String shardName) {
      this.attribute = attribute;
      this.shardName = shardName;
    }

    /** The counter's name in {@link Tables#COUNTER_SHARDS}: {@code <status id>:favourites}. */
    String counter(String statusId) {
      return statusId + ":" + shardName;
    }
  }

  private record Sum(long value, long readAtNanos) {}

  private final DynamoDb db;
  private final Map<String, Sum> sums = new ConcurrentHashMap<>();

  public CounterShards(DynamoDb db) {
    this.db = db;
  }

  /** The key of one shard of a counter ({@code <account id>} or {@code <status id>:favourites}). */
  public static String key(String counter, int shard) {
    return counter + "#" + shard;
  }

  /** Which of a status's counter shards a member's reply, reblog or favourite is counted in (0 when unsharded). */
  public static int shardOf(Status status, String memberId) {
    return status.counterShards() > 1 ? Math.floorMod(memberId.hashCode(), status.counterShards()) : 0;
  }

  /**
   * The write that counts (or with a negative {@code delta}, uncounts) one reply, reblog or favourite of
   * {@code status} by {@code memberId}: ADD on the status's item, which must still exist, when its counts are not
   * sharded; otherwise ADD on the member's shard of the counter (no condition: that item is made by the ADD).
   */
  public static Update countOnStatus(DynamoDb db, Status status, StatusCount count, String memberId, long delta) {
    if (status.counterShards() <= 1) {
      return Update.builder().tableName(db.name(Tables.POSTS)).key(Map.of("id", n(status.numericId())))
          .updateExpression("ADD " + count.attribute + " :delta").conditionExpression("attribute_exists(id)")
          .expressionAttributeValues(Map.of(":delta", n(delta))).build();
    }
    return Update.builder().tableName(db.name(Tables.COUNTER_SHARDS))
        .key(Map.of("key", s(key(count.counter(status.id()), shardOf(status, memberId)))))
        .updateExpression("ADD #count :delta").expressionAttributeNames(Map.of("#count", "count"))
        .expressionAttributeValues(Map.of(":delta", n(delta))).build();
  }

  /** The account with the shards' counts added to its own, when its followers are sharded. */
  public Account withShards(Account account) {
    if (account.followerShards() <= 1) {
      return account;
    }
    long sharded = sums(Map.of(account.id(), account.followerShards())).get(account.id());
    return account.withFollowersCount(Math.max(0, account.followersCount() + sharded));
  }

  /**
   * The statuses with their sharded counts added to their own, in the same order: one batch read for all the
   * counters of the sharded ones whose sums are not kept.
   */
  public List<Status> withShards(Collection<Status> statuses) {
    Map<String, Integer> counters = new LinkedHashMap<>();
    for (Status status : statuses) {
      if (status.counterShards() > 1) {
        for (StatusCount count : StatusCount.values()) {
          counters.put(count.counter(status.id()), status.counterShards());
        }
      }
    }
    if (counters.isEmpty()) {
      return List.copyOf(statuses);
    }
    Map<String, Long> summed = sums(counters);
    List<Status> result = new ArrayList<>();
    for (Status status : statuses) {
      if (status.counterShards() <= 1) {
        result.add(status);
        continue;
      }
      StatusCounts own = status.counts();
      result.add(status.withCounts(new StatusCounts(
          Math.max(0, own.replies() + summed.get(StatusCount.REPLIES.counter(status.id()))),
          Math.max(0, own.reblogs() + summed.get(StatusCount.REBLOGS.counter(status.id()))),
          Math.max(0, own.favourites() + summed.get(StatusCount.FAVOURITES.counter(status.id()))))));
    }
    return result;
  }

  /** Each counter's sum over its shards (counter name -> how many shards), from the kept sums where fresh. */
  private Map<String, Long> sums(Map<String, Integer> counters) {
    long now = System.nanoTime();
    Map<String, Long> result = new HashMap<>();
    List<String> toRead = new ArrayList<>();
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    for (var counter : counters.entrySet()) {
      Sum kept = sums.get(counter.getKey());
      if (kept != null && now - kept.readAtNanos() < KEPT.toNanos()) {
        result.put(counter.getKey(), kept.value());
        continue;
      }
      toRead.add(counter.getKey());
      for (int shard = 0; shard < counter.getValue(); shard++) {
        keys.add(Map.of("key", s(key(counter.getKey(), shard))));
      }
    }
    if (toRead.isEmpty()) {
      return result;
    }
    Map<String, Long> read = new HashMap<>();
    for (var item : Batches.get(db.client(), db.name(Tables.COUNTER_SHARDS), keys, null, null)) {
      String shardKey = item.get("key").s();
      String counter = shardKey.substring(0, shardKey.lastIndexOf('#'));
      read.merge(counter, item.containsKey("count") ? Long.parseLong(item.get("count").n()) : 0, Long::sum);
    }
    for (String counter : toRead) {
      long value = read.getOrDefault(counter, 0L);
      result.put(counter, value);
      sums.put(counter, new Sum(value, now));
    }
    return result;
  }
}
