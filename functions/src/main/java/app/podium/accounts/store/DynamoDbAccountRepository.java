package app.podium.accounts.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.accounts.Account;
import app.podium.accounts.AccountCredentials;
import app.podium.accounts.AccountStore;
import app.podium.accounts.Emails;
import app.podium.accounts.NewAccount;
import app.podium.shared.DomainException;
import app.podium.stats.store.DynamoDbStatsRepository;
import app.podium.store.Batches;
import app.podium.store.CounterShards;
import app.podium.store.DynamoDb;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

public final class DynamoDbAccountRepository implements AccountStore {
  private final DynamoDb db;
  private final DynamoDbTable<AccountItem> accounts;
  private final DynamoDbTable<UniqueKeyItem> uniqueKeys;
  private final CounterShards counterShards;

  public DynamoDbAccountRepository(DynamoDb db) {
    this.db = db;
    this.counterShards = new CounterShards(db);
    this.accounts = db.table(Tables.ACCOUNTS, AccountItem.SCHEMA);
    this.uniqueKeys = db.table(Tables.UNIQUE_KEYS, UniqueKeyItem.SCHEMA);
  }

  /**
   * One transaction: the account (new id), its username and email claims (new keys), one use of the
   * invite (still usable at {@code now}), and the member counted in the server's members and as
   * active this month and half-year. Exactly one of any number of racing signups wins each claim.
   */
  @Override
  public void create(NewAccount created, Instant now) {
    Account account = created.account();
    List<TransactWriteItem> writes =
        new ArrayList<>(
            List.of(
                put(
                    Tables.ACCOUNTS,
                    AccountItem.SCHEMA.itemToMap(
                        AccountItem.from(account, created.passwordHash()), true),
                    "id"),
                put(
                    Tables.UNIQUE_KEYS,
                    UniqueKeyItem.SCHEMA.itemToMap(
                        UniqueKeyItem.of(UniqueKeyItem.username(account.username()), account.id()),
                        true),
                    "key"),
                put(
                    Tables.UNIQUE_KEYS,
                    UniqueKeyItem.SCHEMA.itemToMap(
                        UniqueKeyItem.of(UniqueKeyItem.email(account.email()), account.id()), true),
                    "key")));
    created.inviteCode().ifPresent(code -> writes.add(spendInvite(code, now)));
    // last: the failed conditions above are told apart by their place
    writes.add(DynamoDbStatsRepository.countMember(db, account.id(), 1));
    writes.addAll(DynamoDbStatsRepository.countNewMemberActive(db, account.id(), now));
    try {
      DynamoDb.retryingConflicts(
          () -> db.client().transactWriteItems(r -> r.transactItems(writes)));
    } catch (TransactionCanceledException e) {
      Set<Integer> failed = DynamoDb.failedConditions(e);
      var violations = new DomainException.Violations();
      if (failed.contains(1)) {
        violations.add("username", "ERR_TAKEN", "is already taken");
      }
      if (failed.contains(2)) {
        violations.add("email", "ERR_TAKEN", "is already taken");
      }
      if (failed.contains(3)) {
        violations.add("invite_code", "ERR_INVALID", "is invalid, expired or used up");
      }
      violations.throwIfAny();
      // Only the account id collided (or conflicts outlasted the retries): the client may simply
      // retry.
      throw new DomainException.Conflict("Signup collided with a concurrent one; please retry");
    }
  }

  private TransactWriteItem put(
      Tables.Table table, Map<String, AttributeValue> item, String keyAttribute) {
    return TransactWriteItem.builder()
        .put(
            Put.builder()
                .tableName(db.name(table))
                .item(item)
                .conditionExpression("attribute_not_exists(#k)")
                .expressionAttributeNames(Map.of("#k", keyAttribute))
                .build())
        .build();
  }

  private TransactWriteItem spendInvite(String code, Instant now) {
    return DynamoDb.write(
        db.update(
            Tables.INVITES,
            Map.of("code", s(code)),
            "SET uses = uses + :one",
            "attribute_exists(code) AND attribute_not_exists(revoked_at)"
                + " AND (attribute_not_exists(max_uses) OR uses < max_uses)"
                + " AND (attribute_not_exists(expires_at) OR expires_at > :now)",
            Map.of(":one", n(1), ":now", n(now.toEpochMilli()))));
  }

  @Override
  public Optional<Account> find(String id) {
    return Optional.ofNullable(
            accounts.getItem(r -> r.key(Key.builder().partitionValue(id).build())))
        .map(this::toAccount);
  }

  @Override
  public Optional<Account> findByUsername(String username) {
    return findItemByClaim(UniqueKeyItem.username(username)).map(this::toAccount);
  }

  @Override
  public List<Account> findAllByUsername(java.util.Collection<String> usernames) {
    if (usernames.isEmpty()) {
      return List.of();
    }
    List<String> accountIds =
        Batches.get(
                db.client(),
                db.name(Tables.UNIQUE_KEYS),
                usernames.stream()
                    .map(UniqueKeyItem::username)
                    .distinct()
                    .map(key -> Map.of("key", s(key)))
                    .toList(),
                null,
                null)
            .stream()
            .map(item -> UniqueKeyItem.SCHEMA.mapToItem(item).accountId)
            .toList();
    return findAll(accountIds);
  }

  @Override
  public Optional<AccountCredentials> findCredentials(String usernameOrEmail) {
    boolean email = usernameOrEmail.contains("@");
    if (email && !Emails.isNormal(usernameOrEmail.trim())) {
      // no account has such an address: signup refuses it
      return Optional.empty();
    }
    String claim =
        email ? UniqueKeyItem.email(usernameOrEmail) : UniqueKeyItem.username(usernameOrEmail);
    return findItemByClaim(claim)
        .map(item -> new AccountCredentials(toAccount(item), item.passwordHash));
  }

  private Optional<AccountItem> findItemByClaim(String claim) {
    return DynamoDb.find(uniqueKeys, claim).flatMap(key -> DynamoDb.find(accounts, key.accountId));
  }

  @Override
  public Account updateProfile(String id, String displayName, String note) {
    AccountItem changes = new AccountItem();
    changes.id = id;
    changes.displayName = displayName;
    changes.note = note;
    try {
      return toAccount(
          accounts.updateItem(
              r ->
                  r.item(changes)
                      .ignoreNulls(true)
                      .conditionExpression(
                          Expression.builder().expression("attribute_exists(id)").build())));
    } catch (ConditionalCheckFailedException e) {
      throw new DomainException.NotFound("Record not found");
    }
  }

  /**
   * The index holds keys alone (see {@code Tables.ACCOUNTS}): the page's ids from it, then the
   * accounts in one batch read, in the index's order.
   */
  @Override
  public List<Account> invitedBy(String inviterId, int limit) {
    List<String> ids =
        accounts
            .index(AccountItem.INVITER_INDEX)
            .query(
                r ->
                    r.queryConditional(
                            QueryConditional.keyEqualTo(k -> k.partitionValue(inviterId)))
                        .limit(limit))
            .stream()
            .limit(1)
            .flatMap(page -> page.items().stream())
            .map(item -> item.id)
            .toList();
    Map<String, Account> found = new HashMap<>();
    findAll(ids).forEach(account -> found.put(account.id(), account));
    // an account deleted between the two reads is left out
    return ids.stream().map(found::get).filter(Objects::nonNull).toList();
  }

  @Override
  public List<Account> findAll(java.util.Collection<String> ids) {
    if (ids.isEmpty()) {
      return List.of();
    }
    return accounts(
        Batches.get(
            db.client(),
            db.name(Tables.ACCOUNTS),
            ids.stream().distinct().map(DynamoDbAccountRepository::key).toList(),
            null,
            null));
  }

  /**
   * The accounts a batch read of their {@link #key keys} found (alone, or beside another table's
   * items), the follower shards of all of them summed in one read.
   */
  public List<Account> accounts(Collection<Map<String, AttributeValue>> items) {
    return withShards(
        items.stream().map(item -> AccountItem.SCHEMA.mapToItem(item).toAccount()).toList());
  }

  /** The account an item holds, with its follower count summed over its shards when it has them. */
  private Account toAccount(AccountItem item) {
    return withShards(List.of(item.toAccount())).getFirst();
  }

  /** The accounts with the shards' counts added to their own, where their followers are sharded. */
  private List<Account> withShards(List<Account> read) {
    Map<String, Integer> sharded = new HashMap<>();
    read.stream()
        .filter(account -> account.followerShards() > 1)
        .forEach(account -> sharded.put(account.id(), account.followerShards()));
    if (sharded.isEmpty()) {
      return read;
    }
    Map<String, Long> sums = counterShards.sums(sharded);
    return read.stream()
        .map(
            account ->
                sharded.containsKey(account.id())
                    ? account.withFollowersCount(
                        Math.max(0, account.followersCount() + sums.get(account.id())))
                    : account)
        .toList();
  }

  /**
   * Reads only the id and activity of each member: the fan-out asks this for every page of
   * followers.
   */
  @Override
  public Set<String> activeAmong(java.util.Collection<String> ids, Instant since) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    long threshold = since.toEpochMilli();
    return Batches.get(
            db.client(),
            db.name(Tables.ACCOUNTS),
            ids.stream().distinct().map(DynamoDbAccountRepository::key).toList(),
            "id, last_active_at",
            null)
        .stream()
        .filter(
            item ->
                item.containsKey("last_active_at")
                    && Long.parseLong(item.get("last_active_at").n()) >= threshold)
        .map(item -> item.get("id").s())
        .collect(java.util.stream.Collectors.toSet());
  }

  @Override
  public boolean markActive(String id, Instant at, Instant olderThan) {
    // false: marked since (another task of the same day) or deleted meanwhile, nothing to mark
    return db.updateIf(
            Tables.ACCOUNTS,
            key(id),
            r ->
                r.updateExpression("SET last_active_at = :at")
                    .conditionExpression(
                        "attribute_exists(id) AND (attribute_not_exists(last_active_at)"
                            + " OR last_active_at < :olderThan)")
                    .expressionAttributeValues(
                        Map.of(
                            ":at",
                            n(at.toEpochMilli()),
                            ":olderThan",
                            n(olderThan.toEpochMilli()))))
        .isPresent();
  }

  @Override
  public boolean markLarge(String id) {
    return db.updateIf(
            Tables.ACCOUNTS,
            key(id),
            r ->
                // LARGE is a DynamoDB reserved word: the attribute goes by a placeholder
                r.updateExpression("SET #large = :true")
                    .conditionExpression("attribute_exists(id) AND attribute_not_exists(#large)")
                    .expressionAttributeNames(Map.of("#large", "large"))
                    .expressionAttributeValues(Map.of(":true", AttributeValue.fromBool(true))))
        .isPresent();
  }

  /**
   * One update per member (DynamoDB has no batch update); runs once per large account's conversion.
   * A member deleted meanwhile is passed over.
   */
  @Override
  public void addLargeFollowee(java.util.Collection<String> memberIds, String largeId) {
    var largeSet = AttributeValue.fromSs(List.of(largeId));
    Batches.inLanes(
        Batches.chunks(List.copyOf(memberIds), 1),
        Batches.UPDATE_LANES,
        chunk ->
            db.updateIf(
                Tables.ACCOUNTS,
                key(chunk.getFirst()),
                r ->
                    r.updateExpression("ADD large_followees :large")
                        .conditionExpression("attribute_exists(id)")
                        .expressionAttributeValues(Map.of(":large", largeSet))));
  }

  /**
   * Admins cannot be suspended: the condition says so, so no concurrent role change slips between.
   */
  @Override
  public Account suspend(String id, Instant at) {
    return updated(
            id,
            r ->
                r.updateExpression("SET suspended_at = if_not_exists(suspended_at, :at)")
                    .conditionExpression("attribute_exists(id) AND #role <> :admin")
                    .expressionAttributeNames(Map.of("#role", "role"))
                    .expressionAttributeValues(
                        Map.of(
                            ":at", n(at.toEpochMilli()), ":admin", s(Account.Role.ADMIN.name()))))
        .orElseThrow(
            () ->
                find(id).isEmpty()
                    ? new DomainException.NotFound("Record not found")
                    : new DomainException.Forbidden("This action is not allowed"));
  }

  @Override
  public Account unsuspend(String id) {
    return updated(
            id,
            r ->
                r.updateExpression("REMOVE suspended_at")
                    .conditionExpression("attribute_exists(id)"))
        .orElseThrow(() -> new DomainException.NotFound("Record not found"));
  }

  /** The account as {@code update} left it; empty if the update's condition failed. */
  private Optional<Account> updated(String id, Consumer<UpdateItemRequest.Builder> update) {
    return db.updateIf(
            Tables.ACCOUNTS, key(id), r -> update.accept(r.returnValues(ReturnValue.ALL_NEW)))
        .map(response -> AccountItem.SCHEMA.mapToItem(response.attributes()).toAccount());
  }

  public static Map<String, AttributeValue> key(String id) {
    return Map.of("id", s(id));
  }
}
