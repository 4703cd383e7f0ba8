package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.TestStacks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;

/**
 * The keys that one very popular account makes hot (see DESIGN.md, "Hot keys at national scale"), counted on
 * the wire by an SDK interceptor while 2,000 members read and follow at once from 8 clients:
 * <ul>
 *   <li>every home read of a large account's followers merges that account's recent posts: through the
 *       container's cache the posts partition is queried once per {@code LARGE_ACCOUNT_CACHE_MS};</li>
 *   <li>every follow of one account writes its follower count and the follows index under its key: once it
 *       has {@code FOLLOWER_SHARDS_FROM} followers both are spread over shards, and the fan-out walks the
 *       shards side by side.</li>
 * </ul>
 */
class HotKeysIT {
  static final int MEMBERS = 2000;
  static final int READERS = 1000;
  static final int READS = 2000;
  static final int CLIENTS = 8;
  static final Duration CACHE_WINDOW = Duration.ofMillis(2000);
  static final int SHARDS_FROM = 100;
  static final int LARGE_FROM = 1000;

  /** Posts queries per author, and DynamoDB writes per key, as they go on the wire. */
  static final class KeyCounts implements ExecutionInterceptor {
    final Map<String, AtomicInteger> postsQueries = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> writes = new ConcurrentHashMap<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (context.request() instanceof QueryRequest query && query.tableName().endsWith(Tables.POSTS.name())
          && "by_author".equals(query.indexName())) {
        query.expressionAttributeValues().values().stream().map(AttributeValue::s)
            .filter(s -> s != null && !s.isEmpty()).findFirst()
            .ifPresent(author -> count(postsQueries, author));
      }
      if (context.request() instanceof TransactWriteItemsRequest transaction) {
        transaction.transactItems().forEach(item -> {
          if (item.put() != null) {
            item.put().item().forEach((name, value) -> {
              if (name.equals("followee_key")) {
                count(writes, "follows index " + value.s());
              }
            });
            count(writes, table(item.put().tableName()) + " " + item.put().item().values().iterator().next());
          }
          if (item.update() != null) {
            count(writes, table(item.update().tableName()) + " " + item.update().key().values());
          }
        });
      }
    }

    private static String table(String physicalName) {
      return physicalName.substring(physicalName.indexOf('-') + 1);
    }

    private static void count(Map<String, AtomicInteger> counts, String key) {
      counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    int postsQueriesOf(String author) {
      return postsQueries.getOrDefault(author, new AtomicInteger()).get();
    }
  }

  static final KeyCounts COUNTS = new KeyCounts();
  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;
  static Member star;
  static List<String> fans;

  @BeforeAll
  static void start() throws Exception {
    stack = TestStacks.startWithCheapPasswords(Map.of("FANOUT_MAX_FOLLOWERS", String.valueOf(LARGE_FROM),
        "FANOUT_PAGE_SIZE", "25",
        "LARGE_ACCOUNT_CACHE_MS", String.valueOf(CACHE_WINDOW.toMillis()),
        "FOLLOWER_SHARDS_FROM", String.valueOf(SHARDS_FROM),
        // the star invites every fan with one code: a member's invites may admit this many people
        "INVITES_PER_MEMBER", String.valueOf(MEMBERS)), COUNTS);
    podium = new Podium(stack);
    feeds = new Feeds(podium);
    star = feeds.member("star");
    var invite = podium.api.post("/api/v1/invites").token(star.token())
        .json(Map.of("max_uses", MEMBERS, "autofollow", true)).send();
    assertThat(invite.status()).as(invite.toString()).isEqualTo(200);
    String code = invite.field("code");
    // real signups through the star's invite, which makes each new member follow the star (passwords hashed
    // cheaply: see TestStacks.startWithCheapPasswords)
    fans = Concurrently.run(CLIENTS, Duration.ofMinutes(10), client -> {
      List<String> tokens = new ArrayList<>();
      for (int i = client; i < MEMBERS; i += CLIENTS) {
        var signup = podium.signup("fan" + i, code);
        assertThat(signup.status()).as(signup.toString()).isEqualTo(200);
        tokens.add(signup.field("access_token"));
      }
      return tokens;
    }).stream().flatMap(List::stream).toList();
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
  }

  @Test
  void homeReadsOfALargeAccountsFollowersQueryItsPostsOncePerCacheWindow() {
    String post = podium.post(star.token(), "hello, everyone");
    assertThat(Feeds.eventually(Duration.ofSeconds(30), () -> feeds.isLarge(star.id()))).as("marked large").isTrue();
    feeds.awaitQueueDrained(Duration.ofSeconds(60));
    assertThat(feeds.largeFolloweesOf(podium.accountId(fans.get(READERS - 1)))).contains(star.id());

    int queriesBefore = COUNTS.postsQueriesOf(star.id());
    long started = System.nanoTime();
    List<Integer> misses = Concurrently.run(CLIENTS, client -> {
      int missing = 0;
      for (int i = client; i < READS; i += CLIENTS) {
        if (!podium.home(fans.get(i % READERS), "").contains(post)) {
          missing++;
        }
      }
      return missing;
    });
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    int queries = COUNTS.postsQueriesOf(star.id()) - queriesBefore;

    long windows = took.toMillis() / CACHE_WINDOW.toMillis() + 1;
    System.out.printf("%d home reads by %d followers from %d clients in %d ms: %d posts queries for the author"
        + " (%d cache windows)%n", READS, READERS, CLIENTS, took.toMillis(), queries, windows);
    System.out.printf("RESULT large_account_reads_per_home_read %.4f ratio%n", (double) queries / READS);
    assertThat(misses).as("every read shows the post").allMatch(m -> m == 0);
    assertThat(queries).as("posts queries for the large author").isBetween(1, (int) windows);
    assertThat((double) queries / READS).isLessThanOrEqualTo(0.01);
  }

  @Test
  void aBurstOfFollowsOfOneAccountCountsExactlyAndSpreadsOverShards() {
    Member magnet = feeds.member("magnet");
    Map<String, Integer> writesBefore = snapshot(COUNTS.writes);

    List<Integer> followed = Concurrently.run(CLIENTS, client -> {
      int n = 0;
      for (int i = client; i < MEMBERS; i += CLIENTS) {
        var response = podium.api.post("/api/v1/accounts/" + magnet.id() + "/follow").token(fans.get(i)).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("following").asBoolean()).isTrue();
        n++;
      }
      return n;
    });
    assertThat(followed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(MEMBERS);

    // exact once the burst is over: the shards are summed at read and kept up to 2 s in the container
    assertThat(Feeds.eventually(Duration.ofSeconds(10), () -> followersCount(magnet.id()) == MEMBERS))
        .as("followers_count " + followersCount(magnet.id())).isTrue();
    Map<String, Integer> burst = new ConcurrentHashMap<>();
    snapshot(COUNTS.writes).forEach((key, count) -> {
      int during = count - writesBefore.getOrDefault(key, 0);
      if (during > 0 && key.contains(magnet.id())) {
        burst.put(key, during);
      }
    });
    var hottest = burst.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).orElseThrow();
    long indexKeys = burst.keySet().stream().filter(k -> k.startsWith("follows index ")).count();
    System.out.printf("%d follows of one account from %d clients: %d keys of its written, the hottest %s with %d%n",
        MEMBERS, CLIENTS, burst.size(), hottest.getKey(), hottest.getValue());
    System.out.printf("RESULT follow_burst_hottest_key_share %.3f ratio%n", (double) hottest.getValue() / MEMBERS);
    assertThat(indexKeys).as("follows index keys of the account").isGreaterThan(8);
    assertThat(hottest.getValue()).as(hottest.getKey()).isLessThan(MEMBERS / 4);

    // the followers list pages through every shard: each follower exactly once, newest follow first
    List<String> listed = new ArrayList<>();
    var page = podium.api.get("/api/v1/accounts/" + magnet.id() + "/followers?limit=80").send();
    while (true) {
      assertThat(page.status()).as(page.toString()).isEqualTo(200);
      page.json().forEach(account -> listed.add(account.get("id").asText()));
      String next = Feeds.links(page).get("next");
      if (next == null || page.json().isEmpty()) {
        break;
      }
      page = feeds.getUrl(next, null);
    }
    assertThat(listed).hasSize(MEMBERS).doesNotHaveDuplicates();
    assertThat(listed).contains(podium.accountId(fans.getFirst()), podium.accountId(fans.getLast()));

    // with 2,000 followers over the threshold of 1,000 its next post converts it, and the conversion task walks
    // every shard of its followers: each of them merges its posts from then on
    String hello = podium.post(magnet.token(), "thanks for following");
    assertThat(podium.awaitHome(fans.get(7), ids -> ids.contains(hello))).contains(hello);
    feeds.awaitQueueDrained(Duration.ofSeconds(60));
    List<String> missed = listed.stream().filter(id -> !feeds.largeFolloweesOf(id).contains(magnet.id())).toList();
    assertThat(missed).as("followers the conversion task did not reach").isEmpty();
  }

  @Test
  void aShardedAuthorBelowTheLargeThresholdFansOutToEveryFollowerOnceThroughOneChainPerShard() {
    Member mid = feeds.member("mid");
    int followers = 3 * SHARDS_FROM / 2;
    List<String> audience = new ArrayList<>(List.of(mid.id()));
    for (String fan : fans.subList(0, followers)) {
      podium.follow(fan, mid.id());
      audience.add(podium.accountId(fan));
    }
    assertThat(Feeds.eventually(Duration.ofSeconds(10), () -> followersCount(mid.id()) == followers))
        .as("followers_count, summed over the shards").isTrue();

    String post = podium.post(mid.token(), "to every shard");
    Feeds.await(Duration.ofSeconds(60), () -> feeds.ownersOf(post),
        o -> o.size() >= audience.size());
    feeds.awaitQueueDrained(Duration.ofSeconds(60));

    assertThat(feeds.isLarge(mid.id())).isFalse();
    assertThat(feeds.ownersOf(post)).as("one entry per follower and the author's own, none twice")
        .containsExactlyInAnyOrderElementsOf(audience);
  }

  private static int followersCount(String accountId) {
    return podium.api.get("/api/v1/accounts/" + accountId).send().json().get("followers_count").asInt();
  }

  private static Map<String, Integer> snapshot(Map<String, AtomicInteger> counts) {
    Map<String, Integer> copy = new java.util.HashMap<>();
    counts.forEach((key, value) -> copy.put(key, value.get()));
    return copy;
  }
}
