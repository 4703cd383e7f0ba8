package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.moderation.api.AdminReportView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/admin/reports/:id}: one report as Admin::Report. */
public final class GetReportHandler extends ApiHandler {
  public GetReportHandler() {
    this(Services.shared());
  }

  public GetReportHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var report = services.reports().get(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(AdminReportView.of(report, services.settings()));
  }
}
