package app.podium.apps.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.*;
import static app.podium.http.Access.PUBLIC;
import static app.podium.http.Access.app;

import app.podium.apps.AuthorizationService;
import app.podium.apps.IssuedToken;
import app.podium.apps.OAuthService;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Params;
import app.podium.http.Route;
import app.podium.shared.DomainException;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;

/** OAuth apps and tokens: registering an app, the token endpoint, revocation. */
public record AppsRoutes(OAuthService oauth, AuthorizationService authorizations) {
  public static final List<Route<AppsRoutes>> ALL =
      List.of(
          // registering an app and a client-credentials token count against the address's apps
          // limit
          Route.post(
              "/api/v1/apps",
              "CreateApp",
              PUBLIC,
              grants().write(APPS).write(RATE_LIMITS),
              AppsRoutes::create),
          Route.get(
              "/api/v1/apps/verify_credentials",
              "VerifyAppCredentials",
              app(null),
              grants().read(APPS),
              AppsRoutes::verify),
          // the client credentials and password grants: the apps and login limits, the credentials
          // by username or email; the authorization code grant deletes its code as it redeems it
          Route.post(
              "/oauth/token",
              "IssueToken",
              PUBLIC,
              grants()
                  .read(APPS)
                  .write(TOKENS)
                  .write(RATE_LIMITS)
                  .read(UNIQUE_KEYS)
                  .read(ACCOUNTS)
                  .write(OAUTH_CODES),
              AppsRoutes::token),
          Route.post(
              "/oauth/revoke",
              "RevokeToken",
              PUBLIC,
              grants().read(APPS).write(TOKENS),
              AppsRoutes::revoke));

  /** {@code POST /api/v1/apps}: registers a client application. */
  APIGatewayV2HTTPResponse create(ApiRequest request) {
    var params = request.params();
    // Mastodon takes redirect_uris as one string (URIs separated by whitespace) or, since 4.3, an
    // array.
    String redirectUris =
        params.has("redirect_uris") ? String.join("\n", params.oneOrMany("redirect_uris")) : null;
    var created =
        oauth.registerApp(
            params.string("client_name"),
            redirectUris,
            params.string("scopes"),
            params.string("website"),
            request.requester().address());
    return ApiResponse.ok(AppView.registered(created.app(), created.clientSecret()));
  }

  /** {@code GET /api/v1/apps/verify_credentials}: the app behind the token. */
  APIGatewayV2HTTPResponse verify(ApiRequest request) {
    return ApiResponse.ok(AppView.of(oauth.app(request.caller().clientId().orElseThrow())));
  }

  /**
   * {@code POST /oauth/token}: the {@code authorization_code}, {@code client_credentials} and
   * {@code password} grants.
   */
  APIGatewayV2HTTPResponse token(ApiRequest request) {
    var params = request.params();
    String clientId = oauthParam(params, "client_id");
    String clientSecret = oauthParam(params, "client_secret");
    String grantType = oauthParam(params, "grant_type");
    String address = request.requester().address();
    IssuedToken token =
        switch (grantType == null ? "" : grantType) {
          case "authorization_code" ->
              authorizations.exchange(
                  clientId,
                  clientSecret,
                  oauthParam(params, "code"),
                  oauthParam(params, "redirect_uri"),
                  oauthParam(params, "code_verifier"));
          case "client_credentials" ->
              oauth.clientCredentials(clientId, clientSecret, oauthParam(params, "scope"), address);
          case "password" ->
              oauth.password(
                  clientId,
                  clientSecret,
                  oauthParam(params, "username"),
                  oauthParam(params, "password"),
                  oauthParam(params, "scope"),
                  address);
          default ->
              throw new DomainException.OAuthRejected(
                  "unsupported_grant_type",
                  "The authorization grant type is not supported by the authorization server.");
        };
    return ApiResponse.ok(TokenView.of(token));
  }

  /** {@code POST /oauth/revoke}: RFC 7009 revocation; answers {@code {}} as Mastodon does. */
  APIGatewayV2HTTPResponse revoke(ApiRequest request) {
    var params = request.params();
    oauth.revoke(
        oauthParam(params, "client_id"),
        oauthParam(params, "client_secret"),
        oauthParam(params, "token"));
    return ApiResponse.ok(Map.of());
  }

  /**
   * A parameter of an OAuth endpoint: one sent in a shape Params refuses (a list, half a surrogate
   * pair) is answered in OAuth's words (RFC 6749 section 5.2: 400 invalid_request), not as a 422.
   */
  private static String oauthParam(Params params, String name) {
    try {
      return params.string(name);
    } catch (DomainException.Invalid malformed) {
      throw new DomainException.OAuthRejected("invalid_request", malformed.getMessage());
    }
  }
}
