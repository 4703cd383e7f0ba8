package app.podium.moderation;

import app.podium.accounts.Account;
import app.podium.statuses.AuthoredStatus;
import java.util.List;
import java.util.Optional;

/**
 * A report with what its views show: both accounts, the admin who resolved it, and those of the
 * reported statuses that still exist.
 */
public record ReportDetails(
    Report report,
    Account reporter,
    Account target,
    Optional<Account> actionTakenBy,
    List<AuthoredStatus> statuses) {

  public ReportDetails {
    statuses = List.copyOf(statuses);
  }
}
