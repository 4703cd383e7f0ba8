package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.AdminAccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/admin/accounts/:id/unsuspend}: Admin::Account, no longer suspended. */
public final class UnsuspendAccountHandler extends ApiHandler {
  public UnsuspendAccountHandler() {
    this(Services.shared());
  }

  public UnsuspendAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var account = services.moderation().unsuspend(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(AdminAccountView.of(account, services.settings()));
  }
}
