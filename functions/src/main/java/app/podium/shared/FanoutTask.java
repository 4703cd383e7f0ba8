package app.podium.shared;

import java.util.List;
import java.util.Optional;

/**
 * One unit of work on the event path, carried by one queue message: one record per kind, each with
 * the fields that kind needs. A {@link FollowerPage} covers one page of an author's followers; its
 * {@code cursor} says where the page starts (empty on the first page), and a task that leaves
 * followers unvisited enqueues the next page as a task of its own. A {@link Notice} records one
 * event for one member.
 */
public sealed interface FanoutTask {

  /** The tasks that walk an author's followers a page at a time. */
  sealed interface FollowerPage extends FanoutTask
      permits PostCreated, PostDeleted, AuthorBecameLarge {
    String authorId();

    /** Where this page starts; empty on the first page, which starts one chain per shard. */
    Optional<String> cursor();

    /** The same task on the page that starts at {@code next}. */
    FollowerPage continuingAt(String next);
  }

  /** The tasks that notify one member of what another did. */
  sealed interface Notice extends FanoutTask permits Favourited, Reblogged, Followed {
    /** Who acted. */
    String accountId();

    /** Who is notified. */
    String recipientId();
  }

  /**
   * Write the status into the timelines of the author's active followers; notify those it mentions.
   */
  record PostCreated(String authorId, String statusId, StatusFacts facts, Optional<String> cursor)
      implements FollowerPage {
    @Override
    public PostCreated continuingAt(String next) {
      return new PostCreated(authorId, statusId, facts, Optional.of(next));
    }
  }

  /** Remove the status from the timelines of the author's followers. */
  record PostDeleted(String authorId, String statusId, Optional<String> cursor)
      implements FollowerPage {
    @Override
    public PostDeleted continuingAt(String next) {
      return new PostDeleted(authorId, statusId, Optional.of(next));
    }
  }

  /**
   * The author crossed the fan-out threshold: add it to every follower's set of large followees.
   */
  record AuthorBecameLarge(String authorId, Optional<String> cursor) implements FollowerPage {
    public AuthorBecameLarge(String authorId) {
      this(authorId, Optional.empty());
    }

    @Override
    public AuthorBecameLarge continuingAt(String next) {
      return new AuthorBecameLarge(authorId, Optional.of(next));
    }
  }

  /** Remove the author's statuses from {@code memberId}'s timeline after they unfollowed. */
  record Unfollowed(String authorId, String memberId) implements FanoutTask {}

  /** Remove the author's statuses from {@code memberId}'s timeline after they blocked or muted. */
  record AuthorHidden(String authorId, String memberId) implements FanoutTask {}

  /** Notify a status's author that a member favourited it. */
  record Favourited(String accountId, String statusId, String recipientId) implements Notice {}

  /** Notify a status's author that a member reblogged it. */
  record Reblogged(String accountId, String statusId, String recipientId) implements Notice {}

  /** Notify {@code recipientId} that {@code accountId} followed them. */
  record Followed(String accountId, String recipientId) implements Notice {}

  /**
   * A status was deleted: delete its reblogs, one page of one shard of its reblog reactions at a
   * time, each page starting before the last reaction id done (the newest first).
   */
  record ReblogsOfDeleted(String authorId, String statusId, int shard, Optional<Long> before)
      implements FanoutTask {
    /** The same shard's next page, before {@code lastDone}. */
    public ReblogsOfDeleted continuingBefore(long lastDone) {
      return new ReblogsOfDeleted(authorId, statusId, shard, Optional.of(lastDone));
    }
  }

  /**
   * The member read their home with an activity mark a day old or more: mark them active (once a
   * day), trim their timeline, and rebuild it if they were away longer than the fan-out's activity
   * window. Off the read, so that the home read writes nothing.
   */
  record MemberActive(String memberId) implements FanoutTask {}

  /**
   * What the fan-out of a status needs to know of it.
   *
   * @param inReplyToAccountId whose status it answers: followers who do not follow that account do
   *     not get it
   * @param reblogOfId for a reblog, the status reblogged: followers who already have it do not get
   *     it again
   * @param mentionIds the members it mentions (and the author of the status it answers), who are
   *     notified
   */
  record StatusFacts(
      Visibility visibility,
      Optional<String> inReplyToAccountId,
      Optional<String> reblogOfId,
      List<String> mentionIds) {
    public StatusFacts {
      mentionIds = List.copyOf(mentionIds);
    }
  }
}
