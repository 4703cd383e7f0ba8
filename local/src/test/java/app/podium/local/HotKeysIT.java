package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.engine.limits.HotKey;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.TestStacks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The keys that one very popular account makes hot (see DESIGN.md, "Hot keys at national scale"),
 * read from the engine's hot-key report (peak units a second per table and index key) while 2,000
 * members read and follow at once from 8 clients:
 *
 * <ul>
 *   <li>every home read of a large account's followers merges that account's recent posts: through
 *       the container's cache the posts index partition is read once per {@code
 *       LARGE_ACCOUNT_CACHE_MS}, so its peak stays at one query's units a second however many homes
 *       are read;
 *   <li>every follow of one account writes its follower count and the follows index under its key:
 *       once it has {@code FOLLOWER_SHARDS_FROM} followers both are spread over shards, and the
 *       fan-out walks the shards side by side.
 * </ul>
 */
@PodiumIT(cheapPasswords = true)
@ResourceLock(PodiumIT.LOAD)
class HotKeysIT {
  static final int MEMBERS = 2000;
  static final int READERS = 1000;
  static final int READS = 2000;
  static final int CLIENTS = 8;
  static final Duration CACHE_WINDOW = Duration.ofMillis(2000);
  static final int SHARDS_FROM = 100;
  static final int LARGE_FROM = 1000;

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;
  static Member star;
  static List<String> fans;
  static String prefix;

  static Map<String, String> stackSettings() {
    return Map.of(
        "FANOUT_MAX_FOLLOWERS",
        String.valueOf(LARGE_FROM),
        "FANOUT_PAGE_SIZE",
        "25",
        "LARGE_ACCOUNT_CACHE_MS",
        String.valueOf(CACHE_WINDOW.toMillis()),
        "FOLLOWER_SHARDS_FROM",
        String.valueOf(SHARDS_FROM),
        // the star invites every fan with one code: a member's invites may admit this many
        // people
        "INVITES_PER_MEMBER",
        String.valueOf(MEMBERS));
  }

  @BeforeAll
  static void start() throws Exception {
    prefix = stack.backend().settings().tablePrefix();
    star = feeds.member("star");
    var invite =
        podium
            .api
            .post("/api/v1/invites")
            .token(star.token())
            .json(Map.of("max_uses", MEMBERS, "autofollow", true))
            .send();
    assertThat(invite.status()).as(invite.toString()).isEqualTo(200);
    String code = invite.field("code");
    // real signups through the star's invite, which makes each new member follow the star
    // (passwords hashed
    // cheaply: see TestStacks.startWithCheapPasswords)
    fans =
        Concurrently.run(
                CLIENTS,
                Duration.ofMinutes(10),
                client -> {
                  List<String> tokens = new ArrayList<>();
                  for (int i = client; i < MEMBERS; i += CLIENTS) {
                    var signup = podium.signup("fan" + i, code);
                    assertThat(signup.status()).as(signup.toString()).isEqualTo(200);
                    tokens.add(signup.field("access_token"));
                  }
                  return tokens;
                })
            .stream()
            .flatMap(List::stream)
            .toList();
  }

  /**
   * This stack's keys in the engine's report, of one table (and index, or null for the table
   * itself).
   */
  static List<HotKey> reported(String table, String index) throws Exception {
    return TestStacks.engine().hotKeys(prefix, Integer.MAX_VALUE).stream()
        .filter(
            key ->
                key.table().equals(prefix + table) && java.util.Objects.equals(key.index(), index))
        .toList();
  }

  @Test
  void homeReadsOfALargeAccountsFollowersReadItsPostsOncePerCacheWindow() throws Exception {
    String post = podium.post(star.token(), "hello, everyone");
    assertThat(Feeds.eventually(Duration.ofSeconds(30), () -> feeds.isLarge(star.id())))
        .as("marked large")
        .isTrue();
    feeds.awaitQueueDrained(Duration.ofSeconds(60));
    assertThat(feeds.largeFolloweesOf(podium.accountId(fans.get(READERS - 1)))).contains(star.id());

    TestStacks.engine().resetHotKeys();
    // a cache window with no reads: the burst starts with a cold cache, so it reads the posts at
    // least once
    Feeds.pause(CACHE_WINDOW.toMillis() + 100);
    long started = System.nanoTime();
    List<Integer> misses =
        Concurrently.run(
            CLIENTS,
            client -> {
              int missing = 0;
              for (int i = client; i < READS; i += CLIENTS) {
                if (!podium.home(fans.get(i % READERS), "").contains(post)) {
                  missing++;
                }
              }
              return missing;
            });
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    HotKey starPosts =
        reported(Tables.POSTS.name(), "by_author").stream()
            .filter(key -> key.key().equals("S:" + star.id()))
            .findFirst()
            .orElseThrow();

    System.out.printf(
        "%d home reads by %d followers from %d clients in %d ms (%.0f a second): the author's posts "
            + "partition peaked at %.1f read units a second%n",
        READS,
        READERS,
        CLIENTS,
        took.toMillis(),
        READS / (took.toMillis() / 1000.0),
        starPosts.peakReadUnits());
    System.out.printf(
        "RESULT large_account_posts_peak_read_units %.2f units/s%n", starPosts.peakReadUnits());
    assertThat(misses).as("every read shows the post").allMatch(m -> m == 0);
    // one eventually consistent query of a few posts is half a unit; a window boundary can put two
    // in one second
    assertThat(starPosts.peakReadUnits())
        .as(starPosts.toString())
        .isPositive()
        .isLessThanOrEqualTo(1.0);
    assertThat(starPosts.throttled()).isZero();
  }

  @Test
  void aBurstOfFollowsOfOneAccountCountsExactlyAndSpreadsOverShards() throws Exception {
    Member magnet = feeds.member("magnet");
    // the first followers make it sharded; the burst measured is the rest
    int early = 2 * SHARDS_FROM;
    for (String fan : fans.subList(0, early)) {
      podium.follow(fan, magnet.id());
    }
    TestStacks.engine().resetHotKeys();
    long started = System.nanoTime();
    List<Integer> followed =
        Concurrently.run(
            CLIENTS,
            client -> {
              int n = 0;
              for (int i = early + client; i < MEMBERS; i += CLIENTS) {
                var response =
                    podium
                        .api
                        .post("/api/v1/accounts/" + magnet.id() + "/follow")
                        .token(fans.get(i))
                        .send();
                assertThat(response.status()).as(response.toString()).isEqualTo(200);
                assertThat(response.json().get("following").asBoolean()).isTrue();
                n++;
              }
              return n;
            });
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    assertThat(followed.stream().mapToInt(Integer::intValue).sum()).isEqualTo(MEMBERS - early);

    // exact once the burst is over: the shards are summed at read and kept up to 2 s in the
    // container
    assertThat(
            Feeds.eventually(Duration.ofSeconds(10), () -> followersCount(magnet.id()) == MEMBERS))
        .as("followers_count " + followersCount(magnet.id()))
        .isTrue();
    List<HotKey> indexKeys =
        reported(Tables.FOLLOWS.name(), "by_followee").stream()
            .filter(key -> key.key().startsWith("S:" + magnet.id() + "#"))
            .toList();
    List<HotKey> counterKeys =
        reported(Tables.COUNTER_SHARDS.name(), null).stream()
            .filter(key -> key.key().startsWith("S:" + magnet.id() + "#"))
            .toList();
    double indexPeaks = indexKeys.stream().mapToDouble(HotKey::peakWriteUnits).sum();
    HotKey hottest =
        indexKeys.stream().max(Comparator.comparingDouble(HotKey::peakWriteUnits)).orElseThrow();
    System.out.printf(
        "%d follows of one account from %d clients in %d ms (%.0f a second): %d follows-index keys and "
            + "%d counter shards written, the hottest %s at %.1f write units a second of %.1f over its shards%n",
        MEMBERS - early,
        CLIENTS,
        took.toMillis(),
        (MEMBERS - early) / (took.toMillis() / 1000.0),
        indexKeys.size(),
        counterKeys.size(),
        hottest.key(),
        hottest.peakWriteUnits(),
        indexPeaks);
    System.out.printf(
        "RESULT follow_burst_hottest_key_share %.3f ratio%n",
        hottest.peakWriteUnits() / indexPeaks);
    assertThat(indexKeys).as("follows index keys of the account").hasSizeGreaterThan(8);
    assertThat(counterKeys).as("follower counter shards of the account").hasSizeGreaterThan(8);
    assertThat(hottest.peakWriteUnits() / indexPeaks).as(hottest.toString()).isLessThan(0.25);
    assertThat(indexKeys).allMatch(key -> key.throttled() == 0);

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
    assertThat(listed)
        .contains(podium.accountId(fans.getFirst()), podium.accountId(fans.getLast()));

    // with 2,000 followers over the threshold of 1,000 its next post converts it, and the
    // conversion task walks
    // every shard of its followers: each of them merges its posts from then on
    // the conversion task is throttled where DynamoDB would throttle it: every follower's account
    // it updates is
    // also a row of the accounts table's by_inviter index (ALL projection), and these followers
    // share one inviter
    String hello = podium.post(magnet.token(), "thanks for following");
    feeds.awaitQueueDrained(Duration.ofSeconds(120));
    assertThat(podium.awaitHome(fans.get(7), ids -> ids.contains(hello))).contains(hello);
    TestStacks.engine().hotKeys(prefix, 100_000).stream()
        .filter(key -> key.throttled() > 0)
        .forEach(
            key -> System.out.println("throttled during the burst and the conversion: " + key));
    List<String> missed =
        listed.stream().filter(id -> !feeds.largeFolloweesOf(id).contains(magnet.id())).toList();
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
    assertThat(
            Feeds.eventually(Duration.ofSeconds(10), () -> followersCount(mid.id()) == followers))
        .as("followers_count, summed over the shards")
        .isTrue();

    String post = podium.post(mid.token(), "to every shard");
    Feeds.await(
        Duration.ofSeconds(60), () -> feeds.ownersOf(post), o -> o.size() >= audience.size());
    feeds.awaitQueueDrained(Duration.ofSeconds(60));

    assertThat(feeds.isLarge(mid.id())).isFalse();
    assertThat(feeds.ownersOf(post))
        .as("one entry per follower and the author's own, none twice")
        .containsExactlyInAnyOrderElementsOf(audience);
  }

  private static int followersCount(String accountId) {
    return podium
        .api
        .get("/api/v1/accounts/" + accountId)
        .send()
        .json()
        .get("followers_count")
        .asInt();
  }
}
