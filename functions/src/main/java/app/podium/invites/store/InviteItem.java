package app.podium.invites.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import app.podium.invites.Invite;
import app.podium.store.Attributes;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** An item of the invites table. */
public final class InviteItem {
  static final String INVITER_INDEX = "by_inviter";

  String code;
  String inviterId;
  Integer maxUses;
  Integer uses;
  Long expiresAt;
  Boolean autofollow;
  Long createdAt;
  Long revokedAt;

  public static final TableSchema<InviteItem> SCHEMA =
      StaticTableSchema.builder(InviteItem.class)
          .newItemSupplier(InviteItem::new)
          .addAttribute(
              String.class,
              a ->
                  a.name("code")
                      .getter(i -> i.code)
                      .setter((i, v) -> i.code = v)
                      .tags(primaryPartitionKey()))
          .addAttribute(
              String.class,
              a ->
                  a.name("inviter_id")
                      .getter(i -> i.inviterId)
                      .setter((i, v) -> i.inviterId = v)
                      .tags(secondaryPartitionKey(INVITER_INDEX)))
          .addAttribute(
              Integer.class,
              a -> a.name("max_uses").getter(i -> i.maxUses).setter((i, v) -> i.maxUses = v))
          .addAttribute(
              Integer.class, a -> a.name("uses").getter(i -> i.uses).setter((i, v) -> i.uses = v))
          .addAttribute(
              Long.class,
              a -> a.name("expires_at").getter(i -> i.expiresAt).setter((i, v) -> i.expiresAt = v))
          .addAttribute(
              Boolean.class,
              a ->
                  a.name("autofollow").getter(i -> i.autofollow).setter((i, v) -> i.autofollow = v))
          .addAttribute(
              Long.class,
              a ->
                  a.name("created_at")
                      .getter(i -> i.createdAt)
                      .setter((i, v) -> i.createdAt = v)
                      .tags(secondarySortKey(INVITER_INDEX)))
          .addAttribute(
              Long.class,
              a -> a.name("revoked_at").getter(i -> i.revokedAt).setter((i, v) -> i.revokedAt = v))
          .build();

  static InviteItem from(Invite invite) {
    InviteItem item = new InviteItem();
    item.code = invite.code();
    item.inviterId = invite.inviterId();
    item.maxUses = invite.maxUses().orElse(null);
    item.uses = invite.uses();
    item.expiresAt = Attributes.millis(invite.expiresAt());
    item.autofollow = invite.autofollow();
    item.createdAt = Attributes.millis(invite.createdAt());
    item.revokedAt = Attributes.millis(invite.revokedAt());
    return item;
  }

  Invite toInvite() {
    return new Invite(
        code,
        inviterId,
        Optional.ofNullable(maxUses),
        uses == null ? 0 : uses,
        Attributes.optionalInstant(expiresAt),
        Boolean.TRUE.equals(autofollow),
        Attributes.instant(createdAt),
        Attributes.optionalInstant(revokedAt));
  }
}
