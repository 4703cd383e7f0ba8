package app.podium.accounts;

/** An account with its password hash, only for checking a login. */
public record AccountCredentials(Account account, String passwordHash) {
  @Override
  public String toString() {
    return "AccountCredentials[account=" + account.id() + ", passwordHash=<redacted>]";
  }
}
