package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/** {@code POST /oauth/revoke}: RFC 7009 revocation; answers {@code {}} as Mastodon does. */
public final class RevokeTokenHandler extends ApiHandler {
  public RevokeTokenHandler() {
    this(Services.shared());
  }

  public RevokeTokenHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    services.oauth().revoke(params.string("client_id"), params.string("client_secret"), params.string("token"));
    return ApiResponse.ok(Map.of());
  }
}
