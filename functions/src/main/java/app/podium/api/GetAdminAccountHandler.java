package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.AdminAccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/admin/accounts/:id}: Admin::Account, with who invited the member. */
public final class GetAdminAccountHandler extends ApiHandler {
  public GetAdminAccountHandler() {
    this(Services.shared());
  }

  public GetAdminAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var account = services.accounts().getAsAdmin(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(AdminAccountView.of(account, services.settings()));
  }
}
