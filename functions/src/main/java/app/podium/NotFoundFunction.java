package app.podium;

import app.podium.http.ErrorMapper;
import app.podium.shared.DomainException;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * What a request that no route serves gets: Mastodon's {@code 404 {"error":"Record not found"}},
 * not API Gateway's {@code {"message":"Not Found"}}. The HTTP API's {@code $default} route on AWS,
 * and the local server's answer to an unmatched request. It reads nothing and touches nothing, so
 * it needs no backend, no grant and no origin check: anyone may learn that a path is not served.
 */
public final class NotFoundFunction
    implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {
  public static final String MESSAGE = "Record not found";

  @Override
  public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
    return ErrorMapper.toResponse(new DomainException.NotFound(MESSAGE));
  }
}
