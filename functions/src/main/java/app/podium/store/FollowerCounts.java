package app.podium.store;

import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.domain.Account;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The follower counts of sharded accounts ({@link DynamoDbFollowRepository}): the account item's own counter
 * plus one counter per shard, summed at read and kept in the container for {@link #KEPT}, so the hundreds of
 * reads a second of a popular account's profile cost one batch read per window. Exact once a burst of follows
 * is over and the window has passed.
 */
final class FollowerCounts {
  static final Duration KEPT = Duration.ofSeconds(2);

  private record Sum(long value, long readAtNanos) {}

  private final DynamoDb db;
  private final Map<String, Sum> sums = new ConcurrentHashMap<>();

  FollowerCounts(DynamoDb db) {
    this.db = db;
  }

  static String key(String accountId, int shard) {
    return accountId + "#" + shard;
  }

  /** The account with the shards' counts added to its own, when its followers are sharded. */
  Account withShards(Account account) {
    if (account.followerShards() <= 1) {
      return account;
    }
    long sharded = sum(account.id(), account.followerShards());
    return account.withFollowersCount(Math.max(0, account.followersCount() + sharded));
  }

  private long sum(String accountId, int shards) {
    long now = System.nanoTime();
    Sum kept = sums.get(accountId);
    if (kept != null && now - kept.readAtNanos() < KEPT.toNanos()) {
      return kept.value();
    }
    List<Map<String, AttributeValue>> keys = IntStream.range(0, shards)
        .mapToObj(shard -> Map.of("key", s(key(accountId, shard)))).toList();
    long value = Batches.get(db.client(), db.name(Tables.COUNTER_SHARDS), keys, null, null).stream()
        .mapToLong(item -> item.containsKey("count") ? Long.parseLong(item.get("count").n()) : 0).sum();
    sums.put(accountId, new Sum(value, now));
    return value;
  }
}
