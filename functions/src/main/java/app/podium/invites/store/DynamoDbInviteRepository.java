package app.podium.invites.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.accounts.store.AccountItem;
import app.podium.invites.Invite;
import app.podium.invites.InviteStore;
import app.podium.shared.DomainException;
import app.podium.store.DynamoDb;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Invites, and the quota of people a member's usable invites may still admit. The quota is exact
 * under concurrency: the member's account item lists the codes it holds and carries a version;
 * creating an invite re-reads those codes with strong consistency, and writes the new invite
 * together with the pruned list only if the version has not moved. Signups spend uses without
 * moving the version: they only lower what the held codes can admit.
 */
public final class DynamoDbInviteRepository implements InviteStore {
  private static final int QUOTA_ATTEMPTS = 8;

  private final DynamoDb db;
  private final DynamoDbTable<InviteItem> invites;
  private final DynamoDbTable<AccountItem> accounts;

  public DynamoDbInviteRepository(DynamoDb db) {
    this.db = db;
    this.invites = db.table(Tables.INVITES, InviteItem.SCHEMA);
    this.accounts = db.table(Tables.ACCOUNTS, AccountItem.SCHEMA);
  }

  @Override
  public void create(Invite invite, Optional<Integer> quota, Instant now) {
    if (quota.isEmpty()) {
      if (!DynamoDb.putNew(invites, InviteItem.from(invite))) {
        throw new IllegalStateException("a new invite's code collided with another's");
      }
      return;
    }
    for (int attempt = 1; attempt <= QUOTA_ATTEMPTS; attempt++) {
      AccountItem inviter =
          DynamoDb.find(accounts, invite.inviterId())
              .orElseThrow(() -> new DomainException.NotFound("Record not found"));
      Map<String, Integer> held = stillUsable(inviter.heldInvites, now);
      long canAdmit = held.values().stream().mapToLong(Integer::longValue).sum();
      int admits = invite.maxUses().orElse(Integer.MAX_VALUE);
      if (canAdmit + admits > quota.get()) {
        throw new DomainException.Forbidden(
            "Your unused invites can already admit "
                + canAdmit
                + " of the "
                + quota.get()
                + " people a member may invite at once");
      }
      Set<String> codes = new java.util.HashSet<>(held.keySet());
      codes.add(invite.code());
      long version = inviter.inviteQuotaVersion == null ? 0 : inviter.inviteQuotaVersion;
      try {
        db.client()
            .transactWriteItems(
                r ->
                    r.transactItems(
                        db.put(
                            Tables.INVITES,
                            InviteItem.SCHEMA.itemToMap(InviteItem.from(invite), true),
                            "attribute_not_exists(code)"),
                        DynamoDb.write(
                            db.update(
                                Tables.ACCOUNTS,
                                Map.of("id", s(invite.inviterId())),
                                "SET held_invites = :held, invite_quota_version = :next",
                                "attribute_exists(id) AND (invite_quota_version = :version"
                                    + " OR (attribute_not_exists(invite_quota_version) AND :version = :zero))",
                                Map.of(
                                    ":held",
                                    AttributeValue.fromSs(List.copyOf(codes)),
                                    ":next",
                                    n(version + 1),
                                    ":version",
                                    n(version),
                                    ":zero",
                                    n(0))))));
        return;
      } catch (TransactionCanceledException e) {
        if (DynamoDb.failedConditions(e).contains(0)) {
          throw new DomainException.Conflict("Invite code collision; please retry");
        }
        DynamoDb.sleep(Math.min(200, 5L << attempt));
      }
    }
    throw new DomainException.Conflict("Too many concurrent invite changes; please retry");
  }

  /**
   * The codes still usable at {@code now}, each with the people it can still admit (unlimited as
   * the most).
   */
  private Map<String, Integer> stillUsable(Set<String> codes, Instant now) {
    if (codes == null || codes.isEmpty()) {
      return Map.of();
    }
    return codes.stream()
        .map(this::findConsistent)
        .flatMap(Optional::stream)
        .filter(i -> i.isUsable(now))
        .collect(Collectors.toMap(Invite::code, Invite::remainingUses));
  }

  private Optional<Invite> findConsistent(String code) {
    return DynamoDb.find(invites, code).map(InviteItem::toInvite);
  }

  @Override
  public Optional<Invite> find(String code) {
    return findConsistent(code);
  }

  @Override
  public List<Invite> byInviter(String inviterId) {
    return invites
        .index(InviteItem.INVITER_INDEX)
        .query(
            r ->
                r.queryConditional(QueryConditional.keyEqualTo(k -> k.partitionValue(inviterId)))
                    .scanIndexForward(false)
                    .limit(100))
        .stream()
        .limit(1)
        .flatMap(page -> page.items().stream())
        .map(InviteItem::toInvite)
        .toList();
  }

  @Override
  public boolean revoke(String code, String inviterId, Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":inviter", s(inviterId));
    values.put(":now", n(now.toEpochMilli()));
    return db.updateIf(
            Tables.INVITES,
            Map.of("code", s(code)),
            r ->
                r.updateExpression("SET revoked_at = if_not_exists(revoked_at, :now)")
                    .conditionExpression("inviter_id = :inviter")
                    .expressionAttributeValues(values))
        .isPresent();
  }
}
