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
    return toBuilder().statusesCount(statusesCount + 1).lastStatusAt(Optional.of(at)).build();
  }

  /** The account with another follower count (its counter shards summed in, say). */
  public Account withFollowersCount(long count) {
    return toBuilder().followersCount(count).build();
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
    return builder()
        .id(id)
        .username(username)
        .email(email)
        .role(role)
        .locale(locale)
        .createdAt(createdAt)
        .invitedBy(invitedBy)
        .inviteCode(inviteCode)
        .lastActiveAt(Optional.of(createdAt))
        .build();
  }

  /** An account named field by field; see {@link Builder} for the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this account's fields, to change some of them. */
  public Builder toBuilder() {
    var b = new Builder();
    b.id = id;
    b.username = username;
    b.email = email;
    b.displayName = displayName;
    b.note = note;
    b.role = role;
    b.locale = locale;
    b.createdAt = createdAt;
    b.invitedBy = invitedBy;
    b.inviteCode = inviteCode;
    b.followersCount = followersCount;
    b.followingCount = followingCount;
    b.statusesCount = statusesCount;
    b.lastStatusAt = lastStatusAt;
    b.lastActiveAt = lastActiveAt;
    b.large = large;
    b.largeFollowees = largeFollowees;
    b.suspendedAt = suspendedAt;
    b.followerShards = followerShards;
    return b;
  }

  /** Names each field of a {@link Account}; a field not set keeps the default shown. */
  public static final class Builder {
    private String id;
    private String username;
    private String email;
    private String displayName = "";
    private String note = "";
    private Role role = Role.MEMBER;
    private String locale;
    private Instant createdAt;
    private Optional<String> invitedBy = Optional.empty();
    private Optional<String> inviteCode = Optional.empty();
    private long followersCount;
    private long followingCount;
    private long statusesCount;
    private Optional<Instant> lastStatusAt = Optional.empty();
    private Optional<Instant> lastActiveAt = Optional.empty();
    private boolean large;
    private Set<String> largeFollowees = Set.of();
    private Optional<Instant> suspendedAt = Optional.empty();
    private int followerShards = 1;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    public Builder email(String email) {
      this.email = email;
      return this;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder note(String note) {
      this.note = note;
      return this;
    }

    public Builder role(Role role) {
      this.role = role;
      return this;
    }

    public Builder locale(String locale) {
      this.locale = locale;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder invitedBy(Optional<String> invitedBy) {
      this.invitedBy = invitedBy;
      return this;
    }

    public Builder inviteCode(Optional<String> inviteCode) {
      this.inviteCode = inviteCode;
      return this;
    }

    public Builder followersCount(long followersCount) {
      this.followersCount = followersCount;
      return this;
    }

    public Builder followingCount(long followingCount) {
      this.followingCount = followingCount;
      return this;
    }

    public Builder statusesCount(long statusesCount) {
      this.statusesCount = statusesCount;
      return this;
    }

    public Builder lastStatusAt(Optional<Instant> lastStatusAt) {
      this.lastStatusAt = lastStatusAt;
      return this;
    }

    public Builder lastActiveAt(Optional<Instant> lastActiveAt) {
      this.lastActiveAt = lastActiveAt;
      return this;
    }

    public Builder large(boolean large) {
      this.large = large;
      return this;
    }

    public Builder largeFollowees(Set<String> largeFollowees) {
      this.largeFollowees = largeFollowees;
      return this;
    }

    public Builder suspendedAt(Optional<Instant> suspendedAt) {
      this.suspendedAt = suspendedAt;
      return this;
    }

    public Builder followerShards(int followerShards) {
      this.followerShards = followerShards;
      return this;
    }

    public Account build() {
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
          statusesCount,
          lastStatusAt,
          lastActiveAt,
          large,
          largeFollowees,
          suspendedAt,
          followerShards);
    }
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
