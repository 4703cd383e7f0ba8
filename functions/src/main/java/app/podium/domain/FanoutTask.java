package app.podium.domain;

import java.util.Optional;

/**
 * One unit of fan-out work, carried by one queue message. A task covers one page of an author's
 * followers; {@code cursor} says where the page starts, and a task that leaves followers unvisited
 * enqueues the next page as a task of its own.
 *
 * @param statusVisibility only for status tasks
 * @param subjectId for {@link Kind#UNFOLLOWED} and {@link Kind#AUTHOR_HIDDEN}: the member whose timeline loses
 *     the author's statuses
 */
public record FanoutTask(Kind kind, String authorId, Optional<String> statusId,
    Optional<Visibility> statusVisibility, Optional<String> subjectId, Optional<String> cursor) {

  public enum Kind {
    /** Write the status into the timelines of the author's active followers. */
    POST_CREATED,
    /** Remove the status from the timelines of the author's followers. */
    POST_DELETED,
    /** The author crossed the fan-out threshold: add it to every follower's set of large followees. */
    AUTHOR_BECAME_LARGE,
    /** Remove the author's statuses from one member's timeline after an unfollow. */
    UNFOLLOWED,
    /** Remove the author's statuses from one member's timeline after the member blocked or muted them. */
    AUTHOR_HIDDEN
  }

  public static FanoutTask postCreated(Status status) {
    return new FanoutTask(Kind.POST_CREATED, status.authorId(), Optional.of(status.id()),
        Optional.of(status.visibility()), Optional.empty(), Optional.empty());
  }

  public static FanoutTask postDeleted(Status status) {
    return new FanoutTask(Kind.POST_DELETED, status.authorId(), Optional.of(status.id()),
        Optional.of(status.visibility()), Optional.empty(), Optional.empty());
  }

  public static FanoutTask unfollowed(String followerId, String followeeId) {
    return new FanoutTask(Kind.UNFOLLOWED, followeeId, Optional.empty(), Optional.empty(),
        Optional.of(followerId), Optional.empty());
  }

  public static FanoutTask authorHidden(String memberId, String authorId) {
    return new FanoutTask(Kind.AUTHOR_HIDDEN, authorId, Optional.empty(), Optional.empty(),
        Optional.of(memberId), Optional.empty());
  }

  public static FanoutTask becameLarge(String authorId) {
    return new FanoutTask(Kind.AUTHOR_BECAME_LARGE, authorId, Optional.empty(), Optional.empty(),
        Optional.empty(), Optional.empty());
  }

  public FanoutTask continuingAt(String nextCursor) {
    return new FanoutTask(kind, authorId, statusId, statusVisibility, subjectId, Optional.of(nextCursor));
  }
}
