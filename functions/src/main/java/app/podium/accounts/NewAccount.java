package app.podium.accounts;

import java.util.Optional;

/** An account about to be created, with the invite whose use it spends, if any. */
public record NewAccount(Account account, String passwordHash, Optional<String> inviteCode) {
  @Override
  public String toString() {
    return "NewAccount[account="
        + account.id()
        + ", passwordHash=<redacted>, inviteCode="
        + inviteCode
        + "]";
  }
}
