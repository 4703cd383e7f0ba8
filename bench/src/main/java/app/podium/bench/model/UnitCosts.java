package app.podium.bench.model;

import java.util.List;

/**
 * What one operation costs, measured in isolation on the local stack (DynamoDB Local's consumed
 * capacity, counted by an SDK interceptor) and through Podium's own code paths. Everything the
 * model prices comes from here or from a named scenario parameter.
 *
 * @param post {@code POST /api/v1/statuses} through its handler, fan-out excluded
 * @param fanoutTask a {@code PostCreated} task whose author has no followers: author read + empty
 *     page
 * @param activityPerFollowerRcu each follower on a page: the activity check (BatchGetItem of id and
 *     last activity)
 * @param perActiveFollowerWcu each active follower: one timeline entry
 * @param pageQueryRcu the follower-page Query alone, for a full page of {@code pageSize} followers
 *     (measured)
 * @param largeTask a {@code PostCreated} task for an author already marked large
 * @param homeBase {@code GET /api/v1/timelines/home} with an empty timeline and no large followee
 * @param homePerStatusRcu each status hydrated on the page (its post read); the timeline Query is
 *     priced by size
 * @param homePerAuthorRcu each distinct author on the page (account read)
 * @param homePerLargeQueryRcu a large followee's posts Query of 50 posts (the read-time merge),
 *     measured
 * @param follow {@code POST /api/v1/accounts/:id/follow} of a small account with no posts
 * @param followPerBackfill each status the follow copies onto the follower's timeline (its entry
 *     write); the Query that finds them is priced by size
 * @param followLarge a follow of a large account (no backfill, the follower's large set grows)
 * @param timelineEntryBytes one timeline item's size by DynamoDB's rules (names plus values), from
 *     a real item
 * @param followItemBytes one follows item's size, from a real item
 * @param postItemBytes one posts item's size, from a real item
 * @param pageSize followers per fan-out message (FANOUT_PAGE_SIZE)
 * @param pageTimesMs handler time of full fan-out pages, one sample per page, local stack
 * @param pageQueryMs mean time of the follower-page Query, local stack
 */
public record UnitCosts(
    Cost post,
    Cost fanoutTask,
    double activityPerFollowerRcu,
    double perActiveFollowerWcu,
    double pageQueryRcu,
    Cost largeTask,
    Cost homeBase,
    double homePerStatusRcu,
    double homePerAuthorRcu,
    double homePerLargeQueryRcu,
    Cost follow,
    Cost followPerBackfill,
    Cost followLarge,
    double timelineEntryBytes,
    double followItemBytes,
    double postItemBytes,
    int pageSize,
    List<Double> pageTimesMs,
    double pageQueryMs,
    Durations durations) {

  /**
   * Query rounding: the items' total size up to the next 4 KB, a unit each (half if eventually
   * consistent).
   */
  public static double queryRcu(double items, double itemBytes, boolean consistent) {
    // DynamoDB Local charges nothing for a Query that finds nothing; DynamoDB may charge a minimum
    return items <= 0 ? 0 : Math.ceil(items * itemBytes / 4096) * (consistent ? 1 : 0.5);
  }

  /** A timeline page read: at most {@code fetch} entries, strongly consistent. */
  public double timelineQueryRcu(double entries) {
    return queryRcu(entries, timelineEntryBytes, true);
  }

  /** A follower page: eventually consistent index Query. */
  public double followerQueryRcu(double followers) {
    return queryRcu(followers, followItemBytes, false);
  }

  /** An author's posts, newest first: eventually consistent index Query. */
  public double postsQueryRcu(double posts) {
    return queryRcu(posts, postItemBytes, false);
  }

  /** Read and write capacity units of one operation. */
  public record Cost(double rcu, double wcu) {
    public static final Cost ZERO = new Cost(0, 0);

    public Cost plus(Cost other) {
      return new Cost(rcu + other.rcu, wcu + other.wcu);
    }

    public Cost times(double factor) {
      return new Cost(rcu * factor, wcu * factor);
    }
  }

  /** Median handler times on the local stack, in milliseconds; Lambda bills duration from them. */
  public record Durations(
      double postMs, double homeMs, double followMs, double fanoutTaskMs, double perFollowerMs) {}
}
