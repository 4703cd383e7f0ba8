package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.moderation.api.AdminReportView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/admin/reports/:id/resolve}: marks the report resolved by the calling admin. */
public final class ResolveReportHandler extends ApiHandler {
  public ResolveReportHandler() {
    this(Services.shared());
  }

  public ResolveReportHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var report = services.reports().resolve(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(AdminReportView.of(report, services.settings()));
  }
}
