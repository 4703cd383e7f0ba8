package app.podium.bench;

import app.podium.Tables;
import app.podium.shared.FanoutTask;
import app.podium.shared.Ids;
import app.podium.shared.Visibility;
import app.podium.statuses.Status;
import app.podium.statuses.StatusTasks;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code fanout_vs_batchwrite}, {@code fanout_vs_batchwrite_parallel} and {@code
 * fanout_vs_sequential_put}: one post delivered to 10,000 active followers through {@link
 * app.podium.fanout.sqs.FanoutHandler}, against raw writes of the same 10,000 timeline items to the
 * same endpoint. Every run uses a fresh status id, is checked (all 10,000 entries of that status
 * are there) and is followed by emptying the timelines table. One warm-up run of each side, then
 * three rounds, each side once per round, the order reversed every other round; each side's figure
 * is its median.
 */
final class FanoutBench {
  static final int FOLLOWERS = 10_000;

  /** Lambda's concurrency for the fan-out function, as far as this benchmark lets it scale out. */
  static final int CONCURRENCY = 4;

  static final int ROUNDS = 3;
  static final String AUTHOR = Items.accountId(0);

  /** 10,000 sequential PutItems take half a minute here; 2,000 warm the same code just as well. */
  static final int PUT_WARM_UP = 2_000;

  private interface Side {
    /**
     * Writes (or has the product write) the timeline entries of {@code statusId} for {@code
     * audience}; the fan-out ignores {@code audience}, it always reaches every follower.
     */
    void run(long statusId, List<String> audience);
  }

  /**
   * Wall time, this process's CPU time (DynamoDB Local's included) and its SQLite thread's, in ns.
   */
  private record Run(long wall, long cpu, long sqlite) {
    /** Cores this process kept busy on average; 2 is all this machine has. */
    double cores() {
      return (double) cpu / wall;
    }
  }

  private FanoutBench() {}

  static void run(String endpoint, Report report) {
    report.line("== fanout: one post to %,d followers, FanoutHandler vs raw writes", FOLLOWERS);
    Fixture fx = new Fixture(endpoint, "fanout-");
    Instant now = fx.clock.instant();
    long setupStart = System.nanoTime();
    List<String> followers =
        IntStream.range(0, FOLLOWERS).mapToObj(i -> Items.accountId(1 + i)).toList();
    fx.writeAll(
        Tables.ACCOUNTS, followers.stream().map(id -> Items.account(id, now, 0, 1)).toList());
    long followIds = Ids.floorOf(now.toEpochMilli());
    fx.writeAll(
        Tables.FOLLOWS,
        IntStream.range(0, FOLLOWERS)
            .mapToObj(i -> Items.follow(followers.get(i), AUTHOR, followIds + i, now))
            .toList());
    fx.client.putItem(
        r -> r.tableName(fx.table(Tables.ACCOUNTS)).item(Items.account(AUTHOR, now, FOLLOWERS, 0)));
    report.line(
        "setup: %,d active accounts and follows in %.1f s",
        FOLLOWERS, (System.nanoTime() - setupStart) / 1e9);

    Ids ids = new Ids(fx.clock);
    Instant expiresAt = now.plus(fx.settings.fanout().entryLifetime());
    String timelines = fx.table(Tables.TIMELINES);
    AtomicInteger tasksRun = new AtomicInteger();
    RequestCounter fanoutCalls = new RequestCounter();
    try (FanoutRunner runner =
        new FanoutRunner(CONCURRENCY, tasks -> fx.backend(tasks, fanoutCalls))) {
      Map<String, Side> sides = new LinkedHashMap<>();
      sides.put(
          "fanout",
          (statusId, audience) -> {
            fanoutCalls.reset();
            runner.deliver(
                StatusTasks.postCreated(
                    Status.plain(
                        Long.toString(statusId),
                        AUTHOR,
                        "bench",
                        Visibility.PUBLIC,
                        fx.clock.instant())));
            tasksRun.set(runner.drain().getOrDefault(FanoutTask.PostCreated.class, 0));
          });
      sides.put(
          "batch_sequential",
          (statusId, audience) ->
              Raw.batchWriteSequential(
                  fx.client, timelines, entries(audience, statusId, expiresAt)));
      sides.put(
          "batch_4_in_flight",
          (statusId, audience) ->
              Raw.batchWriteInLanes(
                  fx.client, timelines, entries(audience, statusId, expiresAt), CONCURRENCY));
      sides.put(
          "put_sequential",
          (statusId, audience) ->
              Raw.putSequential(fx.client, timelines, entries(audience, statusId, expiresAt)));

      for (var side : sides.entrySet()) {
        List<String> audience =
            side.getKey().equals("put_sequential") ? followers.subList(0, PUT_WARM_UP) : followers;
        Run run = timed(fx, ids, side.getValue(), audience);
        report.line(
            "warm-up %-18s %6.0f ms for %,d entries",
            side.getKey(), Report.millis(run.wall()), audience.size());
      }
      // 10 pages of 1,000, and an 11th, empty one: a Query that stops at its Limit returns a
      // LastEvaluatedKey
      // even when nothing follows.
      report.line(
          "fan-out: %d tasks (SQS events) for %,d followers, page size %,d; DynamoDB calls %s",
          tasksRun.get(),
          FOLLOWERS,
          fx.settings.fanout().pageSize(),
          fanoutCalls.callsByOperation());
      Map<String, List<Run>> runs = new LinkedHashMap<>();
      sides.keySet().forEach(name -> runs.put(name, new ArrayList<>()));
      for (int round = 0; round < ROUNDS; round++) {
        List<String> order = new ArrayList<>(sides.keySet());
        if (round % 2 == 1) {
          Collections.reverse(order);
        }
        for (String name : order) {
          runs.get(name).add(timed(fx, ids, sides.get(name), followers));
        }
      }
      Map<String, Long> medians = new LinkedHashMap<>();
      for (var side : runs.entrySet()) {
        List<Long> walls = side.getValue().stream().map(Run::wall).toList();
        long median = Report.median(walls);
        medians.put(side.getKey(), median);
        report.line(
            "%-18s runs %s ms; median %.0f ms (%,.0f entries/s); busy cores %s; SQLite thread %s ms",
            side.getKey(),
            Report.ms(walls),
            Report.millis(median),
            FOLLOWERS / (median / 1e9),
            String.join(
                " ",
                side.getValue().stream()
                    .map(r -> String.format(Locale.ROOT, "%.1f", r.cores()))
                    .toList()),
            Report.ms(side.getValue().stream().map(Run::sqlite).toList()));
      }
      double fanout = medians.get("fanout");
      report.result("fanout_vs_batchwrite", fanout / medians.get("batch_sequential"), "ratio");
      report.result(
          "fanout_vs_batchwrite_parallel", fanout / medians.get("batch_4_in_flight"), "ratio");
      report.result("fanout_vs_sequential_put", medians.get("put_sequential") / fanout, "ratio");
    }
  }

  /**
   * One run of one side with a fresh status id, checked (every entry is there) and cleaned up
   * after.
   */
  private static Run timed(Fixture fx, Ids ids, Side side, List<String> audience) {
    long statusId = Long.parseLong(ids.next());
    long cpuStart = Cpu.process();
    long sqliteStart = Cpu.sqliteThread();
    long start = System.nanoTime();
    side.run(statusId, audience);
    Run run =
        new Run(
            System.nanoTime() - start, Cpu.process() - cpuStart, Cpu.sqliteThread() - sqliteStart);
    long written = Raw.timelineEntriesOf(fx.client, fx.prefix, statusId);
    if (written != audience.size()) {
      throw new IllegalStateException(
          written + " timeline entries of status " + statusId + ", expected " + audience.size());
    }
    Raw.clearTimelines(fx.client, fx.prefix);
    return run;
  }

  private static List<Map<String, AttributeValue>> entries(
      List<String> followers, long statusId, Instant expiresAt) {
    return followers.stream()
        .map(f -> Items.timelineEntry(f, statusId, AUTHOR, expiresAt))
        .toList();
  }
}
