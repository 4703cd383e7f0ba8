package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.CredentialAccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/accounts/verify_credentials}: the calling member, with source and role. */
public final class VerifyAccountCredentialsHandler extends ApiHandler {
  public VerifyAccountCredentialsHandler() {
    this(Services.shared());
  }

  public VerifyAccountCredentialsHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(CredentialAccountView.of(currentAccount(request), services.settings()));
  }
}
