package app.podium.http;

import app.podium.shared.DomainException;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;
import java.util.Optional;

/**
 * What every route function does around its route's code: the origin checked before anything is
 * read, the caller checked against the route's access rule, the request parsed, failures mapped to
 * HTTP by {@link ErrorMapper}. A page's visitor is admitted by {@link PageGuard} instead of the
 * caller's token, and its failures are error pages.
 */
public final class RouteHandler {
  private final String name;
  private final Access access;
  private final Endpoint endpoint;
  private final OriginCheck origin;
  private final Settings settings;
  private final PageGuard pages;

  /** A route of the API (no page): no web session is ever looked up. */
  public RouteHandler(
      String name, Access access, Endpoint endpoint, OriginCheck origin, Settings settings) {
    this(name, access, endpoint, origin, settings, new PageGuard(id -> Optional.empty(), settings));
  }

  /**
   * @param name the route's function name ({@code PostStatus}): {@code route} in its log lines
   * @param pages admits a page's visitors (used only when {@code access} is {@link Access#PAGE})
   */
  public RouteHandler(
      String name,
      Access access,
      Endpoint endpoint,
      OriginCheck origin,
      Settings settings,
      PageGuard pages) {
    this.name = name;
    this.access = access;
    this.endpoint = endpoint;
    this.origin = origin;
    this.settings = settings;
    this.pages = pages;
  }

  public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event) {
    var requestContext = event.getRequestContext();
    RequestLog.begin(name, requestContext == null ? null : requestContext.getRequestId());
    try {
      origin.require(event.getHeaders());
      if (access.isPage()) {
        pages.refuseCrossSite(event);
        ApiRequest visit = pages.admit(event, ApiRequest.from(event, Caller.ANONYMOUS, settings));
        return counted(pages.finish(visit, endpoint.handle(visit)));
      }
      Caller caller =
          requestContext != null && requestContext.getAuthorizer() != null
              ? Caller.fromContext(requestContext.getAuthorizer().getLambda())
              : Caller.ANONYMOUS;
      RequestLog.caller(caller);
      authorize(caller);
      return counted(endpoint.handle(ApiRequest.from(event, caller, settings)));
    } catch (RuntimeException e) {
      return counted(ErrorMapper.toResponse(e, access.isPage()));
    } finally {
      RequestLog.end();
    }
  }

  private APIGatewayV2HTTPResponse counted(APIGatewayV2HTTPResponse response) {
    RequestMetrics.request(name, response.getStatusCode());
    return response;
  }

  private void authorize(Caller caller) {
    if (access.kind() == Access.Kind.PUBLIC || access.kind() == Access.Kind.OPTIONAL) {
      return;
    }
    if (!caller.isAuthenticated()) {
      throw new DomainException.Unauthorized("The access token is invalid");
    }
    // the scope before the user, as Mastodon's controllers run doorkeeper_authorize! before
    // require_user!:
    // an app token without an admin scope is refused for its scope (403), not for having no user
    // (422)
    if (access.scope().isPresent() && !caller.scopes().allows(access.scope().get())) {
      throw new DomainException.Forbidden("This action is outside the authorized scopes");
    }
    if (access.kind() == Access.Kind.USER && caller.accountId().isEmpty()) {
      throw new DomainException.Invalid("This method requires an authenticated user", Map.of());
    }
  }
}
