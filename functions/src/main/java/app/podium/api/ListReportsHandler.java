package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.moderation.api.AdminReportView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/admin/reports}: unresolved reports newest first ({@code resolved=true}: resolved ones). */
public final class ListReportsHandler extends ApiHandler {
  public ListReportsHandler() {
    this(Services.shared());
  }

  public ListReportsHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var page = services.reports().list(currentAccount(request), request.params().bool("resolved").orElse(false),
        Paging.request(request.params()));
    return ApiResponse.ok(page.stream().map(report -> AdminReportView.of(report, services.settings())).toList(),
        Paging.links(request, services.settings(), page, report -> report.report().id()));
  }
}
