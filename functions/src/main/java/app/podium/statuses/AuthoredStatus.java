package app.podium.statuses;

import app.podium.accounts.Account;
import java.util.Optional;

/**
 * A status with its author, as every timeline and status answer shows it; a reblog carries the
 * status it reblogs, with that status's author.
 */
public record AuthoredStatus(Status status, Account author, Optional<AuthoredStatus> reblog) {
  public AuthoredStatus(Status status, Account author) {
    this(status, author, Optional.empty());
  }
}
