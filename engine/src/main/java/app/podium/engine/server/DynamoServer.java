package app.podium.engine.server;

import app.podium.engine.limits.Faults;
import app.podium.engine.ops.Json;
import app.podium.engine.ops.Operations;
import app.podium.engine.value.DynamoError;
import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;

/**
 * DynamoDB's JSON 1.0 protocol over HTTP on the loopback address: {@code POST /} with {@code X-Amz-Target:
 * DynamoDB_20120810.<Operation>}. Any credentials pass (nothing is signed-checked); bodies over 16 MB are refused.
 * Paths under {@code /engine/} are the engine's own controls, outside DynamoDB's protocol.
 */
public final class DynamoServer implements AutoCloseable {
  /** DynamoDB's largest request. */
  public static final int MAX_BODY = 16 * 1024 * 1024;
  private static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";

  /** Answers the engine's control paths ({@code /engine/...}): returns the status and JSON body. */
  public interface Controls {
    Answer handle(String method, String path, JsonNode body);
  }

  /** An HTTP answer of a control path. */
  public record Answer(int status, Object body) {}

  private final HttpServer server;
  private final ExecutorService executor;
  private final Operations operations;
  private final Controls controls;
  private final Faults faults;

  public DynamoServer(int port, Operations operations, Controls controls, Faults faults) throws IOException {
    this.operations = operations;
    this.controls = controls;
    this.faults = faults;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    this.executor = Executors.newVirtualThreadPerTaskExecutor();
    server.setExecutor(executor);
    server.createContext("/", this::exchange);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  private void exchange(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (path.startsWith("/engine/")) {
        control(exchange, path);
        return;
      }
      if (!exchange.getRequestMethod().equals("POST")) {
        send(exchange, 200, "text/plain", "healthy: podium-engine".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return;
      }
      byte[] body = readBody(exchange);
      if (body == null) {
        sendError(exchange, new DynamoError("RequestEntityTooLarge", 413, "Request entity too large: the limit is "
            + MAX_BODY + " bytes"));
        return;
      }
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String operation = target != null && target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length())
          : target == null ? "" : target;
      try {
        if (!operations.knows(operation)) {
          throw Operations.unknown(operation);
        }
        JsonNode request;
        try {
          request = Json.mapper().readTree(body);
        } catch (IOException malformed) {
          throw DynamoError.serialization("Malformed request body: not JSON");
        }
        Faults.Draw fault = faults.draw(operation);
        if (fault.before() != null) {
          throw fault.before();
        }
        byte[] answer = Json.bytes(operations.handle(operation, request));
        if (fault.after() != null) {
          throw fault.after();
        }
        send(exchange, 200, CONTENT_TYPE, answer);
      } catch (DynamoError error) {
        sendError(exchange, error);
      } catch (RuntimeException | StackOverflowError bug) {
        bug.printStackTrace();
        sendError(exchange, DynamoError.internal("Internal server error: " + bug));
      }
    }
  }

  private void control(HttpExchange exchange, String path) throws IOException {
    byte[] body = readBody(exchange);
    JsonNode json = null;
    if (body != null && body.length > 0) {
      try {
        json = Json.mapper().readTree(body);
      } catch (IOException malformed) {
        send(exchange, 400, "application/json", Json.bytes(Map.of("message", "malformed JSON body")));
        return;
      }
    }
    Answer answer = controls.handle(exchange.getRequestMethod(), path, json);
    send(exchange, answer.status(), "application/json", Json.bytes(answer.body()));
  }

  /** The body, or null when it is larger than DynamoDB takes. */
  private static byte[] readBody(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && Long.parseLong(length.trim()) > MAX_BODY) {
      return null;
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes(MAX_BODY + 1);
      return body.length > MAX_BODY ? null : body;
    }
  }

  private static void sendError(HttpExchange exchange, DynamoError error) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("__type", error.wireType());
    body.put("message", error.getMessage());
    body.putAll(error.extra());
    send(exchange, error.status(), CONTENT_TYPE, Json.bytes(body));
  }

  private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
    CRC32 crc = new CRC32();
    crc.update(body);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    exchange.getResponseHeaders().set("x-amz-crc32", Long.toString(crc.getValue()));
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
