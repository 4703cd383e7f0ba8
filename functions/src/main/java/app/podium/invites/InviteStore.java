package app.podium.invites;

import app.podium.shared.DomainException;
import java.util.List;
import java.util.Optional;

public interface InviteStore {

  /**
   * Stores the invite unless the people the inviter's usable invites can still admit, this one's
   * included, would pass {@code quota}; {@link DomainException.Forbidden} then. The check and the
   * write are one conditional transaction on the inviter's quota version, so concurrent creates
   * cannot both slip under the quota. An empty quota means unlimited (admins).
   */
  void create(Invite invite, Optional<Integer> quota, java.time.Instant now);

  Optional<Invite> find(String code);

  /** The inviter's invites, newest first. */
  List<Invite> byInviter(String inviterId);

  /** Marks the invite revoked if it belongs to the inviter; false if there is no such invite. */
  boolean revoke(String code, String inviterId, java.time.Instant now);
}
