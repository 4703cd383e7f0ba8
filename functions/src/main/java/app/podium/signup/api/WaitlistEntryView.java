package app.podium.signup.api;

import app.podium.http.Times;
import app.podium.signup.WaitlistEntry;

/** A waitlist entry (Podium extension); the invite code appears once released. */
public record WaitlistEntryView(
    String email, String status, String joinedAt, String inviteCode, String releasedAt) {
  public static WaitlistEntryView of(WaitlistEntry entry) {
    return new WaitlistEntryView(
        entry.email(),
        entry.inviteCode().isPresent() ? "released" : "waiting",
        Times.iso(entry.joinedAt()),
        entry.inviteCode().orElse(null),
        entry.releasedAt().map(Times::iso).orElse(null));
  }
}
