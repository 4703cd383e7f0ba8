package app.podium.moderation.api;

import app.podium.accounts.api.AdminAccountView;
import app.podium.http.Times;
import app.podium.moderation.ReportDetails;
import app.podium.shared.Settings;
import app.podium.statuses.api.StatusView;
import java.util.List;

/**
 * Mastodon's Admin::Report: both accounts as Admin::Account, the reported statuses that still
 * exist, who resolved it. Podium has no report assignment or instance rules, so those are always
 * empty.
 */
public record AdminReportView(
    String id,
    boolean actionTaken,
    String actionTakenAt,
    String category,
    String comment,
    boolean forwarded,
    String createdAt,
    String updatedAt,
    AdminAccountView account,
    AdminAccountView targetAccount,
    AdminAccountView assignedAccount,
    AdminAccountView actionTakenByAccount,
    List<StatusView> statuses,
    List<Object> rules) {

  public static AdminReportView of(ReportDetails details, Settings settings) {
    var report = details.report();
    String createdAt = Times.iso(report.createdAt());
    return new AdminReportView(
        report.id(),
        report.resolved(),
        report.actionTakenAt().map(Times::iso).orElse(null),
        report.category().apiName(),
        report.comment(),
        false,
        createdAt,
        report.actionTakenAt().map(Times::iso).orElse(createdAt),
        AdminAccountView.of(details.reporter(), settings),
        AdminAccountView.of(details.target(), settings),
        null,
        details.actionTakenBy().map(admin -> AdminAccountView.of(admin, settings)).orElse(null),
        details.statuses().stream().map(status -> StatusView.of(status, settings)).toList(),
        List.of());
  }
}
