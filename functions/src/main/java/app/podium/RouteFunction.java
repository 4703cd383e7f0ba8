package app.podium;

import app.podium.http.RouteHandler;
import app.podium.shared.Variables;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

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

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return route.handle(event);
  }
}
