package app.podium.bench.model;

/**
 * Every assumption of a scale scenario, named. Rates are per active member per day; "the largest
 * account" is the one account far above everyone else (the 80-million-follower one nationally).
 *
 * @param members accounts
 * @param dailyActive members active on a given day
 * @param followers follower counts of every other account (power law)
 * @param largestFollowers followers of the largest account
 * @param largestPostsPerDay posts a day by the largest account
 * @param postsPerDay posts a day per active member
 * @param homeReadsPerDay home-timeline reads a day per active member
 * @param followsPerDay new follows a day per active member
 * @param peakFactor peak hour over the day's average
 * @param activeFollowerShare share of followers active within FANOUT_ACTIVE_DAYS (only they get
 *     entries)
 * @param authorsPerPage distinct authors on a 40-status home page
 * @param largestOnPageShare share of its followers' home pages that show one of the largest
 *     account's posts
 * @param homeLatencyMs time a home read holds a Lambda environment (warm containers = peak reads x
 *     this)
 * @param perContainerConcurrency requests one environment serves at once (1 on Lambda)
 * @param cacheWindowMs LARGE_ACCOUNT_CACHE_MS
 * @param followBurstPerSecond follows a second of the largest account during a burst
 * @param counterShards shards of a large account's followers_count
 * @param followsIndexShards shards of a large account's key in the follows-by-followee index
 * @param largeAuthorAccountCached whether a large author's account item is read through the same
 *     cache
 * @param fanoutConcurrency Lambda environments on the fan-out queue
 * @param sqsHopMs enqueue to pick-up by a waiting environment (assumed; not measurable locally)
 * @param timelineCap TIMELINE_MAX
 * @param entryDays TIMELINE_ENTRY_DAYS
 * @param lambdaMemoryMb memory of every function
 * @param authorizerShare authorizer invocations per API request (1 = API Gateway's cache never
 *     hits)
 * @param authorizerRcu reads of one authorizer call (one token GetItem, at most 4 KB, eventually
 *     consistent)
 * @param authorizerMs duration of one authorizer call
 * @param messagesPerReceive fan-out messages per SQS receive (the event source's batch)
 */
public record Scenario(
    String name,
    double members,
    double dailyActive,
    PowerLaw followers,
    double largestFollowers,
    double largestPostsPerDay,
    double postsPerDay,
    double homeReadsPerDay,
    double followsPerDay,
    double peakFactor,
    double activeFollowerShare,
    double authorsPerPage,
    double largestOnPageShare,
    double homeLatencyMs,
    double perContainerConcurrency,
    double cacheWindowMs,
    double followBurstPerSecond,
    int counterShards,
    int followsIndexShards,
    boolean largeAuthorAccountCached,
    int fanoutConcurrency,
    double sqsHopMs,
    int timelineCap,
    int entryDays,
    int lambdaMemoryMb,
    double authorizerShare,
    double authorizerRcu,
    double authorizerMs,
    double messagesPerReceive) {

  /** Invite-only launch: 1M members, 200k active a day, the largest account at 500k followers. */
  public static Scenario launch() {
    return new Scenario(
        "launch",
        1_000_000,
        200_000,
        new PowerLaw(10, 200_000, 1.3),
        500_000,
        20,
        2,
        10,
        1,
        5,
        0.5,
        20,
        1.0,
        50,
        1,
        2_000,
        1_000,
        16,
        16,
        true,
        100,
        50,
        800,
        30,
        1024,
        1,
        0.5,
        5,
        1);
  }

  /**
   * National: 100M members, 20M active a day, one account with 80M followers posting 20 times a
   * day.
   */
  public static Scenario national() {
    return new Scenario(
        "national",
        100_000_000,
        20_000_000,
        new PowerLaw(20, 10_000_000, 1.25),
        80_000_000,
        20,
        2,
        10,
        1,
        5,
        0.4,
        20,
        1.0,
        50,
        1,
        2_000,
        5_000,
        16,
        16,
        true,
        100,
        50,
        800,
        30,
        1024,
        1,
        0.5,
        5,
        1);
  }

  public Scenario withPeakFactor(double factor) {
    return new Scenario(
        name,
        members,
        dailyActive,
        followers,
        largestFollowers,
        largestPostsPerDay,
        postsPerDay,
        homeReadsPerDay,
        followsPerDay,
        factor,
        activeFollowerShare,
        authorsPerPage,
        largestOnPageShare,
        homeLatencyMs,
        perContainerConcurrency,
        cacheWindowMs,
        followBurstPerSecond,
        counterShards,
        followsIndexShards,
        largeAuthorAccountCached,
        fanoutConcurrency,
        sqsHopMs,
        timelineCap,
        entryDays,
        lambdaMemoryMb,
        authorizerShare,
        authorizerRcu,
        authorizerMs,
        messagesPerReceive);
  }

  public Scenario withLargeAuthorAccountCached(boolean cached) {
    return new Scenario(
        name,
        members,
        dailyActive,
        followers,
        largestFollowers,
        largestPostsPerDay,
        postsPerDay,
        homeReadsPerDay,
        followsPerDay,
        peakFactor,
        activeFollowerShare,
        authorsPerPage,
        largestOnPageShare,
        homeLatencyMs,
        perContainerConcurrency,
        cacheWindowMs,
        followBurstPerSecond,
        counterShards,
        followsIndexShards,
        cached,
        fanoutConcurrency,
        sqsHopMs,
        timelineCap,
        entryDays,
        lambdaMemoryMb,
        authorizerShare,
        authorizerRcu,
        authorizerMs,
        messagesPerReceive);
  }

  public Scenario withLargestFollowers(double count) {
    return new Scenario(
        name,
        members,
        dailyActive,
        followers,
        count,
        largestPostsPerDay,
        postsPerDay,
        homeReadsPerDay,
        followsPerDay,
        peakFactor,
        activeFollowerShare,
        authorsPerPage,
        largestOnPageShare,
        homeLatencyMs,
        perContainerConcurrency,
        cacheWindowMs,
        followBurstPerSecond,
        counterShards,
        followsIndexShards,
        largeAuthorAccountCached,
        fanoutConcurrency,
        sqsHopMs,
        timelineCap,
        entryDays,
        lambdaMemoryMb,
        authorizerShare,
        authorizerRcu,
        authorizerMs,
        messagesPerReceive);
  }
}
