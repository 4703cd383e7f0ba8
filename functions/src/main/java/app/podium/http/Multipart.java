package app.podium.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A {@code multipart/form-data} body (RFC 7578) read into text fields, the way Rails hands them to
 * Mastodon ({@link Params} reads {@code name[]} as a list). Clients such as masto send sign-up and
 * profile forms this way. File parts (those with a {@code filename}) are skipped: Podium takes no
 * uploads yet.
 *
 * <p>The body is already bounded by {@link ApiRequest#MAX_BODY_BYTES}, so the parser works on the
 * whole byte array. Anything malformed (no or bad boundary, no closing delimiter, a part without
 * headers or without a {@code form-data} name, a text field that is not UTF-8) is a 400.
 */
final class Multipart {
  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

  private Multipart() {}

  static Map<String, List<String>> parse(byte[] body, String contentType) {
    byte[] delimiter = ("--" + boundary(contentType)).getBytes(StandardCharsets.US_ASCII);
    Map<String, List<String>> values = new LinkedHashMap<>();
    // the first delimiter starts the body or follows the preamble's CRLF
    int at = startsWith(body, 0, delimiter) ? 0 : indexOf(body, concat(CRLF, delimiter), 0);
    if (at < 0) {
      throw malformed("no boundary delimiter");
    }
    at = at == 0 ? delimiter.length : at + CRLF.length + delimiter.length;
    byte[] nextDelimiter = concat(CRLF, delimiter);
    while (true) {
      if (startsWith(body, at, new byte[] {'-', '-'})) {
        return values; // the close delimiter; what follows is the epilogue
      }
      while (at < body.length && (body[at] == ' ' || body[at] == '\t')) {
        at++; // transport padding
      }
      if (!startsWith(body, at, CRLF)) {
        throw malformed("a boundary delimiter is not followed by CRLF");
      }
      at += CRLF.length;
      int headersEnd = startsWith(body, at, CRLF) ? at : indexOf(body, HEADER_END, at);
      if (headersEnd < 0) {
        throw malformed("a part's headers do not end");
      }
      String headers = text(body, at, headersEnd);
      int contentStart = headersEnd == at ? at + CRLF.length : headersEnd + HEADER_END.length;
      int contentEnd = indexOf(body, nextDelimiter, contentStart);
      if (contentEnd < 0) {
        throw malformed("the closing boundary is missing");
      }
      field(headers, body, contentStart, contentEnd, values);
      at = contentEnd + nextDelimiter.length;
    }
  }

  private static void field(
      String headers, byte[] body, int from, int to, Map<String, List<String>> values) {
    String disposition = null;
    for (String line : headers.split("\r\n")) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        if (line.isEmpty()) {
          continue;
        }
        throw malformed("a part header has no name");
      }
      if (line.substring(0, colon).trim().equalsIgnoreCase("content-disposition")) {
        disposition = line.substring(colon + 1).trim();
      }
    }
    if (disposition == null) {
      throw malformed("a part has no Content-Disposition");
    }
    Map<String, String> parameters = new LinkedHashMap<>();
    String type = headerParameters(disposition, parameters);
    String name = parameters.get("name");
    if (!type.equalsIgnoreCase("form-data") || name == null || name.isEmpty()) {
      throw malformed("a part is not a named form-data field");
    }
    if (parameters.containsKey("filename")) {
      return; // uploads are not taken; the field is left out
    }
    // name[] stays as sent: Params reads it as a list
    values.computeIfAbsent(name, n -> new ArrayList<>()).add(text(body, from, to));
  }

  /** The boundary parameter of the Content-Type: 1 to 70 characters (RFC 2046), quoted or not. */
  static String boundary(String contentType) {
    Map<String, String> parameters = new LinkedHashMap<>();
    headerParameters(contentType, parameters);
    String boundary = parameters.get("boundary");
    if (boundary == null
        || boundary.isEmpty()
        || boundary.length() > 70
        || boundary.endsWith(" ")
        || !boundary.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
      throw malformed("the Content-Type has no valid boundary");
    }
    return boundary;
  }

  /**
   * Reads {@code value; a=b; c="d \"e\""} into the parameters (names lower-cased); answers the
   * value.
   */
  private static String headerParameters(String header, Map<String, String> parameters) {
    int semicolon = header.indexOf(';');
    String value = (semicolon < 0 ? header : header.substring(0, semicolon)).trim();
    int i = semicolon < 0 ? header.length() : semicolon + 1;
    while (i < header.length()) {
      while (i < header.length()
          && (header.charAt(i) == ' ' || header.charAt(i) == '\t' || header.charAt(i) == ';')) {
        i++;
      }
      int eq = header.indexOf('=', i);
      if (i >= header.length()) {
        break;
      }
      if (eq < 0) {
        throw malformed("a header parameter has no value");
      }
      String name = header.substring(i, eq).trim().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder parameter = new StringBuilder();
      if (i < header.length() && header.charAt(i) == '"') {
        i++;
        boolean closed = false;
        while (i < header.length()) {
          char c = header.charAt(i++);
          if (c == '\\' && i < header.length()) {
            parameter.append(header.charAt(i++));
          } else if (c == '"') {
            closed = true;
            break;
          } else {
            parameter.append(c);
          }
        }
        if (!closed) {
          throw malformed("a quoted header parameter does not end");
        }
      } else {
        while (i < header.length() && header.charAt(i) != ';') {
          parameter.append(header.charAt(i++));
        }
      }
      parameters.putIfAbsent(name, parameter.toString().trim());
    }
    return value;
  }

  private static String text(byte[] body, int from, int to) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(body, from, to - from))
          .toString();
    } catch (CharacterCodingException e) {
      throw RequestRejected.badRequest(ApiRequest.NOT_UTF8);
    }
  }

  private static RequestRejected malformed(String why) {
    return RequestRejected.badRequest("The multipart body is malformed: " + why);
  }

  private static boolean startsWith(byte[] body, int at, byte[] prefix) {
    if (at < 0 || at + prefix.length > body.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (body[at + i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] body, byte[] needle, int from) {
    for (int i = Math.max(0, from); i + needle.length <= body.length; i++) {
      if (startsWith(body, i, needle)) {
        return i;
      }
    }
    return -1;
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] both = new byte[a.length + b.length];
    System.arraycopy(a, 0, both, 0, a.length);
    System.arraycopy(b, 0, both, a.length, b.length);
    return both;
  }
}
