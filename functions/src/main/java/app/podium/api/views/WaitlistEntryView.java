package app.podium.api.views;

import app.podium.domain.WaitlistEntry;

/** A waitlist entry (Podium extension); the invite code appears once released. */
public record WaitlistEntryView(String email, String status, String joinedAt, String inviteCode,
    String releasedAt) {
  public static WaitlistEntryView of(WaitlistEntry entry) {
    return new WaitlistEntryView(entry.email(), entry.inviteCode().isPresent() ? "released" : "waiting",
        Times.iso(entry.joinedAt()), entry.inviteCode().orElse(null), entry.releasedAt().map(Times::iso).orElse(null));
  }
}
