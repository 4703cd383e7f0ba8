package app.podium.moderation;

import app.podium.accounts.Account;
import app.podium.accounts.AccountService;
import app.podium.accounts.AccountStore;
import app.podium.shared.AccountId;
import app.podium.shared.DomainException;
import app.podium.shared.Ids;
import app.podium.shared.PageRequest;
import app.podium.shared.RateLimiter;
import app.podium.shared.ReportId;
import app.podium.shared.Settings;
import app.podium.shared.Text;
import app.podium.statuses.AuthoredStatus;
import app.podium.statuses.Status;
import app.podium.statuses.StatusService;
import app.podium.statuses.StatusStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Members report accounts ({@code POST /api/v1/reports}); admins list, read and resolve reports. A
 * report's own fields are checked first (a malformed id is a 404, a bad field a 422), then the
 * report counts against the reporter's {@code reports} limit, then an unknown account or a status
 * that is not the account's is a 404; nothing but the counter is written unless all pass.
 */
public final class ReportService {
  public static final int MAX_COMMENT = 1000;
  static final int MAX_STATUSES = 100;

  private final ReportStore reports;
  private final AccountStore accounts;
  private final StatusStore statuses;
  private final RateLimiter rateLimiter;
  private final Settings settings;
  private final Ids ids;
  private final Clock clock;

  public ReportService(
      ReportStore reports,
      AccountStore accounts,
      StatusStore statuses,
      RateLimiter rateLimiter,
      Settings settings,
      Ids ids,
      Clock clock) {
    this.reports = reports;
    this.accounts = accounts;
    this.statuses = statuses;
    this.rateLimiter = rateLimiter;
    this.settings = settings;
    this.ids = ids;
    this.clock = clock;
  }

  /** What a member sends; {@code forward} is not here: there is no remote server to forward to. */
  public record Form(
      AccountId accountId,
      List<String> statusIds,
      String comment,
      String category,
      List<String> ruleIds) {}

  public ReportDetails create(Account reporter, Form form) {
    String targetId = form.accountId().value();
    List<String> statusIds =
        form.statusIds().stream()
            .filter(id -> id != null && !id.isBlank())
            .map(String::trim)
            .distinct()
            .toList();
    var violations = new DomainException.Violations();
    if (statusIds.size() > MAX_STATUSES) {
      violations.add(
          "status_ids", "ERR_TOO_LONG", "is too long (maximum is " + MAX_STATUSES + " statuses)");
      violations.throwIfAny();
    }
    statusIds.forEach(Ids::require);
    if (targetId.equals(reporter.id())) {
      violations.add("account_id", "ERR_INVALID", "cannot be your own account");
    }
    Text.checkOptional(violations, "comment", form.comment(), MAX_COMMENT);
    Report.Category category = category(form.category(), violations);
    if (form.ruleIds().stream().anyMatch(id -> id != null && !id.isBlank())) {
      // the instance publishes no rules (GET /api/v2/instance answers "rules": []), so none can be
      // cited
      violations.add("rule_ids", "ERR_INVALID", "are not rules of this server");
    }
    violations.throwIfAny();
    rateLimiter.check(settings.limits().reports(), reporter.id());
    Account target = accounts.find(targetId).orElseThrow(AccountService::notFound);
    List<AuthoredStatus> reported = reportedStatuses(target, statusIds);
    Report report =
        new Report(
            ids.next(),
            reporter.id(),
            target.id(),
            statusIds,
            form.comment() == null ? "" : form.comment().strip(),
            category,
            clock.instant(),
            Optional.empty(),
            Optional.empty());
    reports.create(report);
    return new ReportDetails(report, reporter, target, Optional.empty(), reported);
  }

  /** Reports newest first, unresolved unless {@code resolved}; for admins. */
  public List<ReportDetails> list(Account admin, boolean resolved, PageRequest page) {
    AccountService.requireAdmin(admin);
    return details(reports.page(resolved, page));
  }

  public ReportDetails get(Account admin, ReportId id) {
    AccountService.requireAdmin(admin);
    return details(List.of(find(id))).getFirst();
  }

  /** Marks the report resolved by this admin, as Mastodon's resolve does. */
  public ReportDetails resolve(Account admin, ReportId id) {
    AccountService.requireAdmin(admin);
    return details(List.of(reports.resolve(id.value(), admin.id(), clock.instant()))).getFirst();
  }

  Report find(ReportId id) {
    return reports.find(id.value()).orElseThrow(AccountService::notFound);
  }

  /**
   * The statuses, all of which must be the target's; a missing or foreign one is a 404, as in
   * Mastodon.
   */
  private List<AuthoredStatus> reportedStatuses(Account target, List<String> statusIds) {
    if (statusIds.isEmpty()) {
      return List.of();
    }
    Map<String, Status> found =
        statuses.findAll(statusIds).stream()
            .collect(Collectors.toMap(Status::id, Function.identity()));
    List<AuthoredStatus> reported = new ArrayList<>();
    for (String id : statusIds) {
      Status status = found.get(id);
      if (status == null || !status.authorId().equals(target.id())) {
        throw StatusService.notFound();
      }
      reported.add(new AuthoredStatus(status, target));
    }
    return reported;
  }

  private static Report.Category category(String value, DomainException.Violations violations) {
    if (value == null || value.isBlank()) {
      return Report.Category.OTHER;
    }
    for (Report.Category category : Report.Category.values()) {
      if (category.apiName().equals(value.trim().toLowerCase(Locale.ROOT))) {
        return category;
      }
    }
    violations.add("category", "ERR_INCLUSION", "is not included in the list");
    return Report.Category.OTHER;
  }

  /**
   * One batch read of every account the reports name and one of their statuses, however many
   * reports.
   */
  private List<ReportDetails> details(List<Report> page) {
    if (page.isEmpty()) {
      return List.of();
    }
    Set<String> accountIds = new HashSet<>();
    Set<String> statusIds = new HashSet<>();
    for (Report report : page) {
      accountIds.add(report.reporterId());
      accountIds.add(report.targetAccountId());
      report.actionTakenBy().ifPresent(accountIds::add);
      statusIds.addAll(report.statusIds());
    }
    Map<String, Account> byId = byId(accounts.findAll(accountIds), Account::id);
    Map<String, Status> statusById =
        statusIds.isEmpty() ? Map.of() : byId(statuses.findAll(statusIds), Status::id);
    List<ReportDetails> result = new ArrayList<>();
    for (Report report : page) {
      Account reporter = byId.get(report.reporterId());
      Account target = byId.get(report.targetAccountId());
      if (reporter == null || target == null) {
        continue; // an account deleted since: there is no one to show
      }
      List<AuthoredStatus> reported =
          report.statusIds().stream()
              .map(statusById::get)
              .filter(Objects::nonNull)
              .map(status -> new AuthoredStatus(status, target))
              .toList();
      result.add(
          new ReportDetails(
              report, reporter, target, report.actionTakenBy().map(byId::get), reported));
    }
    return Collections.unmodifiableList(result);
  }

  private static <T> Map<String, T> byId(Collection<T> items, Function<T, String> id) {
    return items.stream().collect(Collectors.toMap(id, Function.identity(), (a, b) -> a));
  }
}
