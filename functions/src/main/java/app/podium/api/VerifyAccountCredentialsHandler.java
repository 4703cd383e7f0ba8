package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.CredentialAccountView;

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
