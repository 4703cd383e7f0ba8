package app.podium;

import app.podium.http.RouteHandler;
import app.podium.shared.Variables;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The Lambda handler class of every route's function: one function per route still, each told by
 * the stack which route it serves ({@code PODIUM_ROUTE}, the route's key: {@code POST
 * /api/v1/statuses}). It runs that route's {@link RouteHandler}, as the container's {@link Backend}
 * built it.
 */
public final class RouteFunction
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  public static final String ROUTE_ENV = Variables.PODIUM_ROUTE.name();

  private final RouteHandler route;

  /** Lambda's constructor: the container's backend and the route named by {@code PODIUM_ROUTE}. */
  public RouteFunction() {
    this(Backend.shared(), Variables.PODIUM_ROUTE.read(System.getenv()));
  }

  public RouteFunction(Backend backend, String routeKey) {
    this.route = backend.route(routeKey);
  }

  /**
   * With Powertools' Lambda fields ({@code function_name}, {@code function_request_id}, {@code
   * cold_start}) on every log line of the invocation when Lambda runs it; the local server passes
   * no context, and its lines carry the route's own fields alone ({@code RequestLog}).
   */
  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return context == null
        ? route.handle(event)
        : PowertoolsLogging.withLogging(context, () -> route.handle(event));
  }
}
