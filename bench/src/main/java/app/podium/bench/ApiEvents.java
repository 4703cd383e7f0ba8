package app.podium.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Events API Gateway hands a function once the authorizer has resolved a member's token (any
 * route).
 */
final class ApiEvents {
  static final String SCOPES = "read write follow";

  private ApiEvents() {}

  static APIGatewayV2HTTPEvent of(
      String method,
      String route,
      String path,
      Map<String, String> pathParameters,
      String jsonBody,
      String accountId) {
    Instant now = Instant.now();
    Map<String, String> headers =
        new HashMap<>(Map.of("host", "127.0.0.1", "user-agent", "podium-bench"));
    if (jsonBody != null) {
      headers.put("content-type", "application/json");
    }
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(method + " " + route)
        .withRawPath(path)
        .withRawQueryString("")
        .withPathParameters(pathParameters)
        .withHeaders(headers)
        .withBody(jsonBody)
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("bench")
                .withStage("$default")
                .withRouteKey(method + " " + route)
                .withRequestId(UUID.randomUUID().toString())
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(path)
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
                                    accountId,
                                    "scopes",
                                    SCOPES)))
                        .build())
                .build())
        .build();
  }

  static APIGatewayV2HTTPEvent post(String accountId, String text) {
    return of(
        "POST",
        "/api/v1/statuses",
        "/api/v1/statuses",
        null,
        "{\"status\":\"" + text + "\",\"visibility\":\"public\"}",
        accountId);
  }

  static APIGatewayV2HTTPEvent home(String accountId) {
    return HomeRequests.forReader(accountId, 40);
  }

  static APIGatewayV2HTTPEvent follow(String accountId, String followeeId) {
    return of(
        "POST",
        "/api/v1/accounts/{id}/follow",
        "/api/v1/accounts/" + followeeId + "/follow",
        Map.of("id", followeeId),
        null,
        accountId);
  }
}
