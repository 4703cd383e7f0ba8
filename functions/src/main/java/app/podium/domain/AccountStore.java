package app.podium.domain;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where accounts live. Implementations enforce uniqueness of username and email with conditional writes. */
public interface AccountStore {

  /**
   * Creates the account, claims its username and email, and spends one use of its invite, all or
   * nothing. Throws {@link DomainException.Invalid} naming the field when the username or email is
   * taken or the invite can no longer be used ({@code now} decides expiry).
   */
  void create(NewAccount account, Instant now);

  Optional<Account> find(String id);

  Optional<Account> findByUsername(String username);

  /** By username or email, with the password hash, for a login. */
  Optional<AccountCredentials> findCredentials(String usernameOrEmail);

  Account updateProfile(String id, String displayName, String note);

  /** Accounts that this account invited, oldest first. */
  List<Account> invitedBy(String inviterId, int limit);
}
