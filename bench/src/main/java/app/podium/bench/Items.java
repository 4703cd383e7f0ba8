package app.podium.bench;

import app.podium.graph.store.DynamoDbFollowRepository;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Raw items, written around the repositories so that setting up 100,000 follows takes seconds. The
 * attribute names are those of the static schemas in {@code app.podium.store} (AccountItem, the
 * follow item of DynamoDbFollowRepository, StatusItem, TimelineItem), which are package-private
 * there.
 */
final class Items {
  /**
   * Account ids are numbers, as Podium mints them (the API refuses any other); these sit in 2023.
   */
  private static final long FIRST_ACCOUNT_ID = app.podium.shared.Ids.floorOf(1_700_000_000_000L);

  private Items() {}

  /** The id of the benchmark's {@code n}th account. */
  static String accountId(int n) {
    return Long.toString(FIRST_ACCOUNT_ID + n);
  }

  /**
   * A member as the account repository stores one; active at {@code now}, so the fan-out writes to
   * them.
   */
  static Map<String, AttributeValue> account(
      String id, Instant now, long followers, long following) {
    Map<String, AttributeValue> item = new HashMap<>();
    item.put("id", s(id));
    item.put("username", s("u" + id));
    item.put("email", s(id + "@bench.example"));
    item.put("role", s("MEMBER"));
    item.put("locale", s("en"));
    item.put("created_at", n(now.toEpochMilli()));
    item.put("followers_count", n(followers));
    item.put("following_count", n(following));
    item.put("statuses_count", n(0));
    item.put("last_active_at", n(now.toEpochMilli()));
    return item;
  }

  /** {@code id} orders the followee index, which is the order the fan-out pages followers in. */
  static Map<String, AttributeValue> follow(
      String followerId, String followeeId, long id, Instant at) {
    return Map.of(
        "follower_id",
        s(followerId),
        "followee_id",
        s(followeeId),
        "id",
        n(id),
        "followee_key",
        s(DynamoDbFollowRepository.followeeKey(followeeId, 0)),
        "created_at",
        n(at.toEpochMilli()));
  }

  static Map<String, AttributeValue> post(long id, String authorId, Instant at) {
    return Map.of(
        "id",
        n(id),
        "author_id",
        s(authorId),
        "text",
        s("status " + id + " by " + authorId),
        "sensitive",
        AttributeValue.fromBool(false),
        "visibility",
        s("public"),
        "language",
        s("en"),
        "created_at",
        n(at.toEpochMilli()));
  }

  /**
   * A home timeline entry as the fan-out writes it: (owner, status), the author, and its expiry in
   * seconds.
   */
  static Map<String, AttributeValue> timelineEntry(
      String ownerId, long statusId, String authorId, Instant expiresAt) {
    return Map.of(
        "owner_id",
        s(ownerId),
        "status_id",
        n(statusId),
        "author_id",
        s(authorId),
        "expires_at",
        n(expiresAt.getEpochSecond()));
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }
}
