package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.AccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/accounts/lookup?acct=}: an account by its username. */
public final class LookupAccountHandler extends ApiHandler {
  public LookupAccountHandler() {
    this(Services.shared());
  }

  public LookupAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(AccountView.of(services.accounts().lookup(request.params().string("acct")),
        services.settings()));
  }
}
