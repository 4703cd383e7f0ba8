package app.podium.graph;

import app.podium.accounts.Account;
import app.podium.shared.PageRequest;
import app.podium.shared.Slice;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

public interface FollowStore {
  /**
   * Records the follow and counts it on both accounts, all or nothing; when the followee is large
   * it also joins the follower's large followees. False if the follow already existed (nothing
   * changes).
   */
  boolean follow(Follow follow, Account followee);

  /** Removes the follow and uncounts it, all or nothing; false if there was none. */
  boolean unfollow(String followerId, String followeeId);

  /** Which of {@code followeeIds} the follower follows. */
  Set<String> followedBy(String followerId, Collection<String> followeeIds);

  /** Which of {@code followerIds} follow the followee. */
  Set<String> followersAmong(String followeeId, Collection<String> followerIds);

  /**
   * Where each part of an account's followers starts, as cursors for {@link #followerPage}: one for
   * most accounts, one per shard for accounts with many followers, so their pages can be walked
   * side by side.
   */
  List<String> followerShards(String followeeId);

  /** One page of one part of an account's followers in follow order, from an opaque cursor. */
  Slice<Follow> followerPage(String followeeId, Optional<String> cursor, int limit);

  /**
   * An account's followers, newest follow first, in the page's window of follow ids; {@code shards}
   * is the account's {@link Account#followerShards()}.
   */
  List<Follow> followers(String followeeId, int shards, PageRequest page);

  /** The accounts an account follows, newest follow first, in the page's window of follow ids. */
  List<Follow> following(String followerId, PageRequest page);
}
