package app.podium.accounts.store;

import static app.podium.store.Schemas.BOOLEAN;
import static app.podium.store.Schemas.INTEGER;
import static app.podium.store.Schemas.NUMBER;
import static app.podium.store.Schemas.STRING;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import app.podium.Tables;
import app.podium.accounts.Account;
import app.podium.store.Attributes;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Update;

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
      Schemas.of(AccountItem.class, AccountItem::new)
          .add(STRING, "id", i -> i.id, (i, v) -> i.id = v, primaryPartitionKey())
          .add(STRING, "username", i -> i.username, (i, v) -> i.username = v)
          .add(STRING, "email", i -> i.email, (i, v) -> i.email = v)
          .add(STRING, "display_name", i -> i.displayName, (i, v) -> i.displayName = v)
          .add(STRING, "note", i -> i.note, (i, v) -> i.note = v)
          .add(STRING, "role", i -> i.role, (i, v) -> i.role = v)
          .add(STRING, "locale", i -> i.locale, (i, v) -> i.locale = v)
          .add(
              NUMBER,
              "created_at",
              i -> i.createdAt,
              (i, v) -> i.createdAt = v,
              secondarySortKey(INVITER_INDEX))
          .add(
              STRING,
              "invited_by",
              i -> i.invitedBy,
              (i, v) -> i.invitedBy = v,
              secondaryPartitionKey(INVITER_INDEX))
          .add(STRING, "invite_code", i -> i.inviteCode, (i, v) -> i.inviteCode = v)
          .add(STRING, "password_hash", i -> i.passwordHash, (i, v) -> i.passwordHash = v)
          .add(
              EnhancedType.setOf(String.class),
              "held_invites",
              i -> i.heldInvites,
              (i, v) -> i.heldInvites = v)
          .add(
              NUMBER,
              "invite_quota_version",
              i -> i.inviteQuotaVersion,
              (i, v) -> i.inviteQuotaVersion = v)
          .add(NUMBER, "followers_count", i -> i.followersCount, (i, v) -> i.followersCount = v)
          .add(NUMBER, "following_count", i -> i.followingCount, (i, v) -> i.followingCount = v)
          .add(NUMBER, "statuses_count", i -> i.statusesCount, (i, v) -> i.statusesCount = v)
          .add(NUMBER, "last_status_at", i -> i.lastStatusAt, (i, v) -> i.lastStatusAt = v)
          .add(NUMBER, "last_active_at", i -> i.lastActiveAt, (i, v) -> i.lastActiveAt = v)
          .add(BOOLEAN, "large", i -> i.large, (i, v) -> i.large = v)
          .add(
              EnhancedType.setOf(String.class),
              "large_followees",
              i -> i.largeFollowees,
              (i, v) -> i.largeFollowees = v)
          .add(NUMBER, "suspended_at", i -> i.suspendedAt, (i, v) -> i.suspendedAt = v)
          .add(INTEGER, "follower_shards", i -> i.followerShards, (i, v) -> i.followerShards = v)
          .build();

  /**
   * A transaction's update of the account {@code id}, which must still exist (a write beside it
   * must not count for a deleted member).
   */
  public static Update update(
      DynamoDb db, String id, String expression, Map<String, AttributeValue> values) {
    return db.update(
        Tables.ACCOUNTS,
        Map.of("id", AttributeValue.fromS(id)),
        expression,
        "attribute_exists(id)",
        values);
  }

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
