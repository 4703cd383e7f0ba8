package app.podium.api;

import app.podium.Services;
import app.podium.apps.IssuedToken;
import app.podium.apps.api.TokenView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.shared.DomainException;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /oauth/token}: the {@code client_credentials} and {@code password} grants. */
public final class IssueTokenHandler extends ApiHandler {
  public IssueTokenHandler() {
    this(Services.shared());
  }

  public IssueTokenHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    String clientId = params.string("client_id");
    String clientSecret = params.string("client_secret");
    String grantType = params.string("grant_type");
    IssuedToken token = switch (grantType == null ? "" : grantType) {
      case "client_credentials" -> services.oauth().clientCredentials(clientId, clientSecret, params.string("scope"),
          request.requester().address());
      case "password" -> services.oauth().password(clientId, clientSecret, params.string("username"),
          params.string("password"), params.string("scope"), request.requester().address());
      default -> throw new DomainException.OAuthRejected("unsupported_grant_type",
          "The authorization grant type is not supported by the authorization server.");
    };
    return ApiResponse.ok(TokenView.of(token));
  }
}
