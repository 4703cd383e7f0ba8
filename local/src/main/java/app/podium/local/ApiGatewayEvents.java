package app.podium.local;

import app.podium.http.Route;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.sun.net.httpserver.HttpExchange;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The events an HTTP API sends to Lambda (payload format 2.0), built from a local HTTP exchange:
 * header names lower-cased and repeated headers joined with commas, cookies split out, repeated
 * query parameters joined with commas, bodies base64-encoded unless they are text.
 */
final class ApiGatewayEvents {
  private static final DateTimeFormatter REQUEST_TIME =
      DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH)
          .withZone(ZoneOffset.UTC);

  private ApiGatewayEvents() {}

  static APIGatewayV2HTTPEvent request(
      HttpExchange exchange, Route<?> route, Map<String, String> pathParameters, byte[] body) {
    return request(
        exchange.getRequestMethod(),
        exchange.getRequestURI().getRawPath(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders(),
        exchange.getProtocol(),
        exchange.getRemoteAddress().getAddress().getHostAddress(),
        route,
        pathParameters,
        body);
  }

  /**
   * The same event from a request's parts, for callers that have no socket (tests dispatching
   * in-process).
   */
  static APIGatewayV2HTTPEvent request(
      String method,
      String rawPath,
      String rawQuery,
      Map<String, List<String>> requestHeaders,
      String protocol,
      String sourceIp,
      Route<?> route,
      Map<String, String> pathParameters,
      byte[] body) {
    Map<String, String> headers = new LinkedHashMap<>();
    List<String> cookies = new ArrayList<>();
    requestHeaders.forEach(
        (name, values) -> {
          String lower = name.toLowerCase(Locale.ROOT);
          if (lower.equals("cookie")) {
            values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
          } else {
            headers.put(lower, String.join(",", values));
          }
        });
    String contentType = headers.getOrDefault("content-type", "");
    boolean text = isText(contentType);
    Instant now = Instant.now();
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(route.key())
        .withRawPath(rawPath)
        .withRawQueryString(rawQuery == null ? "" : rawQuery)
        .withCookies(cookies.isEmpty() ? null : cookies)
        .withHeaders(headers)
        .withQueryStringParameters(queryParameters(rawQuery))
        .withPathParameters(pathParameters.isEmpty() ? null : pathParameters)
        .withBody(
            body.length == 0
                ? null
                : text
                    ? new String(body, StandardCharsets.UTF_8)
                    : Base64.getEncoder().encodeToString(body))
        .withIsBase64Encoded(body.length > 0 && !text)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withAccountId("000000000000")
                .withApiId("local")
                .withDomainName(headers.getOrDefault("host", "127.0.0.1"))
                .withDomainPrefix("local")
                .withRequestId(UUID.randomUUID().toString())
                .withRouteKey(route.key())
                .withStage("$default")
                .withTime(REQUEST_TIME.format(now))
                .withTimeEpoch(now.toEpochMilli())
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withPath(rawPath)
                        .withProtocol(protocol)
                        .withSourceIp(sourceIp)
                        .withUserAgent(headers.getOrDefault("user-agent", ""))
                        .build())
                .build())
        .build();
  }

  /** The authorizer's event for a request (payload 2.0, no identity source). */
  static APIGatewayV2CustomAuthorizerEvent authorizerRequest(APIGatewayV2HTTPEvent request) {
    var context = request.getRequestContext();
    return APIGatewayV2CustomAuthorizerEvent.builder()
        .withVersion("2.0")
        .withType("REQUEST")
        .withRouteArn(
            "arn:aws:execute-api:us-east-1:000000000000:local/$default/"
                + context.getHttp().getMethod()
                + context.getHttp().getPath())
        .withRouteKey(request.getRouteKey())
        .withRawPath(request.getRawPath())
        .withRawQueryString(request.getRawQueryString())
        .withCookies(request.getCookies())
        .withHeaders(request.getHeaders())
        .withQueryStringParameters(request.getQueryStringParameters())
        .withPathParameters(request.getPathParameters())
        .withRequestContext(
            APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                .withAccountId(context.getAccountId())
                .withApiId(context.getApiId())
                .withDomainName(context.getDomainName())
                .withDomainPrefix(context.getDomainPrefix())
                .withRequestId(context.getRequestId())
                .withRouteKey(context.getRouteKey())
                .withStage(context.getStage())
                .withTime(context.getTime())
                .withTimeEpoch(context.getTimeEpoch())
                .withHttp(
                    APIGatewayV2CustomAuthorizerEvent.Http.builder()
                        .withMethod(context.getHttp().getMethod())
                        .withPath(context.getHttp().getPath())
                        .withProtocol(context.getHttp().getProtocol())
                        .withSourceIp(context.getHttp().getSourceIp())
                        .withUserAgent(context.getHttp().getUserAgent())
                        .build())
                .build())
        .build();
  }

  /** What API Gateway adds to the request once a simple-response authorizer allows it. */
  static void attachAuthorizerContext(APIGatewayV2HTTPEvent request, Map<String, ?> context) {
    request
        .getRequestContext()
        .setAuthorizer(
            APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                .withLambda(context == null ? Map.of() : new HashMap<>(context))
                .build());
  }

  private static Map<String, String> queryParameters(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return null;
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : rawQuery.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = safeDecode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : safeDecode(pair.substring(eq + 1));
      parameters.merge(name, value, (a, b) -> a + "," + b);
    }
    return parameters;
  }

  private static String safeDecode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text;
    }
  }

  private static boolean isText(String contentType) {
    String type = contentType.toLowerCase(Locale.ROOT);
    return type.isEmpty()
        || type.startsWith("text/")
        || type.contains("json")
        || type.contains("xml")
        || type.startsWith("application/x-www-form-urlencoded")
        || type.startsWith("application/javascript");
  }
}
