package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.AccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/accounts/:id}. */
public final class GetAccountHandler extends ApiHandler {
  public GetAccountHandler() {
    this(Services.shared());
  }

  public GetAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(AccountView.of(services.accounts().get(request.pathParameter("id")), services.settings()));
  }
}
