package app.podium.moderation;

import app.podium.accounts.Account;
import app.podium.accounts.AccountService;
import app.podium.accounts.AccountStore;
import app.podium.apps.TokenStore;
import app.podium.shared.AccountId;
import app.podium.shared.DomainException;
import app.podium.shared.ReportId;
import java.time.Clock;
import java.util.Optional;

/**
 * What admins do to members' accounts, as Mastodon's admin API names it: an account action ({@code
 * none} or {@code suspend}) and lifting a suspension. Admins cannot be suspended, by another admin
 * or by themselves: the account write refuses it, so there is always an admin left to lift a
 * suspension.
 */
public final class ModerationService {
  private final AccountStore accounts;
  private final TokenStore tokens;
  private final ReportStore reports;
  private final Clock clock;

  public ModerationService(
      AccountStore accounts, TokenStore tokens, ReportStore reports, Clock clock) {
    this.accounts = accounts;
    this.tokens = tokens;
    this.reports = reports;
    this.clock = clock;
  }

  /**
   * The action types Podium carries out; Mastodon's others ({@code disable}, {@code silence}, ...)
   * are refused.
   */
  public enum ActionType {
    NONE,
    SUSPEND
  }

  /**
   * {@code POST /api/v1/admin/accounts/:id/action}. With {@code reportId}, that report (which must
   * be about this account) is resolved once the action is done; it is checked first, so a wrong one
   * changes nothing.
   */
  public void act(Account admin, AccountId accountId, String type, Optional<ReportId> reportId) {
    AccountService.requireAdmin(admin);
    ActionType action = parse(type);
    Optional<Report> report =
        reportId.map(id -> reports.find(id.value()).orElseThrow(AccountService::notFound));
    if (report.isPresent() && !report.get().targetAccountId().equals(accountId.value())) {
      throw DomainException.Invalid.field(
          "report_id", "ERR_INVALID", "is not a report about this account");
    }
    switch (action) {
      case NONE -> {
        // nothing to do but to refuse an account that does not exist, as Mastodon's "none" action
        // does
        if (accounts.find(accountId.value()).isEmpty()) {
          throw AccountService.notFound();
        }
      }
      case SUSPEND -> suspend(admin, accountId);
    }
    report.ifPresent(r -> reports.resolve(r.id(), admin.id(), clock.instant()));
  }

  /**
   * Suspends the account, then revokes every token it holds. The flag is written first: from then
   * on every request with one of its tokens is refused whether or not its revocation has happened
   * yet, and a retry after a failure half-way revokes what is left.
   */
  public Account suspend(Account admin, AccountId accountId) {
    AccountService.requireAdmin(admin);
    Account suspended = accounts.suspend(accountId.value(), clock.instant());
    tokens.revokeAllOf(suspended.id());
    return suspended;
  }

  /**
   * Lifts the suspension: statuses show again; tokens stay revoked, so the member logs in again.
   */
  public Account unsuspend(Account admin, AccountId accountId) {
    AccountService.requireAdmin(admin);
    return accounts.unsuspend(accountId.value());
  }

  private static ActionType parse(String type) {
    String value = Optional.ofNullable(type).map(String::trim).orElse("");
    if (value.isEmpty()) {
      throw DomainException.Invalid.field("type", "ERR_BLANK", "can't be blank");
    }
    return switch (value) {
      case "none" -> ActionType.NONE;
      case "suspend" -> ActionType.SUSPEND;
      default ->
          throw DomainException.Invalid.field(
              "type", "ERR_INCLUSION", "is not included in the list");
    };
  }
}
