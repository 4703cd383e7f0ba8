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

  public FanoutService(FollowStore follows, AccountStore accounts, TimelineStore timelines, BlockMuteStore blocks,
      FanoutTasks tasks, Settings settings, Clock clock) {
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
    }
  }

  private void postCreated(FanoutTask task) {
    if (task.cursor().isEmpty()) {
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
      Set<String> audience = replyAudience(task, followers);
      timelines.write(entries(followers.stream().filter(f -> active.contains(f) && !hiding.contains(f)
          && audience.contains(f)).toList(), task));
    });
  }

  /**
   * Who of a page of followers gets the status on their home timeline as far as replies go, as Mastodon decides:
   * a reply to another member's status only those who also follow that member (and that member), one batch read
   * per page; anything else, a reply to oneself included, every follower.
   */
  private Set<String> replyAudience(FanoutTask task, List<String> followers) {
    Optional<String> repliedTo = task.facts().flatMap(FanoutTask.StatusFacts::inReplyToAccountId)
        .filter(id -> !id.equals(task.authorId()));
    if (repliedTo.isEmpty()) {
      return Set.copyOf(followers);
    }
    Set<String> audience = new java.util.HashSet<>(follows.followersAmong(repliedTo.get(), followers));
    if (followers.contains(repliedTo.get())) {
      audience.add(repliedTo.get());
    }
    return audience;
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
