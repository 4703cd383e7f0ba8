package app.podium.invites.api;

import app.podium.http.Times;
import app.podium.invites.Invite;
import app.podium.shared.Settings;
import java.time.Instant;

/** An invite (Podium extension), in Mastodon's conventions: string id, ISO times, snake_case. */
public record InviteView(
    String id,
    String code,
    String url,
    Integer maxUses,
    int uses,
    String expiresAt,
    boolean autofollow,
    String createdAt,
    boolean expired,
    boolean usable) {

  public static InviteView of(Invite invite, Settings settings, Instant now) {
    return new InviteView(
        invite.code(),
        invite.code(),
        settings.baseUrl() + "/invite/" + invite.code(),
        invite.maxUses().orElse(null),
        invite.uses(),
        invite.expiresAt().map(Times::iso).orElse(null),
        invite.autofollow(),
        Times.iso(invite.createdAt()),
        invite.isExpired(now),
        invite.isUsable(now));
  }
}
