package app.podium.bench.model;

import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * How long one post takes to reach all its followers' timelines, the way Podium chains pages: the
 * message for page i+1 is enqueued once page i has read its followers (before it writes), reaches a
 * worker after an SQS hop, and waits there for one of {@code concurrency} Lambda environments. An
 * author whose followers are sharded (Podium's {@code FOLLOWER_SHARDS_FROM}) has one such chain per
 * shard, all started by the first message and sharing the environments. Page times are drawn from
 * the samples measured on the local stack. Simulated, since the chains and the concurrency limit
 * interact.
 */
public final class FanoutTime {
  private FanoutTime() {}

  /** p50 and p99 over simulated posts, in seconds. */
  public record Percentiles(double p50, double p99) {}

  /**
   * @param pages follower pages of the post
   * @param chains chains of pages walked side by side (the author's follower shards; 1 when
   *     unsharded)
   * @param concurrency Lambda environments working the fan-out queue
   * @param pageTimesMs measured page handler times (one is drawn per page)
   * @param queryMs time from a page's start to its next page's enqueue (the follower Query)
   * @param hopMs SQS hop from enqueue to a waiting Lambda environment
   */
  public static Percentiles simulate(
      long pages,
      int chains,
      int concurrency,
      List<Double> pageTimesMs,
      double queryMs,
      double hopMs,
      int trials,
      long seed) {
    Random random = new Random(seed);
    double[] completions = new double[trials];
    for (int t = 0; t < trials; t++) {
      completions[t] = once(pages, chains, concurrency, pageTimesMs, queryMs, hopMs, random);
    }
    Arrays.sort(completions);
    return new Percentiles(percentile(completions, 50) / 1000, percentile(completions, 99) / 1000);
  }

  static double once(
      long pages,
      int chains,
      int concurrency,
      List<Double> pageTimesMs,
      double queryMs,
      double hopMs,
      Random random) {
    PriorityQueue<Double> free = new PriorityQueue<>();
    for (int i = 0; i < concurrency; i++) {
      free.add(0.0);
    }
    int used = (int) Math.max(1, Math.min(chains, pages));
    long[] left = new long[used];
    // each chain's next page: {time it reaches the queue's workers, chain}
    PriorityQueue<double[]> ready = new PriorityQueue<>((a, b) -> Double.compare(a[0], b[0]));
    for (int chain = 0; chain < used; chain++) {
      left[chain] = pages / used + (chain < pages % used ? 1 : 0);
      ready.add(new double[] {hopMs, chain});
    }
    double done = 0;
    while (!ready.isEmpty()) {
      double[] next = ready.poll();
      int chain = (int) next[1];
      double start = Math.max(next[0], free.poll());
      double end = start + pageTimesMs.get(random.nextInt(pageTimesMs.size()));
      free.add(end);
      done = Math.max(done, end);
      if (--left[chain] > 0) {
        ready.add(new double[] {start + queryMs + hopMs, chain});
      }
    }
    return done;
  }

  static double percentile(double[] sorted, double percent) {
    int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
