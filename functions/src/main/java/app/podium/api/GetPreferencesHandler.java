package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.instance.api.PreferencesView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
/** {@code GET /api/v1/preferences}: the member's posting and reading defaults, Mastodon's keys. */
public final class GetPreferencesHandler extends ApiHandler {
  public GetPreferencesHandler() {
    this(Services.shared());
  }

  public GetPreferencesHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(PreferencesView.of(currentAccount(request)));
  }
}
