package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import app.podium.api.views.ReportView;
import app.podium.domain.ReportService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/reports}: a member reports an account, optionally with some of its statuses. */
public final class CreateReportHandler extends ApiHandler {
  public CreateReportHandler() {
    this(Services.shared());
  }

  public CreateReportHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    var form = new ReportService.Form(params.string("account_id"), params.list("status_ids"),
        params.string("comment"), params.string("category"), params.list("rule_ids"));
    return ApiResponse.ok(ReportView.of(services.reports().create(currentAccount(request), form),
        services.settings()));
  }
}
