package app.podium.invites.store;

import static app.podium.store.Schemas.BOOLEAN;
import static app.podium.store.Schemas.INTEGER;
import static app.podium.store.Schemas.NUMBER;
import static app.podium.store.Schemas.STRING;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import app.podium.invites.Invite;
import app.podium.store.Attributes;
import app.podium.store.Schemas;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

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
      Schemas.of(InviteItem.class, InviteItem::new)
          .add(STRING, "code", i -> i.code, (i, v) -> i.code = v, primaryPartitionKey())
          .add(
              STRING,
              "inviter_id",
              i -> i.inviterId,
              (i, v) -> i.inviterId = v,
              secondaryPartitionKey(INVITER_INDEX))
          .add(INTEGER, "max_uses", i -> i.maxUses, (i, v) -> i.maxUses = v)
          .add(INTEGER, "uses", i -> i.uses, (i, v) -> i.uses = v)
          .add(NUMBER, "expires_at", i -> i.expiresAt, (i, v) -> i.expiresAt = v)
          .add(BOOLEAN, "autofollow", i -> i.autofollow, (i, v) -> i.autofollow = v)
          .add(
              NUMBER,
              "created_at",
              i -> i.createdAt,
              (i, v) -> i.createdAt = v,
              secondarySortKey(INVITER_INDEX))
          .add(NUMBER, "revoked_at", i -> i.revokedAt, (i, v) -> i.revokedAt = v)
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
