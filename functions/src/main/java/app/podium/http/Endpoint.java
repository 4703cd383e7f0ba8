package app.podium.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * A route's code, bound to the services it calls: parses the request, calls one service, maps the
 * result.
 */
@FunctionalInterface
public interface Endpoint {
  APIGatewayV2HTTPResponse handle(ApiRequest request);
}
