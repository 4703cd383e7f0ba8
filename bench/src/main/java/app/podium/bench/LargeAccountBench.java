package app.podium.bench;

import app.podium.Backend;
import app.podium.Tables;
import app.podium.shared.AccountId;
import app.podium.shared.FanoutTask;
import app.podium.shared.Ids;
import app.podium.statuses.StatusForm;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code large_account_post_writes} and {@code large_account_conversion_writes}: the DynamoDB item
 * writes one post costs, through {@code StatusService.post} and every fan-out task it leads to (run
 * through {@link app.podium.fanout.sqs.FanoutHandler}), for an author with 100,000 followers
 * against one with 10.
 *
 * <p>The large author's first post crosses the fan-out threshold: it marks the author large and
 * runs the one-time conversion that adds the author to every follower's set of large followees.
 * That is reported on its own; the ratio compares steady-state posts (each author's second).
 *
 * <p>To keep set-up short the 100,000 followers exist only as follows items: a large author's post
 * does not read follower accounts. The conversion's conditional updates then fail their condition
 * ({@code attribute_exists(id)}), which changes neither the number of requests nor, on DynamoDB,
 * the write units they cost; it only makes them a little cheaper for DynamoDB Local, so the
 * conversion's wall time printed here is a lower bound.
 */
final class LargeAccountBench {
  static final int LARGE_FOLLOWERS = 100_000;
  static final int SMALL_FOLLOWERS = 10;
  static final int CONCURRENCY = 4;
  static final String LARGE = Items.accountId(0);
  static final String SMALL = Items.accountId(1);

  private record Post(
      String statusId,
      long postWrites,
      Map<String, Long> postByOperation,
      long fanoutWrites,
      Map<String, Long> fanoutByOperation,
      Map<Class<? extends FanoutTask>, Integer> tasks,
      long fanoutNanos) {
    long writes() {
      return postWrites + fanoutWrites;
    }
  }

  private LargeAccountBench() {}

  static void run(String endpoint, Report report) {
    report.line(
        "== large: DynamoDB writes per post, %,d followers vs %d",
        LARGE_FOLLOWERS, SMALL_FOLLOWERS);
    Fixture fx = new Fixture(endpoint, "large-");
    Instant now = fx.clock.instant();
    long setupStart = System.nanoTime();
    long followIds = Ids.floorOf(now.toEpochMilli());
    List<Map<String, AttributeValue>> accounts = new ArrayList<>();
    accounts.add(Items.account(LARGE, now, LARGE_FOLLOWERS, 0));
    accounts.add(Items.account(SMALL, now, SMALL_FOLLOWERS, 0));
    List<Map<String, AttributeValue>> follows = new ArrayList<>();
    for (int i = 0; i < SMALL_FOLLOWERS; i++) {
      accounts.add(Items.account(Items.accountId(10 + i), now, 0, 1));
      follows.add(Items.follow(Items.accountId(10 + i), SMALL, followIds + i, now));
    }
    IntStream.range(0, LARGE_FOLLOWERS)
        .mapToObj(
            i ->
                Items.follow(
                    Items.accountId(1_000 + i), LARGE, followIds + SMALL_FOLLOWERS + i, now))
        .forEach(follows::add);
    fx.writeAll(Tables.ACCOUNTS, accounts);
    fx.writeAll(Tables.FOLLOWS, follows);
    report.line(
        "setup: %,d follows (no follower accounts) and %d active followers in %.1f s",
        LARGE_FOLLOWERS, SMALL_FOLLOWERS, (System.nanoTime() - setupStart) / 1e9);

    RequestCounter counter = new RequestCounter();
    try (FanoutRunner runner = new FanoutRunner(CONCURRENCY, tasks -> fx.backend(tasks, counter))) {
      Backend poster = fx.backend(runner.tasks(), counter);
      post(poster, runner, counter, SMALL);
      Post small = post(poster, runner, counter, SMALL);
      describe(report, "10 followers, second post", small);
      expectEntries(fx, small, SMALL_FOLLOWERS + 1);

      Post conversion = post(poster, runner, counter, LARGE);
      describe(report, "100,000 followers, first post (conversion)", conversion);
      if (conversion.tasks().getOrDefault(FanoutTask.AuthorBecameLarge.class, 0) == 0
          || !fx.client
              .getItem(
                  r -> r.tableName(fx.table(Tables.ACCOUNTS)).key(Map.of("id", Items.s(LARGE))))
              .item()
              .getOrDefault("large", AttributeValue.fromBool(false))
              .bool()) {
        throw new IllegalStateException(
            "the first post over the threshold did not convert the author");
      }
      Post large = post(poster, runner, counter, LARGE);
      describe(report, "100,000 followers, second post", large);
      expectEntries(fx, large, 1);

      report.line(
          "writes per post: %,d (100,000 followers) vs %,d (10 followers); conversion %,d writes in %.1f s",
          large.writes(),
          small.writes(),
          conversion.fanoutWrites(),
          conversion.fanoutNanos() / 1e9);
      report.result("large_account_post_writes", (double) large.writes() / small.writes(), "ratio");
      report.result("large_account_conversion_writes", conversion.fanoutWrites(), "writes");
    }
  }

  /** Posts as the author through StatusService, then runs every fan-out task until none is left. */
  private static Post post(
      Backend services, FanoutRunner runner, RequestCounter counter, String authorId) {
    var author = services.accounts().get(new AccountId(authorId));
    counter.reset();
    var posted =
        services
            .statuses()
            .post(
                author,
                new StatusForm("bench post", null, null, "public", null, "en"),
                Optional.empty());
    long postWrites = counter.writes();
    Map<String, Long> postByOperation = counter.writesByOperation();
    counter.reset();
    long start = System.nanoTime();
    var tasks = runner.drain();
    long fanoutNanos = System.nanoTime() - start;
    return new Post(
        posted.status().id(),
        postWrites,
        postByOperation,
        counter.writes(),
        counter.writesByOperation(),
        tasks,
        fanoutNanos);
  }

  private static void describe(Report report, String what, Post post) {
    report.line(
        "%s: %,d writes = post %,d %s + fan-out %,d %s; tasks %s; fan-out %.2f s",
        what,
        post.writes(),
        post.postWrites(),
        post.postByOperation(),
        post.fanoutWrites(),
        post.fanoutByOperation(),
        post.tasks(),
        post.fanoutNanos() / 1e9);
  }

  private static void expectEntries(Fixture fx, Post post, long expected) {
    long found = Raw.timelineEntriesOf(fx.client, fx.prefix, Long.parseLong(post.statusId()));
    if (found != expected) {
      throw new IllegalStateException(
          found + " timeline entries of " + post.statusId() + ", expected " + expected);
    }
  }
}
