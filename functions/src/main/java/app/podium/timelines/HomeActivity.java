package app.podium.timelines;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.graph.Follow;
import app.podium.graph.FollowStore;
import app.podium.shared.PageRequest;
import app.podium.shared.Settings;
import app.podium.stats.StatsService;
import app.podium.statuses.StatusStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A member's activity mark (the account's {@code last_active_at}) and what hangs on it. The fan-out
 * writes only to members active within the configured window; a member returning after that gets
 * their timeline rebuilt from their followees' recent statuses. The mark is kept to the day: a home
 * read that finds it a day old or more hands a {@code MEMBER_ACTIVE} task to the fan-out queue, and
 * the task writes it, conditionally, so that one write a day gets through whatever the number of
 * reads, containers or redeliveries. The read itself writes nothing: a returning member's first
 * pages merge the rebuild's statuses at read time, until the task has written them.
 */
public final class HomeActivity {
  /**
   * How fresh the mark is kept: the fan-out's window is days, so a day's precision costs one write
   * a day.
   */
  static final Duration RESOLUTION = Duration.ofDays(1);

  static final int REBUILD_FOLLOWEES = 1000;
  static final int REBUILD_PER_FOLLOWEE = 20;

  private final AccountStore accounts;
  private final TimelineStore timelines;
  private final StatusStore statuses;
  private final FollowStore follows;
  private final HomeFeedPolicy policy;
  private final Settings.Fanout settings;
  private final Clock clock;
  private final StatsService stats;

  public HomeActivity(
      AccountStore accounts,
      TimelineStore timelines,
      StatusStore statuses,
      FollowStore follows,
      HomeFeedPolicy policy,
      Settings settings,
      Clock clock,
      StatsService stats) {
    this.accounts = accounts;
    this.timelines = timelines;
    this.statuses = statuses;
    this.follows = follows;
    this.policy = policy;
    this.settings = settings.fanout();
    this.clock = clock;
    this.stats = stats;
  }

  /** Whether the member's mark is a day old or more at {@code now}, so a read should hand it on. */
  public static boolean due(Account member, Instant now) {
    return !lastActive(member).isAfter(now.minus(RESOLUTION));
  }

  /**
   * Whether the member was away longer than the fan-out's window, so their timeline missed
   * statuses.
   */
  public boolean returning(Account member, Instant now) {
    return lastActive(member).isBefore(now.minus(settings.activeWithin()));
  }

  /**
   * Carries out a {@code MEMBER_ACTIVE} task: for a member returning from longer than the fan-out's
   * window, the rebuild first, then the trim to the cap, then the member counted active in this
   * month and half-year unless their previous mark was in them already, then the mark, conditional
   * on the stored one being a day old. A task that fails before the mark is retried whole (the
   * rebuild's writes are keyed, so writing them again changes nothing); a task for a member marked
   * within the day (a second read's, a redelivery) writes nothing.
   */
  public void mark(String memberId) {
    Account member = accounts.find(memberId).orElse(null);
    Instant now = clock.instant();
    if (member == null || !due(member, now)) {
      return;
    }
    if (returning(member, now)) {
      timelines.write(rebuilt(member));
    }
    timelines.trim(memberId, settings.timelineMax());
    // before the mark: a task that fails after counting is retried whole, and each period's marker
    // keeps it from counting twice
    stats.countActive(memberId, lastActive(member), now);
    accounts.markActive(memberId, now, now.minus(RESOLUTION));
  }

  /**
   * The entries a rebuild puts on the member's timeline, newest first, at most the timeline's cap:
   * the latest statuses of each account they follow (large ones excepted: merged at every read
   * anyway) that belong on their home. Reads only: the page of follows, one query per followee and
   * one of the member's blocks and mutes.
   */
  public List<TimelineEntry> rebuilt(Account member) {
    Set<String> large = member.largeFollowees();
    List<Follow> following = follows.following(member.id(), PageRequest.newest(REBUILD_FOLLOWEES));
    Set<String> followed = new HashSet<>(large);
    following.forEach(follow -> followed.add(follow.followeeId()));
    // the follows are all read already: the policy needs only the member's blocks and mutes besides
    var relations =
        new HomeFeedPolicy.MemberRelations(member.id(), policy.hiddenFrom(member.id()), followed);
    return following.stream()
        .map(Follow::followeeId)
        .filter(followee -> !large.contains(followee))
        .flatMap(
            followee ->
                HomeFeedPolicy.onHome(
                    member.id(),
                    statuses.byAuthor(followee, PageRequest.newest(REBUILD_PER_FOLLOWEE)),
                    relations)
                    .stream())
        .map(status -> new TimelineEntry(member.id(), status.numericId(), status.authorId()))
        .distinct()
        .sorted(Comparator.comparingLong(TimelineEntry::statusId).reversed())
        .limit(settings.timelineMax())
        .toList();
  }

  private static Instant lastActive(Account member) {
    return member.lastActiveAt().orElse(Instant.EPOCH);
  }
}
