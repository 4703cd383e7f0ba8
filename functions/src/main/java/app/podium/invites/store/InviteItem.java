package app.podium.invites.store;

import app.podium.Tables;
import app.podium.invites.Invite;
import app.podium.store.Attributes;
import app.podium.store.Schemas;
import java.lang.invoke.MethodHandles;
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
      Schemas.of(Tables.INVITES, InviteItem.class, InviteItem::new, MethodHandles.lookup());

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
