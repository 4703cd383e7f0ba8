package app.podium.fanout;

import app.podium.accounts.AccountStore;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.BlockOrMute;
import app.podium.graph.Follow;
import app.podium.graph.FollowStore;
import app.podium.notifications.NotificationEvent;
import app.podium.notifications.NotificationService;
import app.podium.notifications.NotificationType;
import app.podium.reactions.Reaction;
import app.podium.reactions.ReactionStore;
import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTasks;
import app.podium.shared.PageRequest;
import app.podium.shared.Settings;
import app.podium.shared.Slice;
import app.podium.stats.StatsService;
import app.podium.statuses.Status;
import app.podium.statuses.StatusStore;
import app.podium.statuses.StatusTasks;
import app.podium.timelines.HomeActivity;
import app.podium.timelines.HomeFeedPolicy;
import app.podium.timelines.TimelineEntry;
import app.podium.timelines.TimelineStore;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out one fan-out task: one page of the author's followers. The next page is enqueued
 * before this one is written, so a large audience spreads over many concurrent invocations. Every
 * write is keyed (member, status), so a task run twice writes nothing new.
 */
public final class FanoutService {
  /** Reblogs of a deleted status removed per task: each is a transaction of its own. */
  static final int REBLOG_CLEANUP_PAGE = 100;

  private final FollowStore follows;
  private final AccountStore accounts;
  private final TimelineStore timelines;
  private final BlockMuteStore blocks;
  private final FanoutTasks tasks;
  private final StatusStore statuses;
  private final ReactionStore reactions;
  private final Settings.Fanout settings;
  private final Clock clock;
  private final NotificationService notifications;
  private final HomeFeedPolicy policy;
  private final HomeActivity activity;

  public FanoutService(
      FollowStore follows,
      AccountStore accounts,
      TimelineStore timelines,
      BlockMuteStore blocks,
      FanoutTasks tasks,
      StatusStore statuses,
      ReactionStore reactions,
      Settings settings,
      Clock clock,
      NotificationService notifications,
      StatsService stats) {
    this.notifications = notifications;
    this.follows = follows;
    this.accounts = accounts;
    this.timelines = timelines;
    this.blocks = blocks;
    this.tasks = tasks;
    this.statuses = statuses;
    this.reactions = reactions;
    this.settings = settings.fanout();
    this.clock = clock;
    this.policy = new HomeFeedPolicy(follows, blocks, clock);
    this.activity =
        new HomeActivity(accounts, timelines, statuses, follows, policy, settings, clock, stats);
  }

  public void handle(FanoutTask task) {
    switch (task) {
      case FanoutTask.PostCreated created -> postCreated(created);
      case FanoutTask.PostDeleted deleted ->
          forEachFollowerPage(
              deleted,
              followers ->
                  timelines.remove(entries(followers, deleted.statusId(), deleted.authorId())));
      case FanoutTask.AuthorBecameLarge large ->
          forEachFollowerPage(
              large, followers -> accounts.addLargeFollowee(followers, large.authorId()));
      case FanoutTask.Unfollowed unfollowed -> {
        String member = unfollowed.memberId();
        // the cleanup may run after the member followed the author again (the queue can lag): then
        // the
        // entries are the new follow's backfill, and stay
        if (follows.followedBy(member, List.of(unfollowed.authorId())).isEmpty()) {
          timelines.remove(timelines.byAuthor(member, unfollowed.authorId()));
        }
      }
      case FanoutTask.AuthorHidden hidden -> {
        String member = hidden.memberId();
        // the member may have unblocked or unmuted while the task waited: then the entries stay
        if (BlockOrMute.hiddenFrom(
                member, blocks.between(member, List.of(hidden.authorId())), clock.instant())
            .contains(hidden.authorId())) {
          timelines.remove(timelines.byAuthor(member, hidden.authorId()));
        }
      }
      case FanoutTask.ReblogsOfDeleted cleanup -> reblogsOfDeleted(cleanup);
      case FanoutTask.MemberActive active -> activity.mark(active.memberId());
      case FanoutTask.Notice notice -> {
        if (!notify(List.of(notice), List.of(clock.instant())).getFirst()) {
          throw new IllegalStateException("the notification was not recorded; it is safe to retry");
        }
      }
    }
  }

  /**
   * Records the notification tasks of one batch together, so the events of one group (a burst of
   * favourites of one status) are one write of the group, not one each. {@code sentAt} is when each
   * task's message was sent: with what the task is, it makes the event's id, the same on every
   * delivery. Answers, per task, whether it is done.
   */
  public List<Boolean> notify(List<FanoutTask.Notice> notices, List<java.time.Instant> sentAt) {
    List<NotificationEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < notices.size(); i++) {
      FanoutTask.Notice task = notices.get(i);
      NotificationType type =
          switch (task) {
            case FanoutTask.Favourited f -> NotificationType.FAVOURITE;
            case FanoutTask.Reblogged r -> NotificationType.REBLOG;
            case FanoutTask.Followed f -> NotificationType.FOLLOW;
          };
      Optional<String> statusId =
          switch (task) {
            case FanoutTask.Favourited f -> Optional.of(f.statusId());
            case FanoutTask.Reblogged r -> Optional.of(r.statusId());
            case FanoutTask.Followed f -> Optional.empty();
          };
      String recipient = task.recipientId();
      String what =
          type.text() + ":" + task.accountId() + ":" + recipient + ":" + statusId.orElse("");
      events.add(
          new NotificationEvent(
              recipient,
              type,
              task.accountId(),
              statusId,
              NotificationEvent.idOf(sentAt.get(i), what)));
    }
    return notifications.record(events);
  }

  /**
   * The members a new status mentions (and the author it answers) are notified, once per status:
   * the event's id is the status's own, so a redelivery changes nothing. Done by the status's first
   * task, whatever the size of the author's audience.
   */
  private void notifyMentioned(FanoutTask.PostCreated task) {
    List<String> mentioned = task.facts().mentionIds();
    if (mentioned.isEmpty()) {
      return;
    }
    String statusId = task.statusId();
    List<NotificationEvent> events =
        mentioned.stream()
            .map(
                member ->
                    new NotificationEvent(
                        member,
                        NotificationType.MENTION,
                        task.authorId(),
                        Optional.of(statusId),
                        Long.parseLong(statusId),
                        mentioned.stream().filter(other -> !other.equals(member)).toList()))
            .toList();
    if (notifications.record(events).contains(false)) {
      throw new IllegalStateException("a mention was not recorded; the task is safe to retry");
    }
  }

  private void postCreated(FanoutTask.PostCreated task) {
    if (task.cursor().isEmpty()) {
      notifyMentioned(task);
      var author = accounts.find(task.authorId());
      if (author.isEmpty()) {
        return;
      }
      if (author.get().large()) {
        return;
      }
      if (author.get().followersCount() > settings.maxFollowers()) {
        if (accounts.markLarge(task.authorId())) {
          tasks.enqueue(new FanoutTask.AuthorBecameLarge(task.authorId()));
        }
        return;
      }
    }
    HomeFeedPolicy.Candidate status =
        HomeFeedPolicy.Candidate.of(task.authorId(), task.facts().inReplyToAccountId());
    forEachFollowerPage(
        task,
        followers -> {
          // the inactive are skipped (their timeline is rebuilt when they return), then the home's
          // rules decide, with
          // one query for whoever blocks or mutes the author (usually nobody; a block also ends the
          // follow, so this
          // catches only a page read just before it) and, for a reply, one batch read of the
          // follows it needs
          Set<String> active =
              accounts.activeAmong(followers, clock.instant().minus(settings.activeWithin()));
          List<String> audience =
              policy.audience(status, followers.stream().filter(active::contains).toList());
          timelines.write(
              entries(withoutOriginal(audience, task), task.statusId(), task.authorId()));
        });
  }

  /**
   * A reblog does not go to followers whose timeline already holds the status it reblogs: one batch
   * read of their entries for the original per page.
   */
  private List<String> withoutOriginal(List<String> members, FanoutTask.PostCreated task) {
    Optional<String> original = task.facts().reblogOfId();
    if (original.isEmpty() || members.isEmpty()) {
      return members;
    }
    Set<String> holding = timelines.holding(members, Long.parseLong(original.get()));
    return members.stream().filter(member -> !holding.contains(member)).toList();
  }

  /**
   * One page of one shard of a deleted status's reblogs: each is removed (reaction, status, the
   * reblogger's count and own entry) and leaves its followers' timelines through a {@code
   * POST_DELETED} task of its own. The next page is enqueued first; a reblog already removed is
   * skipped, so a task run twice changes nothing more.
   */
  private void reblogsOfDeleted(FanoutTask.ReblogsOfDeleted task) {
    int shard = task.shard();
    Optional<Long> before = task.before();
    String originalId = task.statusId();
    List<Reaction> page =
        reactions.byStatusShard(
            Reaction.Kind.REBLOG,
            originalId,
            shard,
            new PageRequest(before, Optional.empty(), Optional.empty(), REBLOG_CLEANUP_PAGE));
    if (page.size() == REBLOG_CLEANUP_PAGE) {
      tasks.enqueue(task.continuingBefore(Long.parseLong(page.getLast().id())));
    }
    java.util.Map<String, Status> reblogs = new java.util.HashMap<>();
    statuses
        .findAll(page.stream().map(r -> r.reblogId().orElse(r.id())).toList())
        .forEach(reblog -> reblogs.put(reblog.id(), reblog));
    for (Reaction reaction : page) {
      if (reactions.unreblog(reaction, Optional.empty())) {
        Status reblog = reblogs.get(reaction.reblogId().orElse(reaction.id()));
        if (reblog != null) {
          tasks.enqueue(StatusTasks.postDeleted(reblog));
        }
      }
    }
  }

  /**
   * The task's page of followers. The first task of an author whose followers are sharded starts
   * one chain of pages per shard, so a large audience is walked by as many chains side by side.
   */
  private void forEachFollowerPage(
      FanoutTask.FollowerPage task, java.util.function.Consumer<List<String>> work) {
    Optional<String> cursor = task.cursor();
    if (cursor.isEmpty()) {
      List<String> shards = follows.followerShards(task.authorId());
      shards.stream().skip(1).forEach(start -> tasks.enqueue(task.continuingAt(start)));
      cursor = Optional.of(shards.getFirst());
    }
    Slice<Follow> page = follows.followerPage(task.authorId(), cursor, settings.pageSize());
    page.next().ifPresent(next -> tasks.enqueue(task.continuingAt(next)));
    work.accept(page.items().stream().map(Follow::followerId).toList());
  }

  private static List<TimelineEntry> entries(
      List<String> members, String statusId, String authorId) {
    long id = Long.parseLong(statusId);
    return members.stream().map(member -> new TimelineEntry(member, id, authorId)).toList();
  }
}
