package app.podium.engine.server;

import app.podium.engine.limits.Faults;
import app.podium.engine.ops.Json;
import app.podium.engine.ops.Operations;
import app.podium.engine.value.DynamoError;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32;

/**
 * DynamoDB's JSON 1.0 protocol over HTTP/1.1 on the loopback address: {@code POST /} with {@code
 * X-Amz-Target: DynamoDB_20120810.<Operation>}. Any credentials pass (nothing is
 * signature-checked); bodies over 16 MB are refused. Paths under {@code /engine/} are the engine's
 * own controls, outside DynamoDB's protocol.
 *
 * <p>Each connection is one (platform) thread that reads its requests in turn and answers each with
 * one write (headers and body together, Nagle off). The JDK's com.sun.net.httpserver was the first
 * server here; measured on the mix of PutItem, GetItem, Query and TransactWriteItems it spent more
 * per request than DynamoDB Local's whole answer (hand-offs between its selector thread and the
 * handler's thread on every request), so it was replaced.
 */
public final class DynamoServer implements AutoCloseable {
  /** DynamoDB's largest request. */
  public static final int MAX_BODY = 16 * 1024 * 1024;

  private static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final int MAX_HEADER_LINE = 16 * 1024;

  /** A connection idle this long is closed; clients open a new one. */
  private static final int IDLE_MILLIS = 120_000;

  private static final AtomicLong REQUEST_IDS = new AtomicLong(System.nanoTime());

  /** Answers the engine's control paths ({@code /engine/...}): returns the status and JSON body. */
  public interface Controls {
    /**
     * {@code query} holds the request's query parameters (decoded), {@code body} its JSON body or
     * null.
     */
    Answer handle(String method, String path, Map<String, String> query, JsonNode body);
  }

  /** An HTTP answer of a control path. */
  public record Answer(int status, Object body) {}

  /** One parsed request. */
  private record Request(
      String method,
      String path,
      String query,
      Map<String, String> headers,
      byte[] body,
      boolean tooLarge,
      boolean keepAlive) {}

  private final ServerSocket listener;
  private final Operations operations;
  private final Controls controls;
  private final Faults faults;
  private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  public DynamoServer(int port, Operations operations, Controls controls, Faults faults)
      throws IOException {
    this.operations = operations;
    this.controls = controls;
    this.faults = faults;
    this.listener = new ServerSocket();
    listener.setReuseAddress(true);
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
    this.acceptor =
        Thread.ofPlatform()
            .daemon()
            .name("engine-accept-" + listener.getLocalPort())
            .start(this::accept);
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void accept() {
    while (!closed) {
      try {
        Socket socket = listener.accept();
        connections.add(socket);
        Thread.ofPlatform().daemon().name("engine-connection").start(() -> serve(socket));
      } catch (IOException e) {
        if (!closed) {
          System.err.println("Podium engine: accept failed: " + e);
        }
      }
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(IDLE_MILLIS);
      Input in = new Input(socket.getInputStream());
      Output out = new Output(socket.getOutputStream());
      while (!closed) {
        Request request = read(in, out);
        if (request == null) {
          return;
        }
        respond(request, out);
        if (request.tooLarge()) {
          drainUnread(socket);
          return;
        }
        if (!request.keepAlive()) {
          return;
        }
      }
    } catch (SocketTimeoutException | SocketException | EOFException gone) {
      // the client went away or stayed idle: its connection ends here
    } catch (IOException e) {
      if (!closed) {
        System.err.println("Podium engine: connection failed: " + e);
      }
    } finally {
      connections.remove(socket);
    }
  }

  /**
   * After a 413 the client is usually still sending the body it was refused. Closing a socket with
   * unread bytes makes the kernel reset the connection, which can destroy the 413 before the client
   * reads it; so the answer is followed by an end of output and the rest of the body is read and
   * dropped (bounded in bytes and time).
   */
  private static void drainUnread(Socket socket) throws IOException {
    socket.shutdownOutput();
    socket.setSoTimeout(2_000);
    byte[] sink = new byte[64 * 1024];
    long left = 4L * MAX_BODY;
    var raw = socket.getInputStream();
    for (int read; left > 0 && (read = raw.read(sink)) >= 0; ) {
      left -= read;
    }
  }

  /** The headers a request is answered by; the rest are skipped as they are read. */
  private static final Set<String> NEEDED =
      Set.of("content-length", "x-amz-target", "connection", "expect", "transfer-encoding");

  /** The next request on the connection, or null when the client closed it between requests. */
  private static Request read(Input in, Output out) throws IOException {
    String requestLine = in.line(true);
    if (requestLine == null) {
      return null;
    }
    String[] parts = requestLine.split(" ");
    if (parts.length < 3) {
      throw new IOException("malformed request line");
    }
    Map<String, String> headers = new java.util.HashMap<>(8);
    String header;
    while (!(header = in.line(false)).isEmpty()) {
      int colon = header.indexOf(':');
      if (colon > 0) {
        String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        if (NEEDED.contains(name)) {
          headers.put(name, header.substring(colon + 1).trim());
        }
      }
    }
    String connection = headers.getOrDefault("connection", "").toLowerCase(Locale.ROOT);
    boolean keepAlive =
        parts[2].equals("HTTP/1.1") ? !connection.equals("close") : connection.equals("keep-alive");
    if ("100-continue".equalsIgnoreCase(headers.get("expect"))) {
      out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
    }
    String target = parts[1];
    int question = target.indexOf('?');
    String path = question < 0 ? target : target.substring(0, question);
    String query = question < 0 ? "" : target.substring(question + 1);
    byte[] body;
    if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
      body = chunked(in);
      if (body == null) {
        return new Request(parts[0], path, query, headers, null, true, false);
      }
    } else {
      long length = Long.parseLong(headers.getOrDefault("content-length", "0"));
      if (length > MAX_BODY) {
        return new Request(parts[0], path, query, headers, null, true, false);
      }
      body = in.bytes((int) length);
    }
    return new Request(parts[0], path, query, headers, body, false, keepAlive);
  }

  private static byte[] chunked(Input in) throws IOException {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      String size = in.line(false);
      int semicolon = size.indexOf(';');
      int length =
          Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
      if (length == 0) {
        while (!in.line(false).isEmpty()) {
          // trailers are ignored
        }
        return body.toByteArray();
      }
      if (body.size() + (long) length > MAX_BODY) {
        return null;
      }
      body.write(in.bytes(length));
      in.line(false);
    }
  }

  /**
   * A connection's input, read through a buffer of its own: lines are found by scanning the buffer
   * rather than by a call a byte (a BufferedInputStream takes its lock on every read(), which cost
   * a tenth of a small request).
   */
  private static final class Input {
    private final InputStream in;
    private final byte[] buffer = new byte[MAX_HEADER_LINE];
    private int position;
    private int limit;

    Input(InputStream in) {
      this.in = in;
    }

    /** Reads more after what is left unread, moved to the front; false at the end of the stream. */
    private boolean fill() throws IOException {
      if (position > 0) {
        System.arraycopy(buffer, position, buffer, 0, limit - position);
        limit -= position;
        position = 0;
      }
      if (limit == buffer.length) {
        throw new IOException("header line too long");
      }
      int read = in.read(buffer, limit, buffer.length - limit);
      if (read < 0) {
        return false;
      }
      limit += read;
      return true;
    }

    /** One CRLF-ended line (Latin-1); null at the end of the stream when {@code endAllowed}. */
    String line(boolean endAllowed) throws IOException {
      int scanned = position;
      while (true) {
        for (int i = scanned; i < limit; i++) {
          if (buffer[i] == '\n') {
            int end = i > position && buffer[i - 1] == '\r' ? i - 1 : i;
            String line = new String(buffer, position, end - position, StandardCharsets.ISO_8859_1);
            position = i + 1;
            return line;
          }
        }
        int unread = limit - position;
        if (!fill()) {
          if (endAllowed && unread == 0) {
            return null;
          }
          throw new EOFException();
        }
        scanned = unread;
      }
    }

    /** The next {@code length} bytes. */
    byte[] bytes(int length) throws IOException {
      byte[] bytes = new byte[length];
      int buffered = Math.min(length, limit - position);
      System.arraycopy(buffer, position, bytes, 0, buffered);
      position += buffered;
      int read = buffered;
      while (read < length) {
        int n = in.read(bytes, read, length - read);
        if (n < 0) {
          throw new EOFException();
        }
        read += n;
      }
      return bytes;
    }
  }

  private void respond(Request request, Output out) throws IOException {
    if (request.tooLarge()) {
      out.send(
          413,
          CONTENT_TYPE,
          error(
              new DynamoError(
                  "RequestEntityTooLarge",
                  413,
                  "Request entity too large: the limit is " + MAX_BODY + " bytes")),
          false);
      return;
    }
    if (request.path().startsWith("/engine/")) {
      Answer answer = control(request);
      out.send(answer.status(), "application/json", Json.bytes(answer.body()), request.keepAlive());
      return;
    }
    if (!request.method().equals("POST")) {
      out.send(
          200,
          "text/plain",
          "healthy: podium-engine".getBytes(StandardCharsets.UTF_8),
          request.keepAlive());
      return;
    }
    String target = request.headers().get("x-amz-target");
    String operation =
        target != null && target.startsWith(TARGET_PREFIX)
            ? target.substring(TARGET_PREFIX.length())
            : target == null ? "" : target;
    try {
      answer(operation, request.body(), out.body());
      out.send(200, CONTENT_TYPE, request.keepAlive());
      return;
    } catch (DynamoError error) {
      out.send(error.status(), CONTENT_TYPE, error(error), request.keepAlive());
    } catch (RuntimeException | StackOverflowError bug) {
      bug.printStackTrace();
      DynamoError error = DynamoError.internal("Internal server error: " + bug);
      out.send(error.status(), CONTENT_TYPE, error(error), request.keepAlive());
    }
  }

  /**
   * Writes the answer to {@code operation} into {@code answer}, or throws the error DynamoDB would
   * answer.
   */
  private void answer(String operation, byte[] body, ByteArrayOutputStream answer) {
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
    Json.write(answer, operations.handle(operation, request));
    if (fault.after() != null) {
      throw fault.after();
    }
  }

  private Answer control(Request request) {
    JsonNode json = null;
    if (request.body().length > 0) {
      try {
        json = Json.mapper().readTree(request.body());
      } catch (IOException malformed) {
        return new Answer(400, Map.of("message", "malformed JSON body"));
      }
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : request.query().split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        parameters.put(
            java.net.URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
            java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
      }
    }
    return controls.handle(request.method(), request.path(), parameters, json);
  }

  private static byte[] error(DynamoError error) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("__type", error.wireType());
    body.put("message", error.getMessage());
    body.putAll(error.extra());
    return Json.bytes(body);
  }

  /**
   * A connection's output: a buffer the answers' bodies are written into (kept from one request to
   * the next, so a body is not copied as it grows, nor once more when done), and the head written
   * beside it without building a string, from parts made once.
   */
  private static final class Output {
    /**
     * A body buffer grown past this is let go after its answer, so that one large Scan does not
     * stay.
     */
    private static final int KEPT_BODY = 1024 * 1024;

    private static final byte[] JSON_OK = head(200, CONTENT_TYPE);
    private static final byte[] REQUEST_ID = ascii("\r\nx-amzn-RequestId: ");
    private static final byte[] CRC = ascii("\r\nx-amz-crc32: ");
    private static final byte[] END = ascii("\r\n\r\n");
    private static final byte[] CLOSE = ascii("\r\nConnection: close\r\n\r\n");
    private static final byte[] HEX = ascii("0123456789abcdef");

    private final BufferedOutputStream out;
    private final byte[] digits = new byte[20];
    private Body body = new Body();

    /** A ByteArrayOutputStream that lends its array. */
    private static final class Body extends ByteArrayOutputStream {
      Body() {
        super(8 * 1024);
      }

      byte[] array() {
        return buf;
      }
    }

    Output(OutputStream out) {
      this.out = new BufferedOutputStream(out, 16 * 1024);
    }

    /** The body buffer, emptied, for the next answer. */
    ByteArrayOutputStream body() {
      body.reset();
      return body;
    }

    void write(byte[] bytes) throws IOException {
      out.write(bytes);
      out.flush();
    }

    /** Sends {@code bytes} as the body. */
    void send(int status, String contentType, byte[] bytes, boolean keepAlive) throws IOException {
      send(status, contentType, bytes, bytes.length, keepAlive);
    }

    /** Sends what was written into {@link #body()}. */
    void send(int status, String contentType, boolean keepAlive) throws IOException {
      send(status, contentType, body.array(), body.size(), keepAlive);
      if (body.array().length > KEPT_BODY) {
        body = new Body();
      }
    }

    private void send(int status, String contentType, byte[] bytes, int length, boolean keepAlive)
        throws IOException {
      CRC32 crc = new CRC32();
      crc.update(bytes, 0, length);
      out.write(
          status == 200 && contentType.equals(CONTENT_TYPE) ? JSON_OK : head(status, contentType));
      decimal(length);
      out.write(REQUEST_ID);
      hex(REQUEST_IDS.incrementAndGet());
      out.write(CRC);
      decimal(crc.getValue());
      out.write(keepAlive ? END : CLOSE);
      out.write(bytes, 0, length);
      out.flush();
    }

    private void decimal(long value) throws IOException {
      int at = digits.length;
      do {
        digits[--at] = (byte) ('0' + value % 10);
        value /= 10;
      } while (value > 0);
      out.write(digits, at, digits.length - at);
    }

    private void hex(long value) throws IOException {
      int at = digits.length;
      do {
        digits[--at] = HEX[(int) (value & 15)];
        value >>>= 4;
      } while (value != 0);
      out.write(digits, at, digits.length - at);
    }

    /** A head up to the value of Content-Length. */
    private static byte[] head(int status, String contentType) {
      return ascii(
          "HTTP/1.1 "
              + status
              + " "
              + reason(status)
              + "\r\nContent-Type: "
              + contentType
              + "\r\nContent-Length: ");
    }

    private static byte[] ascii(String text) {
      return text.getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 413 -> "Request Entity Too Large";
      case 500 -> "Internal Server Error";
      default -> "Status";
    };
  }

  @Override
  public void close() {
    closed = true;
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket socket : connections) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    acceptor.interrupt();
  }
}
