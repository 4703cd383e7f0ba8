package app.podium.timelines;

import app.podium.graph.FollowStore;
import app.podium.statuses.Status;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Mastodon's rule for replies on home timelines: a reply to another member reaches a home only if its owner also
 * follows the member it answers (or is that member); a reply to oneself goes wherever the author's statuses go.
 * The fan-out applies it to each page of followers; the home read, a follow's backfill and a returning member's
 * rebuild apply it to the statuses they take from the posts table.
 */
public final class RepliesOnHome {
  private RepliesOnHome() {}

  /** Whom the status answers, when that is someone other than its author: the only statuses the rule concerns. */
  static Optional<String> answered(Status status) {
    return status.inReplyToAccountId().filter(id -> !id.equals(status.authorId()));
  }

  /**
   * Which of an author's {@code followers} get a status answering {@code answered} (empty: not a reply to someone
   * else) on their home: all of them, or those who also follow that member, and the member. One batch read.
   */
  public static Set<String> audience(FollowStore follows, Optional<String> answered, List<String> followers) {
    if (answered.isEmpty()) {
      return Set.copyOf(followers);
    }
    Set<String> audience = new HashSet<>(follows.followersAmong(answered.get(), followers));
    if (followers.contains(answered.get())) {
      audience.add(answered.get());
    }
    return audience;
  }

  /**
   * The statuses that may go on {@code memberId}'s home: replies to others only where the member follows the one
   * answered. {@code followedAmong} says which of some accounts the member follows; it is asked once, and only
   * when there are such replies.
   */
  public static List<Status> forMember(String memberId, List<Status> statuses,
      Function<Collection<String>, Set<String>> followedAmong) {
    Set<String> answered = statuses.stream().map(RepliesOnHome::answered).flatMap(Optional::stream)
        .filter(id -> !id.equals(memberId)).collect(Collectors.toSet());
    if (answered.isEmpty()) {
      return statuses;
    }
    Set<String> followed = followedAmong.apply(answered);
    return statuses.stream().filter(s -> answered(s).map(id -> id.equals(memberId) || followed.contains(id))
        .orElse(true)).toList();
  }
}
