package app.podium;

import app.podium.http.RouteHandler;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * The Lambda handler class of every route's function: one function per route still, each told by
 * the stack which route it serves ({@value #ROUTE_ENV}, the route's key: {@code POST
 * /api/v1/statuses}). It runs that route's {@link RouteHandler}, as the container's {@link Backend}
 * built it.
 */
public final class RouteFunction
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  public static final String ROUTE_ENV = "PODIUM_ROUTE";

  private final RouteHandler route;

  /** Lambda's constructor: the container's backend and the route named by {@value #ROUTE_ENV}. */
  public RouteFunction() {
    this(Backend.shared(), System.getenv(ROUTE_ENV));
  }

  public RouteFunction(Backend backend, String routeKey) {
    this.route = backend.route(routeKey);
  }

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return route.handle(event);
  }
}
