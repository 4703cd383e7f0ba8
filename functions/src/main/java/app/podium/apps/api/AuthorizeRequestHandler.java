package app.podium.apps.api;

import app.podium.Backend;
import app.podium.apps.OAuthService;
import app.podium.http.Caller;
import app.podium.http.OriginCheck;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import java.util.Map;
import java.util.Optional;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The HTTP API's Lambda authorizer (payload 2.0, simple responses). A request that did not come
 * through the CDN is refused first ({@code isAuthorized: false}, so API Gateway answers 403 and no
 * handler runs), before any token is read: a direct call to the API's endpoint costs no DynamoDB
 * read. Otherwise it resolves the bearer token into the caller and lets the request through; the
 * route function then applies the route's access rule, so that a missing, revoked or under-scoped
 * token gets Mastodon's own 401/403 body. See {@code Access}.
 */
public final class AuthorizeRequestHandler
    implements RequestHandler<APIGatewayV2CustomAuthorizerEvent, SimpleIAMPolicyResponse> {
  private final OriginCheck origin;
  private final OAuthService oauth;

  /** Lambda's constructor: the container's origin check and tokens. */
  public AuthorizeRequestHandler() {
    this(Backend.shared().origin(), Backend.shared().oauth());
  }

  public AuthorizeRequestHandler(OriginCheck origin, OAuthService oauth) {
    this.origin = origin;
    this.oauth = oauth;
  }

  /** With Powertools' Lambda fields on its log lines when Lambda runs it (not the local server). */
  @Override
  public SimpleIAMPolicyResponse handleRequest(
      APIGatewayV2CustomAuthorizerEvent event, Context context) {
    return context == null
        ? authorize(event)
        : PowertoolsLogging.withLogging(context, () -> authorize(event));
  }

  private SimpleIAMPolicyResponse authorize(APIGatewayV2CustomAuthorizerEvent event) {
    if (!origin.passes(event.getHeaders())) {
      return SimpleIAMPolicyResponse.builder()
          .withIsAuthorized(false)
          .withContext(Map.of())
          .build();
    }
    Caller caller =
        bearer(event.getHeaders())
            .flatMap(token -> oauth.authenticate(token))
            .map(
                token ->
                    new Caller(token.accountId(), Optional.of(token.clientId()), token.scopes()))
            .orElse(Caller.ANONYMOUS);
    return SimpleIAMPolicyResponse.builder()
        .withIsAuthorized(true)
        .withContext(caller.toContext())
        .build();
  }

  static Optional<String> bearer(Map<String, String> headers) {
    if (headers == null) {
      return Optional.empty();
    }
    return headers.entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("authorization"))
        .map(Map.Entry::getValue)
        .filter(v -> v != null && v.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(v -> v.substring(7).trim())
        .findFirst();
  }
}
