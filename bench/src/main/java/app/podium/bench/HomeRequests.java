package app.podium.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The event API Gateway hands the home-timeline function once the authorizer has resolved a token.
 */
final class HomeRequests {
  private HomeRequests() {}

  static APIGatewayV2HTTPEvent forReader(String readerId, int limit) {
    Instant now = Instant.now();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("GET /api/v1/timelines/home")
        .withRawPath("/api/v1/timelines/home")
        .withRawQueryString("limit=" + limit)
        .withQueryStringParameters(Map.of("limit", Integer.toString(limit)))
        .withHeaders(Map.of("host", "127.0.0.1", "user-agent", "podium-bench"))
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("bench")
                .withStage("$default")
                .withRouteKey("GET /api/v1/timelines/home")
                .withRequestId(UUID.randomUUID().toString())
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("GET")
                        .withPath("/api/v1/timelines/home")
                        .withProtocol("HTTP/1.1")
                        .withSourceIp("127.0.0.1")
                        .withUserAgent("podium-bench")
                        .build())
                .withAuthorizer(
                    APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withLambda(
                            new HashMap<>(
                                Map.of(
                                    "clientId",
                                    "bench-client",
                                    "accountId",
                                    readerId,
                                    "scopes",
                                    "read")))
                        .build())
                .build())
        .build();
  }
}
