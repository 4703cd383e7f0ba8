package app.podium.api;

import app.podium.Services;
import app.podium.apps.api.AppView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/apps}: registers a client application. */
public final class CreateAppHandler extends ApiHandler {
  public CreateAppHandler() {
    this(Services.shared());
  }

  public CreateAppHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    // Mastodon takes redirect_uris as one string (URIs separated by whitespace) or, since 4.3, an array.
    String redirectUris = params.has("redirect_uris") ? String.join("\n", params.list("redirect_uris")) : null;
    var created = services.oauth().registerApp(params.string("client_name"), redirectUris,
        params.string("scopes"), params.string("website"), request.requester().address());
    return ApiResponse.ok(AppView.registered(created.app(), created.clientSecret()));
  }
}
