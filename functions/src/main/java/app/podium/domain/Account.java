package app.podium.domain;

import java.time.Instant;
import java.util.Optional;

/** A member of the network. Never carries the password hash: see {@link AccountCredentials}. */
public record Account(
    String id,
    String username,
    String email,
    String displayName,
    String note,
    Role role,
    String locale,
    Instant createdAt,
    Optional<String> invitedBy,
    Optional<String> inviteCode) {

  public enum Role { MEMBER, ADMIN }

  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}
