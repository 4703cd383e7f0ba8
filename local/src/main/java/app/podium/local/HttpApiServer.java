package app.podium.local;

import app.podium.Backend;
import app.podium.NotFoundFunction;
import app.podium.RouteFunction;
import app.podium.Routes;
import app.podium.apps.api.AuthorizeRequestHandler;
import app.podium.http.Cors;
import app.podium.http.Route;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SimpleIAMPolicyResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Plays the CDN's and API Gateway's parts locally: applies the edge's request-wide limits ({@link
 * EdgeRateLimits}, AWS WAF's part) and its function that drops one trailing slash ({@link
 * #originPath}), matches the route from {@link Routes} ({@link NotFoundFunction} when none does, as
 * the HTTP API's {@code $default} route), runs the Lambda authorizer for protected routes, builds
 * the payload 2.0 event and hands it to the route's function, the same {@link RouteFunction} that
 * runs in Lambda, in this process.
 */
public final class HttpApiServer implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(HttpApiServer.class);

  /** API Gateway's own limit on a request's payload. */
  static final int MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final RouteMatcher matcher = new RouteMatcher(Routes.ALL);

  /** Each route's function, by route key. */
  private final Map<String, RouteFunction> functions = new HashMap<>();

  private final AuthorizeRequestHandler authorizer;
  private final NotFoundFunction notFound = new NotFoundFunction();
  private final EdgeRateLimits edge;

  public HttpApiServer(Backend backend, int port) throws IOException {
    for (Route<?> route : Routes.ALL) {
      functions.put(route.key(), new RouteFunction(backend, route.key()));
    }
    this.authorizer = new AuthorizeRequestHandler(backend.origin(), backend.oauth());
    this.edge = new EdgeRateLimits(backend.settings().limits(), System::currentTimeMillis);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    this.server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 256);
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      byte[] body = readBody(exchange.getRequestBody());
      write(
          exchange,
          respond(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders(),
              exchange.getProtocol(),
              exchange.getRemoteAddress().getAddress().getHostAddress(),
              body));
    }
  }

  /**
   * What the server answers a request, without a socket: the same edge limits, route matching,
   * authorizer and handler that {@link #serve} runs. {@code body} is null when it was over API
   * Gateway's limit.
   */
  APIGatewayV2HTTPResponse respond(
      String method,
      String viewerPath,
      String rawQuery,
      Map<String, List<String>> headers,
      String protocol,
      String sourceIp,
      byte[] body) {
    String rawPath = originPath(viewerPath);
    try {
      Optional<APIGatewayV2HTTPResponse> refused = edge.refusal(method, headers, sourceIp);
      if (refused.isPresent()) {
        return refused.get();
      }
      if (body == null || body.length > MAX_PAYLOAD_BYTES) {
        return gatewayError(413, "Request Entity Too Large");
      }
      if (method.equals("OPTIONS")) {
        List<String> requested =
            headers.entrySet().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Access-Control-Request-Headers"))
                .flatMap(h -> h.getValue().stream())
                .toList();
        return preflight(rawPath, requested.isEmpty() ? null : requested.getFirst());
      }
      var match = matcher.match(method, rawPath);
      if (match.isEmpty()) {
        // the $default route's function reads nothing of the request
        return Invocations.as(Routes.NOT_FOUND.name(), () -> notFound.handleRequest(null, null));
      }
      Route<?> route = match.get().route();
      APIGatewayV2HTTPEvent event =
          ApiGatewayEvents.request(
              method,
              rawPath,
              rawQuery,
              headers,
              protocol,
              sourceIp,
              route,
              decode(match.get().pathParameters()),
              body);
      if (route.access().needsAuthorizer()) {
        APIGatewayV2CustomAuthorizerEvent authorizerEvent =
            ApiGatewayEvents.authorizerRequest(event);
        SimpleIAMPolicyResponse verdict =
            Invocations.as(
                Routes.AUTHORIZER.name(), () -> authorizer.handleRequest(authorizerEvent, null));
        if (!verdict.getIsAuthorized()) {
          return gatewayError(403, "Forbidden");
        }
        ApiGatewayEvents.attachAuthorizerContext(event, verdict.getContext());
      }
      return Invocations.as(
          route.name(), () -> functions.get(route.key()).handleRequest(event, null));
    } catch (RuntimeException e) {
      LOG.error("Local server failure", e);
      return gatewayError(500, "Internal Server Error");
    }
  }

  /**
   * The path API Gateway sees: CloudFront's viewer-request function ({@code
   * infrastructure/src/main/resources/cloudfront/strip-trailing-slash.js}) drops one trailing
   * slash, so {@code /api/v1/instance/} reaches {@code GET /api/v1/instance} as on Mastodon, where
   * Rails ignores it.
   */
  static String originPath(String viewerPath) {
    return viewerPath.length() > 1 && viewerPath.endsWith("/")
        ? viewerPath.substring(0, viewerPath.length() - 1)
        : viewerPath;
  }

  /**
   * Path parameters decoded; one that is not valid percent-encoding ({@code %ZZ}) is passed on as
   * sent.
   */
  private static Map<String, String> decode(Map<String, String> pathParameters) {
    Map<String, String> decoded = new HashMap<>();
    pathParameters.forEach(
        (name, value) -> {
          try {
            decoded.put(name, URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
          } catch (IllegalArgumentException notEncoded) {
            decoded.put(name, value);
          }
        });
    return decoded;
  }

  /** The body, or null when it is over API Gateway's limit. */
  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_PAYLOAD_BYTES + 1);
    return body.length > MAX_PAYLOAD_BYTES ? null : body;
  }

  /**
   * What the HttpApi's CORS configuration does on AWS: a preflight for a path some route serves is
   * answered 204 with the methods served there, without running the authorizer or a handler.
   */
  private APIGatewayV2HTTPResponse preflight(String rawPath, String requestedHeaders) {
    List<String> methods = matcher.methods(rawPath);
    if (methods.isEmpty()) {
      return gatewayError(404, "Not Found");
    }
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(204)
        .withHeaders(Cors.preflight(methods, requestedHeaders))
        .build();
  }

  /**
   * API Gateway's own error shape, for what it refuses before any handler runs; with CORS, as
   * there.
   */
  private static APIGatewayV2HTTPResponse gatewayError(int status, String message) {
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(Map.of("Content-Type", "application/json", "Access-Control-Allow-Origin", "*"))
        .withBody("{\"message\":\"" + message + "\"}")
        .build();
  }

  private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response)
      throws IOException {
    if (response.getHeaders() != null) {
      response
          .getHeaders()
          .forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
    }
    if (response.getMultiValueHeaders() != null) {
      response
          .getMultiValueHeaders()
          .forEach(
              (name, values) ->
                  values.forEach(value -> exchange.getResponseHeaders().add(name, value)));
    }
    if (response.getCookies() != null) {
      for (String cookie : response.getCookies()) {
        exchange.getResponseHeaders().add("Set-Cookie", cookie);
      }
    }
    String body = response.getBody();
    byte[] bytes =
        body == null
            ? new byte[0]
            : response.getIsBase64Encoded()
                ? java.util.Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(response.getStatusCode(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
