package app.podium.accounts.api;

import app.podium.accounts.Account;
import app.podium.http.Times;
import app.podium.shared.Settings;
import java.util.List;

/** Mastodon's Admin::Account, whose {@code invited_by_account_id} links the invite tree upward. */
public record AdminAccountView(
    String id,
    String username,
    String domain,
    String createdAt,
    String email,
    String ip,
    List<Object> ips,
    String locale,
    String inviteRequest,
    CredentialAccountView.Role role,
    boolean confirmed,
    boolean approved,
    boolean disabled,
    boolean silenced,
    boolean suspended,
    AccountView account,
    String invitedByAccountId,
    String inviteCode) {

  public static AdminAccountView of(Account account, Settings settings) {
    return new AdminAccountView(
        account.id(),
        account.username(),
        null,
        Times.iso(account.createdAt()),
        account.email(),
        null,
        List.of(),
        account.locale(),
        null,
        CredentialAccountView.of(account, settings).role(),
        true,
        true,
        false,
        false,
        account.suspended(),
        AccountView.of(account, settings),
        account.invitedBy().orElse(null),
        account.inviteCode().orElse(null));
  }
}
