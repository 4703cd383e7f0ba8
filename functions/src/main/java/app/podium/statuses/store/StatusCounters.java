package app.podium.statuses.store;

import static app.podium.store.Attributes.n;

import app.podium.Tables;
import app.podium.statuses.Status;
import app.podium.statuses.StatusCounts;
import app.podium.store.CounterShards;
import app.podium.store.DynamoDb;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * A status's reply, reblog and favourite counts: on its item, or for a large account's status
 * spread over {@link CounterShards} ({@code <status id>:favourites#<shard>}) so that a burst of
 * favourites never writes one item more than DynamoDB allows. Readers add the shards' sums to the
 * item's counts.
 */
public final class StatusCounters {
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

  private final CounterShards shards;

  public StatusCounters(CounterShards shards) {
    this.shards = shards;
  }

  /**
   * Which of a status's counter shards a member's reply, reblog or favourite is counted in (0 when
   * unsharded).
   */
  public static int shardOf(Status status, String memberId) {
    return status.counterShards() > 1
        ? Math.floorMod(memberId.hashCode(), status.counterShards())
        : 0;
  }

  /**
   * The write that counts (or with a negative {@code delta}, uncounts) one reply, reblog or
   * favourite of {@code status} by {@code memberId}: ADD on the status's item, which must still
   * exist, when its counts are not sharded; otherwise ADD on the member's shard of the counter (no
   * condition: that item is made by the ADD).
   */
  public static Update countOnStatus(
      DynamoDb db, Status status, StatusCount count, String memberId, long delta) {
    if (status.counterShards() <= 1) {
      return db.update(
          Tables.POSTS,
          Map.of("id", n(status.numericId())),
          "ADD " + count.attribute + " :delta",
          "attribute_exists(id)",
          Map.of(":delta", n(delta)));
    }
    return CounterShards.add(db, count.counter(status.id()), shardOf(status, memberId), delta);
  }

  /**
   * The statuses with their sharded counts added to their own, in the same order: one batch read
   * for all the counters of the sharded ones whose sums are not kept.
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
    Map<String, Long> summed = shards.sums(counters);
    List<Status> result = new ArrayList<>();
    for (Status status : statuses) {
      if (status.counterShards() <= 1) {
        result.add(status);
        continue;
      }
      StatusCounts own = status.counts();
      result.add(
          status.withCounts(
              new StatusCounts(
                  Math.max(0, own.replies() + summed.get(StatusCount.REPLIES.counter(status.id()))),
                  Math.max(0, own.reblogs() + summed.get(StatusCount.REBLOGS.counter(status.id()))),
                  Math.max(
                      0,
                      own.favourites()
                          + summed.get(StatusCount.FAVOURITES.counter(status.id()))))));
    }
    return result;
  }
}
