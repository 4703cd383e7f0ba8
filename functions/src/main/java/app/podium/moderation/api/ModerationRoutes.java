package app.podium.moderation.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.*;
import static app.podium.http.Access.user;

import app.podium.accounts.api.AdminAccountView;
import app.podium.accounts.api.Members;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.http.Route;
import app.podium.moderation.ModerationService;
import app.podium.moderation.ReportService;
import app.podium.shared.AccountId;
import app.podium.shared.ReportId;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reports and moderation: a member's report, and what admins read and do with reports and accounts.
 */
public record ModerationRoutes(
    ReportService reports, ModerationService moderation, Members members, Settings settings) {
  public static final List<Route<ModerationRoutes>> ALL =
      List.of(
          // a report reads the reported account and statuses and counts against the reporter's
          // reports limit; admins'
          // views read both accounts and the statuses. A suspension is one conditional account
          // write, then the account's
          // tokens are queried on the by_account index and deleted in batches; a report_id is read,
          // then resolved
          Route.post(
              "/api/v1/reports",
              "CreateReport",
              user("write:reports"),
              grants().write(RATE_LIMITS).read(ACCOUNTS).read(POSTS).write(REPORTS),
              ModerationRoutes::report),
          Route.get(
              "/api/v1/admin/reports",
              "ListReports",
              user("admin:read:reports"),
              grants().read(ACCOUNTS).read(POSTS).read(REPORTS),
              ModerationRoutes::reports),
          Route.get(
              "/api/v1/admin/reports/{id}",
              "GetReport",
              user("admin:read:reports"),
              grants().read(ACCOUNTS).read(POSTS).read(REPORTS),
              ModerationRoutes::get),
          Route.post(
              "/api/v1/admin/reports/{id}/resolve",
              "ResolveReport",
              user("admin:write:reports"),
              grants().read(ACCOUNTS).read(POSTS).write(REPORTS),
              ModerationRoutes::resolve),
          Route.post(
              "/api/v1/admin/accounts/{id}/action",
              "TakeAccountAction",
              user("admin:write:accounts"),
              grants().readWrite(ACCOUNTS).readWrite(TOKENS).readWrite(REPORTS),
              ModerationRoutes::act),
          Route.post(
              "/api/v1/admin/accounts/{id}/unsuspend",
              "UnsuspendAccount",
              user("admin:write:accounts"),
              grants().readWrite(ACCOUNTS),
              ModerationRoutes::unsuspend));

  /**
   * {@code POST /api/v1/reports}: a member reports an account, optionally with some of its
   * statuses.
   */
  APIGatewayV2HTTPResponse report(ApiRequest request) {
    var params = request.params();
    String accountId = params.string("account_id");
    var statusIds = params.list("status_ids");
    String comment = params.string("comment");
    String category = params.string("category");
    var ruleIds = params.list("rule_ids");
    var reporter = members.current(request);
    var form =
        new ReportService.Form(AccountId.parse(accountId), statusIds, comment, category, ruleIds);
    return ApiResponse.ok(ReportView.of(reports.create(reporter, form), settings));
  }

  /**
   * {@code GET /api/v1/admin/reports}: unresolved reports newest first ({@code resolved=true}:
   * resolved ones).
   */
  APIGatewayV2HTTPResponse reports(ApiRequest request) {
    var page =
        reports.list(
            members.current(request),
            request.params().bool("resolved").orElse(false),
            Paging.request(request.params()));
    return Paging.answer(
        request,
        settings,
        page,
        report -> AdminReportView.of(report, settings),
        report -> report.report().id());
  }

  /** {@code GET /api/v1/admin/reports/:id}: one report as Admin::Report. */
  APIGatewayV2HTTPResponse get(ApiRequest request) {
    return ApiResponse.ok(
        AdminReportView.of(
            reports.get(members.admin(request), ReportId.parse(request.pathParameter("id"))),
            settings));
  }

  /**
   * {@code POST /api/v1/admin/reports/:id/resolve}: marks the report resolved by the calling admin.
   */
  APIGatewayV2HTTPResponse resolve(ApiRequest request) {
    return ApiResponse.ok(
        AdminReportView.of(
            reports.resolve(members.admin(request), ReportId.parse(request.pathParameter("id"))),
            settings));
  }

  /**
   * {@code POST /api/v1/admin/accounts/:id/action}: {@code type=suspend} or {@code none}, resolving
   * {@code report_id} if given; answers {@code {}} as Mastodon does. {@code text} (Mastodon's
   * warning to the member) is accepted and not sent: Podium has no mail or notifications to carry
   * it.
   */
  APIGatewayV2HTTPResponse act(ApiRequest request) {
    var params = request.params();
    var admin = members.admin(request);
    String type = params.string("type");
    moderation.act(
        admin,
        AccountId.parse(request.pathParameter("id")),
        type,
        Optional.ofNullable(params.string("report_id"))
            .map(String::trim)
            .filter(id -> !id.isEmpty())
            .map(ReportId::parse));
    return ApiResponse.ok(Map.of());
  }

  /** {@code POST /api/v1/admin/accounts/:id/unsuspend}: Admin::Account, no longer suspended. */
  APIGatewayV2HTTPResponse unsuspend(ApiRequest request) {
    var account =
        moderation.unsuspend(members.admin(request), AccountId.parse(request.pathParameter("id")));
    return ApiResponse.ok(AdminAccountView.of(account, settings));
  }
}
