package app.podium.accounts;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * A member of the network. Never carries the password hash: see {@link AccountCredentials}.
 *
 * <p>{@code large} marks an account whose posts are not fanned out (more followers than the fan-out
 * threshold); {@code largeFollowees} are the large accounts this member follows, whose recent posts
 * the home timeline merges at read time. {@code lastActiveAt} decides whether the fan-out writes to
 * this member's timeline at all. {@code suspendedAt} is set while an admin has suspended the
 * account: its tokens are refused, and its statuses are hidden wherever they are read. {@code
 * followerShards} is how many keys the account's followers are spread over in storage: 1 for most,
 * more once a burst of follows could make one key hot.
 */
public record Account(
    String id,
    String username,
    String email,
    String displayName,
    String note,
    Role role,
    String locale,
    Instant createdAt,
    Optional<String> invitedBy,
    Optional<String> inviteCode,
    long followersCount,
    long followingCount,
    long statusesCount,
    Optional<Instant> lastStatusAt,
    Optional<Instant> lastActiveAt,
    boolean large,
    Set<String> largeFollowees,
    Optional<Instant> suspendedAt,
    int followerShards) {

  public Account {
    largeFollowees = Set.copyOf(largeFollowees);
  }

  /**
   * The account as the transaction that stored a status left it: one more status, the last one at
   * {@code at}. Derived, so posting answers without reading the account again.
   */
  public Account withStatusPosted(Instant at) {
    return new Account(
        id,
        username,
        email,
        displayName,
        note,
        role,
        locale,
        createdAt,
        invitedBy,
        inviteCode,
        followersCount,
        followingCount,
        statusesCount + 1,
        Optional.of(at),
        lastActiveAt,
        large,
        largeFollowees,
        suspendedAt,
        followerShards);
  }

  /** The account with another follower count (its counter shards summed in, say). */
  public Account withFollowersCount(long count) {
    return new Account(
        id,
        username,
        email,
        displayName,
        note,
        role,
        locale,
        createdAt,
        invitedBy,
        inviteCode,
        count,
        followingCount,
        statusesCount,
        lastStatusAt,
        lastActiveAt,
        large,
        largeFollowees,
        suspendedAt,
        followerShards);
  }

  /** A member as signup creates it: no follows, no statuses, active now. */
  public static Account newMember(
      String id,
      String username,
      String email,
      Role role,
      String locale,
      Instant createdAt,
      Optional<String> invitedBy,
      Optional<String> inviteCode) {
    return new Account(
        id,
        username,
        email,
        "",
        "",
        role,
        locale,
        createdAt,
        invitedBy,
        inviteCode,
        0,
        0,
        0,
        Optional.empty(),
        Optional.of(createdAt),
        false,
        Set.of(),
        Optional.empty(),
        1);
  }

  public enum Role {
    MEMBER,
    ADMIN
  }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }

  public boolean suspended() {
    return suspendedAt.isPresent();
  }
}
