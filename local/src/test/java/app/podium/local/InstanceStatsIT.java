package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.fanout.sqs.FanoutTaskJson;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Feeds;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.shared.FanoutTask;
import app.podium.stats.ActivityPeriod;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The server's statistics over HTTP: instance v1's {@code stats}, v2's {@code usage} and NodeInfo's
 * {@code usage} say the same numbers, and they are the truth: the accounts and statuses in their
 * tables, and the members active this month counted once each.
 */
@PodiumIT
class InstanceStatsIT {
  /** Longer than the counters' sums are kept in a container (two seconds). */
  static final Duration SETTLED = Duration.ofSeconds(10);

  static Podium podium;
  static Feeds feeds;

  /** The statistics as the three documents give them, which must agree. */
  record Stats(long members, long posts, long activeMonth, long activeHalfyear) {}

  /** The three documents' figures, read one after the other. */
  record Documents(JsonNode v1, JsonNode v2, JsonNode nodeinfo) {
    Stats stats() {
      return new Stats(
          nodeinfo.at("/usage/users/total").asLong(),
          nodeinfo.at("/usage/localPosts").asLong(),
          nodeinfo.at("/usage/users/activeMonth").asLong(),
          nodeinfo.at("/usage/users/activeHalfyear").asLong());
    }

    boolean agree() {
      Stats stats = stats();
      return v1.at("/stats/user_count").asLong() == stats.members()
          && v1.at("/stats/status_count").asLong() == stats.posts()
          && v2.at("/usage/users/active_month").asLong() == stats.activeMonth();
    }
  }

  /**
   * The statistics, once the three documents agree: each route's function keeps the sums for 2 s in
   * its own container, so reads a moment apart may straddle one function's refresh.
   */
  static Stats stats() {
    Documents documents =
        Feeds.await(
            SETTLED,
            () ->
                new Documents(
                    podium.api.get("/api/v1/instance").send().expect(200).json(),
                    podium.api.get("/api/v2/instance").send().expect(200).json(),
                    podium.api.get("/nodeinfo/2.0").send().expect(200).json()),
            Documents::agree);
    Stats stats = documents.stats();
    assertThat(documents.v1().at("/stats/user_count").asLong())
        .as("v1 user_count")
        .isEqualTo(stats.members());
    assertThat(documents.v1().at("/stats/status_count").asLong())
        .as("v1 status_count")
        .isEqualTo(stats.posts());
    assertThat(documents.v1().at("/stats/domain_count").asLong()).isZero();
    assertThat(documents.v2().at("/usage/users/active_month").asLong())
        .as("v2 active_month")
        .isEqualTo(stats.activeMonth());
    return stats;
  }

  /**
   * What the tables hold: every account, every status; a signup is a sign-in, so every member of
   * this fresh stack is active this month and half-year.
   */
  static Stats truth() {
    int members = podium.count(Tables.ACCOUNTS);
    return new Stats(members, podium.count(Tables.POSTS), members, members);
  }

  /** The statistics once their kept sums have caught up with {@code expected}, or as they are. */
  static Stats awaitStats(Stats expected) {
    return Feeds.await(SETTLED, InstanceStatsIT::stats, expected::equals);
  }

  @Test
  void membersPostsAndActiveMembersAreTheTruthInAllThreeDocuments() {
    int before = podium.count(Tables.ACCOUNTS);
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      tokens.add(podium.member("counted" + i));
    }
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      posts.add(podium.post(tokens.get(i % 2), "post " + i));
    }
    podium.api.delete("/api/v1/statuses/" + posts.get(2)).token(tokens.get(0)).send().expect(200);

    assertThat(podium.count(Tables.ACCOUNTS)).isEqualTo(before + 4);
    assertThat(awaitStats(truth())).isEqualTo(truth());
  }

  @Test
  void aMemberIsCountedActiveOncePerPeriodHoweverManyReadsAndDays() {
    String token = podium.member("reader");
    String id = podium.accountId(token);
    Stats counted = awaitStats(truth());
    assertThat(counted).isEqualTo(truth());

    // back after 200 days: the reads' tasks try both periods, and the markers of the signup (this
    // month's and half-year's) count nothing more
    readUntilMarkedAgain(id, token);
    feeds.awaitQueueDrained(SETTLED);
    Feeds.pause(2500);
    assertThat(stats()).isEqualTo(counted);

    // without those markers (as for a member who signed up in an earlier period), many reads count
    // the member once in each period
    Instant now = Instant.now();
    for (ActivityPeriod period : ActivityPeriod.holding(now)) {
      String marker = "instance:active:" + period.name() + ":" + id;
      podium
          .stack
          .dynamoDbClient()
          .deleteItem(
              r ->
                  r.tableName(
                          Tables.COUNTER_SHARDS.physicalName(
                              podium.stack.backend().settings().tablePrefix()))
                      .key(Map.of("key", AttributeValue.fromS(marker))));
    }
    // as from reads in five containers (each hands the day-old mark on once), or redeliveries
    Instant old = Instant.now().minus(Duration.ofDays(200));
    feeds.setLastActive(id, old);
    for (int i = 0; i < 5; i++) {
      feeds.enqueue(FanoutTaskJson.write(new FanoutTask.MemberActive(id)));
    }
    awaitMarkedSince(id, old);
    Stats once =
        new Stats(
            counted.members(),
            counted.posts(),
            counted.activeMonth() + 1,
            counted.activeHalfyear() + 1);
    assertThat(awaitStats(once)).isEqualTo(once);
    feeds.awaitQueueDrained(SETTLED);
    Feeds.pause(2500);
    assertThat(stats()).isEqualTo(once);
  }

  /**
   * Sets the member's mark 200 days back, then reads their home ten times at once and waits for the
   * mark: each read before the mark hands a task on.
   */
  static void readUntilMarkedAgain(String id, String token) {
    Instant old = Instant.now().minus(Duration.ofDays(200));
    feeds.setLastActive(id, old);
    Concurrently.run(10, i -> podium.home(token, ""));
    awaitMarkedSince(id, old);
  }

  static void awaitMarkedSince(String id, Instant old) {
    assertThat(
            Feeds.await(
                SETTLED,
                () -> Long.parseLong(feeds.accountAttribute(id, "last_active_at").n()),
                at -> at > old.toEpochMilli()))
        .as("marked again")
        .isGreaterThan(old.toEpochMilli());
  }
}
