package app.podium.http;

import app.podium.Routes;
import app.podium.Services;
import app.podium.accounts.Account;
import app.podium.shared.DomainException;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Map;

/**
 * What every route handler shares: the caller checked against the route table's access rule, the
 * request parsed, failures mapped to HTTP by {@link ErrorMapper}. A subclass only reads its parameters,
 * calls one service and shapes the result.
 */
public abstract class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  protected final Services services;
  private final Routes.Access access;

  protected ApiHandler(Services services) {
    this.services = services;
    this.access = Routes.forHandler(getClass()).access();
  }

  @Override
  public final APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    try {
      services.origin().require(event.getHeaders());
      var requestContext = event.getRequestContext();
      Caller caller = requestContext != null && requestContext.getAuthorizer() != null
          ? Caller.fromContext(requestContext.getAuthorizer().getLambda()) : Caller.ANONYMOUS;
      authorize(caller);
      return handle(ApiRequest.from(event, caller, services.settings()));
    } catch (RuntimeException e) {
      return ErrorMapper.toResponse(e);
    }
  }

  protected abstract APIGatewayV2HTTPResponse handle(ApiRequest request);

  /** The member calling; only on routes whose access rule is {@code USER}. Refused if suspended. */
  protected Account currentAccount(ApiRequest request) {
    String id = request.caller().accountId()
        .orElseThrow(() -> new DomainException.Unauthorized("The access token is invalid"));
    try {
      return services.accounts().caller(id);
    } catch (DomainException.NotFound gone) {
      throw new DomainException.Unauthorized("The access token is invalid");
    }
  }

  /**
   * The member calling, if any; for routes that also answer anonymous callers. A suspended member's token
   * is refused here too, rather than quietly read as anonymous.
   */
  protected java.util.Optional<Account> viewer(ApiRequest request) {
    return request.caller().accountId().flatMap(id -> {
      try {
        return java.util.Optional.of(services.accounts().caller(id));
      } catch (DomainException.NotFound | DomainException.Unauthorized gone) {
        return java.util.Optional.empty();
      }
    });
  }

  private void authorize(Caller caller) {
    if (access.kind() == Routes.Access.Kind.PUBLIC || access.kind() == Routes.Access.Kind.OPTIONAL) {
      return;
    }
    if (!caller.isAuthenticated()) {
      throw new DomainException.Unauthorized("The access token is invalid");
    }
    // the scope before the user, as Mastodon's controllers run doorkeeper_authorize! before require_user!:
    // an app token without an admin scope is refused for its scope (403), not for having no user (422)
    if (access.scope().isPresent() && !caller.scopes().allows(access.scope().get())) {
      throw new DomainException.Forbidden("This action is outside the authorized scopes");
    }
    if (access.kind() == Routes.Access.Kind.USER && caller.accountId().isEmpty()) {
      throw new DomainException.Invalid("This method requires an authenticated user", Map.of());
    }
  }
}
