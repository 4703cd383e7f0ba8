package app.podium.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parity bench's lean client: DynamoDB's JSON 1.0 protocol written by hand over one HTTP/1.1
 * keep-alive socket. The request bodies are made before the run ({@link ParityBench.Bodies}), so a
 * request costs the client a few writes and a read: what the bench then measures is the server.
 * Nothing is signed; both servers accept any credentials, and DynamoDB Local only wants an
 * Authorization header to be there.
 */
final class RawWire implements AutoCloseable {
  private static final byte[] CRLF = {'\r', '\n'};

  /** An answer: the HTTP status and the body's bytes. */
  record Answer(int status, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final String host;
  private final byte[] line = new byte[8 * 1024];

  RawWire(URI endpoint) throws IOException {
    this.socket = new Socket(endpoint.getHost(), endpoint.getPort());
    socket.setTcpNoDelay(true);
    this.in = new BufferedInputStream(socket.getInputStream(), 64 * 1024);
    this.out = socket.getOutputStream();
    this.host = endpoint.getHost() + ":" + endpoint.getPort();
  }

  /**
   * The head of a request to {@code operation}, everything but its length: made once per operation
   * and side.
   */
  byte[] head(String operation) {
    return ("POST / HTTP/1.1\r\n"
            + "Host: "
            + host
            + "\r\n"
            + "Content-Type: application/x-amz-json-1.0\r\n"
            + "X-Amz-Target: DynamoDB_20120810."
            + operation
            + "\r\n"
            + "X-Amz-Date: 20261207T000000Z\r\n"
            + "Authorization: AWS4-HMAC-SHA256 Credential=parity/20261207/us-east-1/dynamodb/aws4_request, "
            + "SignedHeaders=host;x-amz-date;x-amz-target, Signature=0000000000000000000000000000000000000000000000000000"
            + "000000000000\r\n"
            + "Content-Length: ")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /**
   * One request ({@code head} from {@link #head}, then the body's parts in order) and its answer.
   */
  Answer call(byte[] head, byte[]... body) throws IOException {
    int length = 0;
    for (byte[] part : body) {
      length += part.length;
    }
    // one buffer, one write: the request leaves in one segment, as the SDK's does
    ByteArrayOutputStream request = new ByteArrayOutputStream(head.length + 16 + length);
    request.write(head);
    request.write(Integer.toString(length).getBytes(StandardCharsets.US_ASCII));
    request.write(CRLF);
    request.write(CRLF);
    for (byte[] part : body) {
      request.write(part);
    }
    request.writeTo(out);
    out.flush();
    return read();
  }

  private Answer read() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    long contentLength = -1;
    boolean chunked = false;
    String header;
    while (!(header = line()).isEmpty()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      if (name.equals("content-length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
        chunked = true;
      }
    }
    if (chunked) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int size;
      while ((size = Integer.parseInt(line().split(";")[0].trim(), 16)) > 0) {
        body.write(in.readNBytes(size));
        line();
      }
      while (!line().isEmpty()) {
        // trailers
      }
      return new Answer(status, body.toByteArray());
    }
    if (contentLength < 0) {
      throw new IOException("an answer with neither a length nor chunks: " + statusLine);
    }
    byte[] body = in.readNBytes((int) contentLength);
    if (body.length < contentLength) {
      throw new EOFException();
    }
    return new Answer(status, body);
  }

  private String line() throws IOException {
    int length = 0;
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new EOFException("the server closed the connection");
      }
      if (length == line.length) {
        throw new IOException("header line too long");
      }
      line[length++] = (byte) c;
    }
    if (length > 0 && line[length - 1] == '\r') {
      length--;
    }
    return new String(line, 0, length, StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
