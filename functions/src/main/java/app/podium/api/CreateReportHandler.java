package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.moderation.ReportService;
import app.podium.moderation.api.ReportView;
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
