package app.podium.domain;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out one fan-out task: one page of the author's followers. The next page is enqueued before
 * this one is written, so a large audience spreads over many concurrent invocations. Every write is
 * keyed (member, status), so a task run twice writes nothing new.
 */
public final class FanoutService {
  private final FollowStore follows;
  private final AccountStore accounts;
  private final TimelineStore timelines;
  private final BlockMuteStore blocks;
  private final FanoutTasks tasks;
  private final Settings.Fanout settings;
  private final Clock clock;
  private final NotificationService notifications;

  public FanoutService(FollowStore follows, AccountStore accounts, TimelineStore timelines, BlockMuteStore blocks,
      FanoutTasks tasks, Settings settings, Clock clock, NotificationService notifications) {
    this.notifications = notifications;
    this.follows = follows;
    this.accounts = accounts;
    this.timelines = timelines;
    this.blocks = blocks;
    this.tasks = tasks;
    this.settings = settings.fanout();
    this.clock = clock;
  }

  public void handle(FanoutTask task) {
    switch (task.kind()) {
      case POST_CREATED -> postCreated(task);
      case POST_DELETED -> forEachFollowerPage(task, followers -> timelines.remove(entries(followers, task)));
      case AUTHOR_BECAME_LARGE -> forEachFollowerPage(task, followers ->
          accounts.addLargeFollowee(followers, task.authorId()));
      case UNFOLLOWED -> {
        String member = task.subjectId().orElseThrow();
        // the cleanup may run after the member followed the author again (the queue can lag): then the
        // entries are the new follow's backfill, and stay
        if (follows.followedBy(member, List.of(task.authorId())).isEmpty()) {
          timelines.remove(timelines.byAuthor(member, task.authorId()));
        }
      }
      case AUTHOR_HIDDEN -> {
        String member = task.subjectId().orElseThrow();
        // the member may have unblocked or unmuted while the task waited: then the entries stay
        if (BlockOrMute.hiddenFrom(member, blocks.between(member, List.of(task.authorId())), clock.instant())
            .contains(task.authorId())) {
          timelines.remove(timelines.byAuthor(member, task.authorId()));
        }
      }
      case FAVOURITED, REBLOGGED, FOLLOWED -> {
        if (!notify(List.of(task), List.of(clock.instant())).getFirst()) {
          throw new IllegalStateException("the notification was not recorded; it is safe to retry");
        }
      }
    }
  }

  /** Whether the task only notifies one member ({@link #notify} takes a batch of them at once). */
  public static boolean notifies(FanoutTask task) {
    return switch (task.kind()) {
      case FAVOURITED, REBLOGGED, FOLLOWED -> true;
      default -> false;
    };
  }

  /**
   * Records the notification tasks of one batch together, so the events of one group (a burst of favourites of
   * one status) are one write of the group, not one each. {@code sentAt} is when each task's message was sent:
   * with what the task is, it makes the event's id, the same on every delivery. Answers, per task, whether it is
   * done.
   */
  public List<Boolean> notify(List<FanoutTask> notices, List<java.time.Instant> sentAt) {
    List<NotificationEvent> events = new java.util.ArrayList<>();
    for (int i = 0; i < notices.size(); i++) {
      FanoutTask task = notices.get(i);
      NotificationType type = switch (task.kind()) {
        case FAVOURITED -> NotificationType.FAVOURITE;
        case REBLOGGED -> NotificationType.REBLOG;
        case FOLLOWED -> NotificationType.FOLLOW;
        default -> throw new IllegalArgumentException("not a notification task: " + task.kind());
      };
      String recipient = task.subjectId().orElseThrow();
      String what = type.text() + ":" + task.authorId() + ":" + recipient + ":" + task.statusId().orElse("");
      events.add(new NotificationEvent(recipient, type, task.authorId(), task.statusId(),
          NotificationEvent.idOf(sentAt.get(i), what)));
    }
    return notifications.record(events);
  }

  /**
   * The members a new status mentions (and the author it answers) are notified, once per status: the event's id
   * is the status's own, so a redelivery changes nothing. Done by the status's first task, whatever the size of
   * the author's audience.
   */
  private void notifyMentioned(FanoutTask task) {
    List<String> mentioned = task.facts().map(FanoutTask.StatusFacts::mentionIds).orElse(List.of());
    if (mentioned.isEmpty()) {
      return;
    }
    String statusId = task.statusId().orElseThrow();
    List<NotificationEvent> events = mentioned.stream().map(member -> new NotificationEvent(member,
        NotificationType.MENTION, task.authorId(), Optional.of(statusId), Long.parseLong(statusId))).toList();
    if (notifications.record(events).contains(false)) {
      throw new IllegalStateException("a mention was not recorded; the task is safe to retry");
    }
  }

  private void postCreated(FanoutTask task) {
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
          tasks.enqueue(FanoutTask.becameLarge(task.authorId()));
        }
        return;
      }
    }
    forEachFollowerPage(task, followers -> {
      Set<String> active = accounts.activeAmong(followers, clock.instant().minus(settings.activeWithin()));
      // one query per page for everyone who blocks or mutes the author (usually nobody), not a read per
      // follower; a block also ends the follow, so this catches only a page read just before it
      Set<String> hiding = BlockOrMute.hidingFrom(task.authorId(), blocks.targeting(task.authorId()),
          clock.instant());
      timelines.write(entries(followers.stream().filter(f -> active.contains(f) && !hiding.contains(f)).toList(),
          task));
    });
  }

  /**
   * The task's page of followers. The first task of an author whose followers are sharded starts one chain of
   * pages per shard, so a large audience is walked by as many chains side by side.
   */
  private void forEachFollowerPage(FanoutTask task, java.util.function.Consumer<List<String>> work) {
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

  private static List<TimelineEntry> entries(List<String> members, FanoutTask task) {
    long statusId = Long.parseLong(task.statusId().orElseThrow());
    return members.stream().map(member -> new TimelineEntry(member, statusId, task.authorId())).toList();
  }
}
