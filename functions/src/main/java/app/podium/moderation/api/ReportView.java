package app.podium.moderation.api;

import app.podium.accounts.api.AccountView;
import app.podium.http.Times;
import app.podium.moderation.ReportDetails;
import app.podium.shared.Settings;
import java.util.List;

/** Mastodon's Report entity, as the member who filed it sees it. */
public record ReportView(
    String id,
    boolean actionTaken,
    String actionTakenAt,
    String category,
    String comment,
    boolean forwarded,
    String createdAt,
    List<String> statusIds,
    List<String> ruleIds,
    AccountView targetAccount) {

  public static ReportView of(ReportDetails details, Settings settings) {
    var report = details.report();
    return new ReportView(
        report.id(),
        report.resolved(),
        report.actionTakenAt().map(Times::iso).orElse(null),
        report.category().apiName(),
        report.comment(),
        false,
        Times.iso(report.createdAt()),
        report.statusIds().isEmpty() ? null : report.statusIds(),
        null,
        AccountView.of(details.target(), settings));
  }
}
