package app.podium.accounts;

import app.podium.shared.DomainException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Where accounts live. Implementations enforce uniqueness of username and email with conditional
 * writes.
 */
public interface AccountStore {

  /**
   * Creates the account, claims its username and email, and spends one use of its invite, all or
   * nothing. Throws {@link DomainException.Invalid} naming the field when the username or email is
   * taken or the invite can no longer be used ({@code now} decides expiry).
   */
  void create(NewAccount account, Instant now);

  Optional<Account> find(String id);

  Optional<Account> findByUsername(String username);

  /**
   * The accounts that exist among {@code usernames} (any case), in no particular order: two batch
   * reads.
   */
  List<Account> findAllByUsername(Collection<String> usernames);

  /** By username or email, with the password hash, for a login. */
  Optional<AccountCredentials> findCredentials(String usernameOrEmail);

  Account updateProfile(String id, String displayName, String note);

  /** Accounts that this account invited, oldest first. */
  List<Account> invitedBy(String inviterId, int limit);

  /** The accounts that exist among {@code ids}, in no particular order. */
  List<Account> findAll(Collection<String> ids);

  /** Which of {@code ids} were active at or after {@code since}. */
  Set<String> activeAmong(Collection<String> ids, Instant since);

  /**
   * Records that the member was active at {@code at}, in one conditional write that only a mark
   * older than {@code olderThan} (or none) lets through, so that however many ask in a day, one
   * writes; true for that one.
   */
  boolean markActive(String id, Instant at, Instant olderThan);

  /** Marks the account large; true only for the one call that changed it. */
  boolean markLarge(String id);

  /** Adds {@code largeId} to each member's set of large followees. */
  void addLargeFollowee(Collection<String> memberIds, String largeId);

  /**
   * Marks a member suspended at {@code at} (a suspended account keeps its first suspension time),
   * in one conditional write: {@link DomainException.NotFound} if there is no such account, {@link
   * DomainException.Forbidden} if it is an admin's. Returns the account as stored afterwards.
   */
  Account suspend(String id, Instant at);

  /**
   * Lifts a suspension (nothing to do if there is none); {@link DomainException.NotFound} if no
   * such account.
   */
  Account unsuspend(String id);
}
