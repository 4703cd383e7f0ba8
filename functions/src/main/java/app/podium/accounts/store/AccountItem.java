package app.podium.accounts.store;

import app.podium.Tables;
import app.podium.accounts.Account;
import app.podium.store.Attributes;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
      Schemas.of(Tables.ACCOUNTS, AccountItem.class, AccountItem::new, MethodHandles.lookup());

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
