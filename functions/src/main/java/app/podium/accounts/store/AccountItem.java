package app.podium.accounts.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import app.podium.accounts.Account;
import app.podium.store.Attributes;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** An item of the accounts table. */
public final class AccountItem {
  static final String INVITER_INDEX = "by_inviter_keys";

  String id;
  String username;
  String email;
  String displayName;
  String note;
  String role;
  String locale;
  Long createdAt;
  String invitedBy;
  String inviteCode;
  String passwordHash;

  /** Codes of the invites this member holds, pruned at each new invite; bounded by the quota. */
  public Set<String> heldInvites;

  public Long inviteQuotaVersion;
  Long followersCount;
  Long followingCount;
  Long statusesCount;
  Long lastStatusAt;
  Long lastActiveAt;
  Boolean large;
  Set<String> largeFollowees;

  /** Set while the account is suspended; removed by unsuspending. */
  Long suspendedAt;

  Integer followerShards;

  public static final TableSchema<AccountItem> SCHEMA =
      StaticTableSchema.builder(AccountItem.class)
          .newItemSupplier(AccountItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("id")
                      .getter(i -> i.id)
                      .setter((i, v) -> i.id = v)
                      .tags(primaryPartitionKey()))
          .addAttribute(
              String.class,
              a -> a.name("username").getter(i -> i.username).setter((i, v) -> i.username = v))
          .addAttribute(
              String.class, a -> a.name("email").getter(i -> i.email).setter((i, v) -> i.email = v))
          .addAttribute(
              String.class,
              a ->
                  a.name("display_name")
                      .getter(i -> i.displayName)
                      .setter((i, v) -> i.displayName = v))
          .addAttribute(
              String.class, a -> a.name("note").getter(i -> i.note).setter((i, v) -> i.note = v))
          .addAttribute(
              String.class, a -> a.name("role").getter(i -> i.role).setter((i, v) -> i.role = v))
          .addAttribute(
              String.class,
              a -> a.name("locale").getter(i -> i.locale).setter((i, v) -> i.locale = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("created_at")
                      .getter(i -> i.createdAt)
                      .setter((i, v) -> i.createdAt = v)
                      .tags(secondarySortKey(INVITER_INDEX)))
          .addAttribute(
              String.class,
              a ->
                  a.name("invited_by")
                      .getter(i -> i.invitedBy)
                      .setter((i, v) -> i.invitedBy = v)
                      .tags(secondaryPartitionKey(INVITER_INDEX)))
          .addAttribute(
              String.class,
              a ->
                  a.name("invite_code")
                      .getter(i -> i.inviteCode)
                      .setter((i, v) -> i.inviteCode = v))
          .addAttribute(
              String.class,
              a ->
                  a.name("password_hash")
                      .getter(i -> i.passwordHash)
                      .setter((i, v) -> i.passwordHash = v))
          .addAttribute(
              EnhancedType.setOf(String.class),
              a ->
                  a.name("held_invites")
                      .getter(i -> i.heldInvites)
                      .setter((i, v) -> i.heldInvites = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("invite_quota_version")
                      .getter(i -> i.inviteQuotaVersion)
                      .setter((i, v) -> i.inviteQuotaVersion = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("followers_count")
                      .getter(i -> i.followersCount)
                      .setter((i, v) -> i.followersCount = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("following_count")
                      .getter(i -> i.followingCount)
                      .setter((i, v) -> i.followingCount = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("statuses_count")
                      .getter(i -> i.statusesCount)
                      .setter((i, v) -> i.statusesCount = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("last_status_at")
                      .getter(i -> i.lastStatusAt)
                      .setter((i, v) -> i.lastStatusAt = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("last_active_at")
                      .getter(i -> i.lastActiveAt)
                      .setter((i, v) -> i.lastActiveAt = v))
          .addAttribute(
              Boolean.class,
              a -> a.name("large").getter(i -> i.large).setter((i, v) -> i.large = v))
          .addAttribute(
              EnhancedType.setOf(String.class),
              a ->
                  a.name("large_followees")
                      .getter(i -> i.largeFollowees)
                      .setter((i, v) -> i.largeFollowees = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("suspended_at")
                      .getter(i -> i.suspendedAt)
                      .setter((i, v) -> i.suspendedAt = v))
          .addAttribute(
              Integer.class,
              a ->
                  a.name("follower_shards")
                      .getter(i -> i.followerShards)
                      .setter((i, v) -> i.followerShards = v))
          .build();

  static AccountItem from(Account account, String passwordHash) {
    AccountItem item = new AccountItem();
    item.id = account.id();
    item.username = account.username();
    item.email = account.email();
    item.displayName = account.displayName();
    item.note = account.note();
    item.role = account.role().name();
    item.locale = account.locale();
    item.createdAt = Attributes.millis(account.createdAt());
    item.invitedBy = account.invitedBy().orElse(null);
    item.inviteCode = account.inviteCode().orElse(null);
    item.passwordHash = passwordHash;
    item.followersCount = account.followersCount();
    item.followingCount = account.followingCount();
    item.statusesCount = account.statusesCount();
    item.lastStatusAt = Attributes.millis(account.lastStatusAt());
    item.lastActiveAt = Attributes.millis(account.lastActiveAt());
    item.large = account.large() ? Boolean.TRUE : null;
    item.largeFollowees = account.largeFollowees().isEmpty() ? null : account.largeFollowees();
    item.suspendedAt = Attributes.millis(account.suspendedAt());
    item.followerShards = account.followerShards() > 1 ? account.followerShards() : null;
    return item;
  }

  Account toAccount() {
    return Account.builder()
        .id(id)
        .username(username)
        .email(email)
        .displayName(displayName == null ? "" : displayName)
        .note(note == null ? "" : note)
        .role(Account.Role.valueOf(role))
        .locale(locale)
        .createdAt(Attributes.instant(createdAt))
        .invitedBy(Optional.ofNullable(invitedBy))
        .inviteCode(Optional.ofNullable(inviteCode))
        .followersCount(orZero(followersCount))
        .followingCount(orZero(followingCount))
        .statusesCount(orZero(statusesCount))
        .lastStatusAt(Attributes.optionalInstant(lastStatusAt))
        .lastActiveAt(Attributes.optionalInstant(lastActiveAt))
        .large(Boolean.TRUE.equals(large))
        .largeFollowees(largeFollowees == null ? Set.of() : largeFollowees)
        .suspendedAt(Attributes.optionalInstant(suspendedAt))
        .followerShards(followerShards == null ? 1 : Math.max(1, followerShards))
        .build();
  }

  private static long orZero(Long value) {
    return value == null ? 0 : Math.max(0, value);
  }
}
