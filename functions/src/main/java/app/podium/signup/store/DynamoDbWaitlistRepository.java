package app.podium.signup.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.signup.WaitlistEntry;
import app.podium.signup.WaitlistStore;
import app.podium.store.Attributes;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/**
 * The waitlist. Entries still waiting carry {@code queue = "waiting#<shard>"}, so the queue index
 * is sparse; the shard (from the email's hash) spreads a national rush of joins over {@link
 * #SHARDS} index partitions instead of one (1,000 writes a second each). The longest-waiting
 * entries are the oldest of every shard's oldest, merged.
 */
public final class DynamoDbWaitlistRepository implements WaitlistStore {
  static final String QUEUE_INDEX = "by_queue";
  static final String WAITING = "waiting";
  static final int SHARDS = 16;

  public static final class WaitlistItem {
    String email;
    String queue;
    Long joinedAt;
    String inviteCode;
    Long releasedAt;

    public static final TableSchema<WaitlistItem> SCHEMA =
        Schemas.of(Tables.WAITLIST, WaitlistItem.class, WaitlistItem::new, MethodHandles.lookup());

    WaitlistEntry toEntry() {
      return new WaitlistEntry(
          email,
          Attributes.instant(joinedAt),
          Optional.ofNullable(inviteCode),
          Attributes.optionalInstant(releasedAt));
    }
  }

  private final DynamoDb db;
  private final DynamoDbTable<WaitlistItem> waitlist;

  public DynamoDbWaitlistRepository(DynamoDb db) {
    this.db = db;
    this.waitlist = db.table(Tables.WAITLIST, WaitlistItem.SCHEMA);
  }

  @Override
  public boolean join(WaitlistEntry entry) {
    WaitlistItem item = new WaitlistItem();
    item.email = entry.email();
    item.queue = queueOf(entry.email());
    item.joinedAt = Attributes.millis(entry.joinedAt());
    return DynamoDb.putNew(waitlist, item);
  }

  @Override
  public List<WaitlistEntry> nextWaiting(int limit) {
    return java.util.stream.IntStream.range(0, SHARDS)
        .mapToObj(DynamoDbWaitlistRepository::queue)
        .flatMap(
            queue ->
                waitlist
                    .index(QUEUE_INDEX)
                    .query(
                        r ->
                            r.queryConditional(
                                    QueryConditional.keyEqualTo(k -> k.partitionValue(queue)))
                                .limit(limit))
                    .stream()
                    .limit(1)
                    .flatMap(page -> page.items().stream()))
        .sorted(
            java.util.Comparator.comparing((WaitlistItem i) -> i.joinedAt)
                .thenComparing(i -> i.email))
        .limit(limit)
        .map(WaitlistItem::toEntry)
        .toList();
  }

  static String queueOf(String email) {
    return queue(Math.floorMod(email.hashCode(), SHARDS));
  }

  private static String queue(int shard) {
    return WAITING + "#" + shard;
  }

  @Override
  public boolean markReleased(String email, String inviteCode, Instant at) {
    return db.updateIf(
            Tables.WAITLIST,
            Map.of("email", s(email)),
            r ->
                r.updateExpression("SET invite_code = :code, released_at = :at REMOVE queue")
                    .conditionExpression("attribute_exists(queue)")
                    .expressionAttributeValues(
                        Map.of(":code", s(inviteCode), ":at", n(at.toEpochMilli()))))
        .isPresent();
  }
}
