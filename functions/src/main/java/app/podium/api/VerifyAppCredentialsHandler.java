package app.podium.api;

import app.podium.Services;
import app.podium.apps.api.AppView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/apps/verify_credentials}: the app behind the token. */
public final class VerifyAppCredentialsHandler extends ApiHandler {
  public VerifyAppCredentialsHandler() {
    this(Services.shared());
  }

  public VerifyAppCredentialsHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(AppView.of(services.oauth().app(request.caller().clientId().orElseThrow())));
  }
}
