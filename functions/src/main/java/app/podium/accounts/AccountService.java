package app.podium.accounts;

import app.podium.shared.AccountId;
import app.podium.shared.DomainException;
import app.podium.shared.Settings;
import app.podium.shared.Text;
import java.util.List;
import java.util.Locale;

/** Reading and editing members' profiles. */
public final class AccountService {
  private final AccountStore accounts;
  private final Settings settings;

  public AccountService(AccountStore accounts, Settings settings) {
    this.accounts = accounts;
    this.settings = settings;
  }

  public Account get(AccountId id) {
    return accounts.find(id.value()).orElseThrow(AccountService::notFound);
  }

  /**
   * The member a token belongs to. A token whose account is gone is invalid; one of a suspended
   * account is refused as Mastodon refuses it, even if the suspension's revocation of its tokens
   * missed it.
   */
  public Account caller(AccountId id) {
    Account account =
        accounts
            .find(id.value())
            .orElseThrow(() -> new DomainException.Unauthorized("The access token is invalid"));
    requireUsable(account);
    return account;
  }

  public static void requireUsable(Account account) {
    if (account.suspended()) {
      throw new DomainException.Forbidden("Your login is currently disabled");
    }
  }

  /**
   * {@code acct} as Mastodon takes it: {@code alice}, {@code @alice} or {@code alice@this.domain}.
   */
  public Account lookup(String acct) {
    if (acct == null || acct.isBlank() || acct.length() > 300) {
      throw notFound();
    }
    String name = acct.startsWith("@") ? acct.substring(1) : acct;
    int at = name.indexOf('@');
    if (at >= 0) {
      if (!name.substring(at + 1)
          .toLowerCase(Locale.ROOT)
          .equals(settings.domain().toLowerCase(Locale.ROOT))) {
        throw notFound();
      }
      name = name.substring(0, at);
    }
    if (name.isEmpty() || name.length() > 30 || !Text.USERNAME.matcher(name).matches()) {
      throw notFound();
    }
    return accounts.findByUsername(name).orElseThrow(AccountService::notFound);
  }

  /** Changes display name and note; a null argument leaves that field as it is. */
  public Account updateProfile(Account current, String displayName, String note) {
    var violations = new DomainException.Violations();
    Text.checkOptional(violations, "display_name", displayName, 30);
    Text.checkOptional(violations, "note", note, 500);
    violations.throwIfAny();
    return accounts.updateProfile(
        current.id(),
        displayName == null ? current.displayName() : displayName.strip(),
        note == null ? current.note() : note.strip());
  }

  /** Any account, with the details only admins see. */
  public Account getAsAdmin(Account viewer, AccountId accountId) {
    requireAdmin(viewer);
    return get(accountId);
  }

  /** The accounts this account invited: one level of the invite tree, for admins. */
  public List<Account> invitees(Account viewer, AccountId accountId, int limit) {
    requireAdmin(viewer);
    get(accountId);
    return accounts.invitedBy(accountId.value(), Math.max(1, Math.min(limit, 80)));
  }

  public static void requireAdmin(Account account) {
    if (!account.isAdmin()) {
      throw new DomainException.Forbidden("This action is not allowed");
    }
  }

  public static DomainException.NotFound notFound() {
    return new DomainException.NotFound("Record not found");
  }
}
