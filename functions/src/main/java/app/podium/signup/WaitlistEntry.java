package app.podium.signup;

import java.time.Instant;
import java.util.Optional;

/** Someone waiting for an invite. Released entries carry the invite code made for them. */
public record WaitlistEntry(
    String email, Instant joinedAt, Optional<String> inviteCode, Optional<Instant> releasedAt) {}
