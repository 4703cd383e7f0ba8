package app.podium.store;

import static app.podium.store.Attributes.s;

import app.podium.Tables;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Counters spread over shards ({@link Tables#COUNTER_SHARDS}) so that a burst never writes one item
 * more than DynamoDB's 1,000 times a second: the follower counts of sharded accounts ({@code
 * <account id>#<shard>}, see {@code DynamoDbAccountRepository}) and the reply, reblog and favourite
 * counts of a large account's statuses ({@code <status id>:favourites#<shard>}, see {@code
 * StatusCounters}). The account's or status's own item holds the rest of each count. Readers add
 * the shards to it; each counter's sum is kept in the container for {@link #KEPT}, so the hundreds
 * of reads a second of a popular profile or post cost one batch read per window, and a page of
 * statuses one batch read for all its sharded counters. Exact once a burst is over and the window
 * has passed.
 */
public final class CounterShards {
  static final Duration KEPT = Duration.ofSeconds(2);

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

  /**
   * The transaction's write that adds {@code delta} to one shard of a counter (no condition: the
   * shard's item is made by the ADD).
   */
  public static Update add(DynamoDb db, String counter, int shard, long delta) {
    return Update.builder()
        .tableName(db.name(Tables.COUNTER_SHARDS))
        .key(Map.of("key", s(key(counter, shard))))
        .updateExpression("ADD #count :delta")
        .expressionAttributeNames(Map.of("#count", "count"))
        .expressionAttributeValues(Map.of(":delta", Attributes.n(delta)))
        .build();
  }

  /**
   * Each counter's sum over its shards (counter name -> how many shards), from the kept sums where
   * fresh.
   */
  public Map<String, Long> sums(Map<String, Integer> counters) {
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
      read.merge(
          counter,
          item.containsKey("count") ? Long.parseLong(item.get("count").n()) : 0,
          Long::sum);
    }
    for (String counter : toRead) {
      long value = read.getOrDefault(counter, 0L);
      result.put(counter, value);
      sums.put(counter, new Sum(value, now));
    }
    return result;
  }
}
