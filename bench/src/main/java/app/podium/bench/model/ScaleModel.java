package app.podium.bench.model;

import app.podium.bench.model.UnitCosts.Cost;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * DynamoDB units, hottest key, storage, monthly cost and fan-out time of a {@link Scenario} at a
 * fan-out threshold, from {@link UnitCosts}. Pure fan-out is the threshold {@link #PURE} (no author
 * is large). Every rate is derived as an average over the day; the peak is the average times the
 * scenario's peak factor (the cache-limited merge queries scale with it too, since warm containers
 * do).
 */
public final class ScaleModel {
  public static final double PURE = Double.POSITIVE_INFINITY;
  public static final double READ_LIMIT = 3_000;
  public static final double WRITE_LIMIT = 1_000;

  /** DynamoDB bills 100 bytes of overhead per stored item. */
  static final double ITEM_OVERHEAD_BYTES = 100;

  static final int PAGE_STATUSES = 40;

  /** Entries a home read fetches: the page plus TimelineService's slack. */
  static final int PAGE_FETCH = 50;

  /**
   * A follower page's Query rounds its size up to 4 KB: half a block on average, eventually
   * consistent.
   */
  static final double PAGE_ROUNDING_RCU = 0.25;

  static final int BACKFILL = 20;

  /**
   * Podium's FOLLOWER_SHARDS_FROM default: authors with this many followers have their pages walked
   * per shard.
   */
  static final double SHARDED_FROM_FOLLOWERS = 1000;

  /** Simulated posts per fan-out time estimate. */
  public static final int FANOUT_TRIALS = 200;

  public record HotKey(String key, double unitsPerSecond, double limit) {
    public double load() {
      return unitsPerSecond / limit;
    }
  }

  public record MonthlyCost(
      double dynamoReads,
      double dynamoWrites,
      double storage,
      double lambdaCompute,
      double lambdaRequests,
      double sns,
      double sqs) {
    public double total() {
      return dynamoReads + dynamoWrites + storage + lambdaCompute + lambdaRequests + sns + sqs;
    }
  }

  public record Result(
      Scenario scenario,
      double threshold,
      double postsPerSecond,
      double homeReadsPerSecond,
      Cost average,
      Cost peak,
      Cost averageFanout,
      Cost averageHome,
      double mergeQueriesPerSecond,
      List<HotKey> hotKeys,
      double timelineGb,
      MonthlyCost cost,
      double largestFannedOut,
      long largestPages,
      FanoutTime.Percentiles fanout) {
    public HotKey hottest() {
      return hotKeys.stream().max(Comparator.comparingDouble(HotKey::load)).orElseThrow();
    }

    public boolean pure() {
      return threshold == PURE;
    }
  }

  private final UnitCosts u;
  private final int fanoutTrials;

  public ScaleModel(UnitCosts unitCosts) {
    this(unitCosts, FANOUT_TRIALS);
  }

  /** With fewer simulated posts per fan-out time (tests), which only coarsens the percentiles. */
  public ScaleModel(UnitCosts unitCosts, int fanoutTrials) {
    this.u = unitCosts;
    this.fanoutTrials = fanoutTrials;
  }

  /**
   * Reads per follower on a page: the activity check plus the follower Query's share of 4 KB
   * blocks.
   */
  double readPerFollower() {
    return u.activityPerFollowerRcu() + 0.5 * u.followItemBytes() / 4096;
  }

  /**
   * Timeline entries one post by an author with {@code followers} followers writes (fan-out only).
   */
  public double fanoutWritesPerPost(Scenario s, double followers, double threshold) {
    return followers > threshold
        ? 0
        : followers * s.activeFollowerShare() * u.perActiveFollowerWcu();
  }

  public Result evaluate(Scenario s, double threshold) {
    double day = 86_400;
    double posts = s.dailyActive() * s.postsPerDay() / day;
    double largestPosts = s.largestPostsPerDay() / day;
    double reads = s.dailyActive() * s.homeReadsPerDay() / day;
    double follows = s.dailyActive() * s.followsPerDay() / day;
    PowerLaw dist = s.followers();
    boolean largestFanned = s.largestFollowers() <= threshold;

    // fan-out: a fanned-out author's post costs a task per page plus a per-follower read; entries
    // only for
    // active followers. A large author's post costs one task that finds the author large and stops.
    double fannedFollowers = dist.partialMean(0, threshold);
    double smallShare = 1 - dist.tail(threshold);
    double pagesPerPost = smallShare + fannedFollowers / u.pageSize();
    double largePostShare = dist.tail(threshold);
    Cost fanout =
        u.fanoutTask()
            .plus(new Cost(PAGE_ROUNDING_RCU, 0))
            .times(posts * pagesPerPost)
            .plus(new Cost(posts * fannedFollowers * readPerFollower(), 0))
            .plus(new Cost(0, posts * fanoutWritesPerPost(s, 1, threshold) * fannedFollowers))
            .plus(u.largeTask().times(posts * largePostShare));
    double messages = posts * (pagesPerPost + largePostShare);
    if (largestFanned) {
      double pages = Math.floor(s.largestFollowers() / u.pageSize()) + 1;
      fanout =
          fanout
              .plus(u.fanoutTask().plus(new Cost(PAGE_ROUNDING_RCU, 0)).times(largestPosts * pages))
              .plus(
                  new Cost(
                      largestPosts * s.largestFollowers() * readPerFollower(),
                      largestPosts * fanoutWritesPerPost(s, s.largestFollowers(), threshold)));
      messages += largestPosts * pages;
    } else {
      fanout = fanout.plus(u.largeTask().times(largestPosts));
      messages += largestPosts;
    }

    // home reads: the page, plus the read-time merge of large followees' posts, at most once per
    // author
    // per cache window in each warm container
    double mergeQueries = mergeQueriesPerSecond(s, threshold, reads);
    Cost home =
        u.homeBase()
            .plus(
                new Cost(
                    u.timelineQueryRcu(PAGE_FETCH)
                        + PAGE_STATUSES * u.homePerStatusRcu()
                        + s.authorsPerPage() * u.homePerAuthorRcu(),
                    0))
            .times(reads)
            .plus(new Cost(mergeQueries * u.homePerLargeQueryRcu(), 0));

    // follows: a follow of a large account copies nothing; the others backfill up to 20 statuses
    double largeFollowShare =
        (dist.partialMean(threshold, PURE)
                + (largestFanned ? 0 : s.largestFollowers() / s.members()))
            / (dist.mean() + s.largestFollowers() / s.members());
    Cost follow =
        u.followLarge()
            .times(follows * largeFollowShare)
            .plus(
                u.follow()
                    .plus(u.followPerBackfill().times(BACKFILL))
                    .plus(new Cost(u.postsQueryRcu(BACKFILL), 0))
                    .times(follows * (1 - largeFollowShare)));

    double apiRequests = posts + largestPosts + reads + follows;
    Cost authorizer = new Cost(apiRequests * s.authorizerShare() * s.authorizerRcu(), 0);
    Cost average =
        u.post().times(posts + largestPosts).plus(fanout).plus(home).plus(follow).plus(authorizer);
    Cost peak = average.times(s.peakFactor());

    // timeline storage: each member active within the window keeps at most the cap, each entry at
    // most entryDays
    double entriesPerDay = (fanout.wcu() + (posts + largestPosts) * 1) * day;
    double keepers = s.members() * s.activeFollowerShare();
    double perMember = Math.min(s.timelineCap(), entriesPerDay / keepers * s.entryDays());
    double timelineGb = keepers * perMember * (u.timelineEntryBytes() + ITEM_OVERHEAD_BYTES) / 1e9;

    double month = Prices.SECONDS_PER_MONTH;
    double gb = s.lambdaMemoryMb() / 1024.0;
    UnitCosts.Durations d = u.durations();
    double fanoutFollowersPerSecond =
        posts * fannedFollowers + (largestFanned ? largestPosts * s.largestFollowers() : 0);
    double lambdaSeconds =
        ((posts + largestPosts) * d.postMs()
                + reads * d.homeMs()
                + follows * d.followMs()
                + messages * d.fanoutTaskMs()
                + fanoutFollowersPerSecond * d.perFollowerMs()
                + apiRequests * s.authorizerShare() * s.authorizerMs())
            / 1000;
    double invocations =
        apiRequests * (1 + s.authorizerShare()) + messages / s.messagesPerReceive();
    double snsPublishes = posts + largestPosts;
    // continuation pages are sent by Podium; every message is received and deleted once
    double sqsRequests = (messages - snsPublishes) + 2 * messages / s.messagesPerReceive();
    MonthlyCost cost =
        new MonthlyCost(
            average.rcu() * month / 1e6 * Prices.DYNAMODB_PER_MILLION_RRU,
            average.wcu() * month / 1e6 * Prices.DYNAMODB_PER_MILLION_WRU,
            timelineGb * Prices.DYNAMODB_PER_GB_MONTH,
            lambdaSeconds * gb * month * Prices.LAMBDA_ARM_PER_GB_SECOND,
            invocations * month / 1e6 * Prices.LAMBDA_PER_MILLION_REQUESTS,
            snsPublishes * month / 1e6 * Prices.SNS_PER_MILLION_PUBLISHES,
            sqsRequests * month / 1e6 * Prices.SQS_PER_MILLION_REQUESTS);

    double largestFannedOut =
        largestFanned ? s.largestFollowers() : Math.min(threshold, dist.max());
    long pages = (long) Math.floor(largestFannedOut / u.pageSize()) + 1;
    int chains = largestFannedOut >= SHARDED_FROM_FOLLOWERS ? s.followsIndexShards() : 1;
    FanoutTime.Percentiles time =
        FanoutTime.simulate(
            pages,
            chains,
            s.fanoutConcurrency(),
            u.pageTimesMs(),
            u.pageQueryMs(),
            s.sqsHopMs(),
            fanoutTrials,
            7);

    List<HotKey> hot = hotKeys(s, threshold, reads * s.peakFactor(), pages, time);
    return new Result(
        s,
        threshold,
        posts + largestPosts,
        reads,
        average,
        peak,
        fanout,
        home,
        mergeQueries,
        hot,
        timelineGb,
        cost,
        largestFannedOut,
        pages,
        time);
  }

  /**
   * Posts queries of large followees a second, all large authors together (see {@link
   * #mergeQueries}).
   */
  double mergeQueriesPerSecond(Scenario s, double threshold, double reads) {
    PowerLaw dist = s.followers();
    double perAuthorCap = warmContainers(s, reads) / (s.cacheWindowMs() / 1000);
    // an author with x followers is asked for by reads * x / members reads a second, capped per
    // window
    double crossover = perAuthorCap * s.members() / reads;
    double regular =
        reads * dist.partialMean(threshold, crossover)
            + s.members() * perAuthorCap * dist.tail(Math.max(threshold, crossover));
    double largest =
        s.largestFollowers() > threshold ? mergeQueries(s, s.largestFollowers(), reads) : 0;
    return regular + largest;
  }

  /**
   * Queries a second of one large author's posts: its followers' reads, at most one per warm
   * container per window.
   */
  public double mergeQueries(Scenario s, double followers, double reads) {
    double wanted = reads * followers / s.members();
    return Math.min(wanted, warmContainers(s, reads) / (s.cacheWindowMs() / 1000));
  }

  /** Home-timeline environments busy at once: reads a second times the time each holds one. */
  public static double warmContainers(Scenario s, double reads) {
    return reads * s.homeLatencyMs() / 1000 / s.perContainerConcurrency();
  }

  private List<HotKey> hotKeys(
      Scenario s, double threshold, double peakReads, long pages, FanoutTime.Percentiles time) {
    List<HotKey> keys = new ArrayList<>();
    boolean largestFanned = s.largestFollowers() <= threshold;
    double followersReading = peakReads * s.largestFollowers() / s.members();
    double accountReadRcu = 0.5;
    if (!largestFanned) {
      keys.add(
          new HotKey(
              "posts.by_author[largest account]: read-time merge queries",
              mergeQueries(s, s.largestFollowers(), peakReads) * u.homePerLargeQueryRcu(),
              READ_LIMIT));
    } else {
      // fanned out, its newest post is hydrated by id on every follower's page
      keys.add(
          new HotKey(
              "posts[newest post of the largest account]: hydration reads",
              followersReading * s.largestOnPageShare() * u.homePerStatusRcu(),
              READ_LIMIT));
      // its fan-out reads follower pages from one index key (or one per shard) at up to the
      // concurrency
      double pagesPerSecond =
          Math.min(pages, s.fanoutConcurrency()) / (median(u.pageTimesMs()) / 1000);
      keys.add(
          new HotKey(
              "follows.by_followee[largest account]: fan-out page queries",
              pagesPerSecond * u.pageQueryRcu() / s.followsIndexShards(),
              READ_LIMIT));
    }
    boolean accountCached = !largestFanned && s.largeAuthorAccountCached();
    keys.add(
        new HotKey(
            "accounts[largest account]: reads (follow burst"
                + (accountCached ? "" : " + author hydration on home pages")
                + ")",
            s.followBurstPerSecond() * accountReadRcu
                + (accountCached
                    ? 0
                    : followersReading * s.largestOnPageShare() * u.homePerAuthorRcu()),
            READ_LIMIT));
    // a follow updates followers_count inside a transaction (2 units per 1 KB) on one of
    // counterShards items
    keys.add(
        new HotKey(
            "accounts[largest account] followers_count shard: follow burst",
            s.followBurstPerSecond() * 2 / s.counterShards(),
            WRITE_LIMIT));
    keys.add(
        new HotKey(
            "follows.by_followee[largest account] shard: follow burst",
            s.followBurstPerSecond() / s.followsIndexShards(),
            WRITE_LIMIT));
    return keys;
  }

  static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return FanoutTime.percentile(sorted, 50);
  }
}
