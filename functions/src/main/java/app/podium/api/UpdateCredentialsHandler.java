package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.CredentialAccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code PATCH /api/v1/accounts/update_credentials}: display name and note. */
public final class UpdateCredentialsHandler extends ApiHandler {
  public UpdateCredentialsHandler() {
    this(Services.shared());
  }

  public UpdateCredentialsHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    String note = params.has("note") ? params.string("note") : params.string("source[note]");
    var updated = services.accounts().updateProfile(currentAccount(request).id(), params.string("display_name"), note);
    return ApiResponse.ok(CredentialAccountView.of(updated, services.settings()));
  }
}
