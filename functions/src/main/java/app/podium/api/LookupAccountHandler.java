package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.AccountView;

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
