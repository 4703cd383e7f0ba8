package app.podium.shared;

import java.util.List;
import java.util.Optional;

/**
 * One unit of work on the event path, carried by one queue message. A status task covers one page
 * of an author's followers; {@code cursor} says where the page starts, and a task that leaves
 * followers unvisited enqueues the next page as a task of its own. A notification task ({@link
 * Kind#FAVOURITED}, {@link Kind#REBLOGGED}, {@link Kind#FOLLOWED}) records one event for one
 * member.
 *
 * @param authorId who acted: the status's author, the follower, the member who favourited or
 *     reblogged, the member who read their home
 * @param facts only for status tasks: what the fan-out needs to know of the status without reading
 *     it (it may not be stored yet when the task runs)
 * @param subjectId for {@link Kind#UNFOLLOWED} and {@link Kind#AUTHOR_HIDDEN}: the member whose
 *     timeline loses the author's statuses; for notification tasks: the member notified
 */
public record FanoutTask(
    Kind kind,
    String authorId,
    Optional<String> statusId,
    Optional<StatusFacts> facts,
    Optional<String> subjectId,
    Optional<String> cursor) {

  public enum Kind {
    /**
     * Write the status into the timelines of the author's active followers; notify those it
     * mentions.
     */
    POST_CREATED,
    /** Remove the status from the timelines of the author's followers. */
    POST_DELETED,
    /**
     * The author crossed the fan-out threshold: add it to every follower's set of large followees.
     */
    AUTHOR_BECAME_LARGE,
    /** Remove the author's statuses from one member's timeline after an unfollow. */
    UNFOLLOWED,
    /**
     * Remove the author's statuses from one member's timeline after the member blocked or muted
     * them.
     */
    AUTHOR_HIDDEN,
    /** Notify a status's author that a member favourited it. */
    FAVOURITED,
    /** Notify a status's author that a member reblogged it. */
    REBLOGGED,
    /** Notify a member that another followed them. */
    FOLLOWED,
    /**
     * A status was deleted: delete its reblogs, one page of one shard of its reblog reactions at a
     * time ({@code cursor} {@code <shard>/<last reaction id done>}).
     */
    REBLOGS_OF_DELETED,
    /**
     * The member read their home with an activity mark a day old or more: mark them active (once a
     * day), trim their timeline, and rebuild it if they were away longer than the fan-out's
     * activity window. Off the read, so that the home read writes nothing.
     */
    MEMBER_ACTIVE
  }

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
  public record StatusFacts(
      Visibility visibility,
      Optional<String> inReplyToAccountId,
      Optional<String> reblogOfId,
      List<String> mentionIds) {
    public StatusFacts {
      mentionIds = List.copyOf(mentionIds);
    }
  }

  public static FanoutTask unfollowed(String followerId, String followeeId) {
    return new FanoutTask(
        Kind.UNFOLLOWED,
        followeeId,
        Optional.empty(),
        Optional.empty(),
        Optional.of(followerId),
        Optional.empty());
  }

  public static FanoutTask authorHidden(String memberId, String authorId) {
    return new FanoutTask(
        Kind.AUTHOR_HIDDEN,
        authorId,
        Optional.empty(),
        Optional.empty(),
        Optional.of(memberId),
        Optional.empty());
  }

  public static FanoutTask becameLarge(String authorId) {
    return new FanoutTask(
        Kind.AUTHOR_BECAME_LARGE,
        authorId,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** {@code followerId} followed {@code followeeId}, who is notified. */
  public static FanoutTask followed(String followerId, String followeeId) {
    return new FanoutTask(
        Kind.FOLLOWED,
        followerId,
        Optional.empty(),
        Optional.empty(),
        Optional.of(followeeId),
        Optional.empty());
  }

  /** {@code memberId} read their home; see {@link Kind#MEMBER_ACTIVE}. */
  public static FanoutTask memberActive(String memberId) {
    return new FanoutTask(
        Kind.MEMBER_ACTIVE,
        memberId,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  public FanoutTask continuingAt(String nextCursor) {
    return new FanoutTask(kind, authorId, statusId, facts, subjectId, Optional.of(nextCursor));
  }
}
