package app.podium.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the response a handler returns to API Gateway: always JSON, always with {@link Cors}
 * headers.
 */
public final class ApiResponse {
  private ApiResponse() {}

  public static APIGatewayV2HTTPResponse ok(Object body) {
    return json(200, body, Map.of());
  }

  public static APIGatewayV2HTTPResponse ok(Object body, Map<String, String> extraHeaders) {
    return json(200, body, extraHeaders);
  }

  public static APIGatewayV2HTTPResponse json(
      int status, Object body, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json; charset=utf-8");
    headers.put("Cache-Control", "no-store");
    headers.putAll(Cors.RESPONSE_HEADERS);
    headers.putAll(extraHeaders);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(headers)
        .withBody(Json.write(body))
        .withIsBase64Encoded(false)
        .build();
  }
}
