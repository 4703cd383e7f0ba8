package app.podium.accounts.api;

import app.podium.accounts.Account;
import app.podium.accounts.AccountService;
import app.podium.http.ApiRequest;
import app.podium.shared.AccountId;
import app.podium.shared.DomainException;
import java.util.Optional;

/**
 * The member a request comes from, as routes' code asks for it: the authorizer's caller, read and
 * checked.
 */
public final class Members {
  private final AccountService accounts;

  public Members(AccountService accounts) {
    this.accounts = accounts;
  }

  /** The member calling; only on routes whose access rule is {@code USER}. Refused if suspended. */
  public Account current(ApiRequest request) {
    String id =
        request
            .caller()
            .accountId()
            .orElseThrow(() -> new DomainException.Unauthorized("The access token is invalid"));
    try {
      return accounts.caller(AccountId.parse(id));
    } catch (DomainException.NotFound gone) {
      throw new DomainException.Unauthorized("The access token is invalid");
    }
  }

  /**
   * The member calling, if an admin. Checked before a route parses its ids, so that a member who is
   * not one is refused (403) whatever the id, as Mastodon's {@code require_staff!} runs first.
   */
  public Account admin(ApiRequest request) {
    Account admin = current(request);
    AccountService.requireAdmin(admin);
    return admin;
  }

  /**
   * The member calling, if any; for routes that also answer anonymous callers. A suspended member's
   * token is refused here too, rather than quietly read as anonymous.
   */
  public Optional<Account> viewer(ApiRequest request) {
    return request
        .caller()
        .accountId()
        .flatMap(
            id -> {
              try {
                return Optional.of(accounts.caller(AccountId.parse(id)));
              } catch (DomainException.NotFound | DomainException.Unauthorized gone) {
                return Optional.empty();
              }
            });
  }
}
