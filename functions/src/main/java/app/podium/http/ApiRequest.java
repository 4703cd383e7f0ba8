package app.podium.http;

import app.podium.shared.Requester;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An API Gateway HTTP API (payload 2.0) request, read the way Mastodon reads one: parameters from
 * query and body, the caller from the authorizer context, the client's address and country from the
 * CDN's headers when the request provably came through the CDN.
 */
public final class ApiRequest {
  /**
   * Larger bodies are refused before parsing. Mastodon's own largest text field is far below this.
   */
  public static final int MAX_BODY_BYTES = 64 * 1024;

  public static final String VIEWER_ADDRESS = "cloudfront-viewer-address";
  public static final String VIEWER_COUNTRY = "cloudfront-viewer-country";

  /**
   * A text body reaches the handler already decoded, and a decoder that meets bytes that are not
   * UTF-8 puts U+FFFD in their place. The handler cannot see the bytes any more, so it refuses the
   * marker: otherwise a malformed body would be stored with its bytes silently swapped.
   */
  static final char REPLACEMENT_CHARACTER = '\uFFFD';

  static final String NOT_UTF8 = "The request body is not valid UTF-8";

  private final APIGatewayV2HTTPEvent event;
  private final Map<String, String> headers;
  private final Params params;
  private final Caller caller;
  private final Requester requester;
  private final Map<String, String> cookies;
  private final Optional<PageSession> session;
  private final String csrfToken;

  private ApiRequest(
      APIGatewayV2HTTPEvent event,
      Map<String, String> headers,
      Params params,
      Caller caller,
      Requester requester,
      Optional<PageSession> session,
      String csrfToken) {
    this.event = event;
    this.headers = headers;
    this.params = params;
    this.caller = caller;
    this.requester = requester;
    this.cookies = Cookies.parse(event.getCookies());
    this.session = session;
    this.csrfToken = csrfToken;
  }

  public static ApiRequest from(APIGatewayV2HTTPEvent event, Caller caller, Settings settings) {
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (event.getHeaders() != null) {
      headers.putAll(event.getHeaders());
    }
    Requester requester = requester(event, headers, settings);
    // measured before anything is parsed: an oversized request is refused for its size, whatever it
    // holds
    byte[] body = bodyBytes(event);
    Params query = Params.fromUrlEncoded(event.getRawQueryString());
    Params params = Params.merge(query, body(body, headers));
    return new ApiRequest(event, headers, params, caller, requester, Optional.empty(), null);
  }

  /** The same request as a page's visit ({@link PageGuard}): its session and CSRF token. */
  ApiRequest visiting(Optional<PageSession> session, String csrfToken) {
    return new ApiRequest(event, headers, params, caller, requester, session, csrfToken);
  }

  /**
   * The body's bytes (null when there is none), refused with 413 when over {@link #MAX_BODY_BYTES}.
   */
  private static byte[] bodyBytes(APIGatewayV2HTTPEvent event) {
    String raw = event.getBody();
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    if (event.getIsBase64Encoded()) {
      byte[] bytes = decodeBase64(raw);
      if (bytes.length > MAX_BODY_BYTES) {
        throw tooLarge();
      }
      return bytes;
    }
    // a text body arrives decoded; the bytes the client sent were at least as many as this counts
    if (raw.length() > MAX_BODY_BYTES || sentAtLeast(raw) > MAX_BODY_BYTES) {
      throw tooLarge();
    }
    if (raw.indexOf(REPLACEMENT_CHARACTER) >= 0) {
      throw RequestRejected.badRequest(NOT_UTF8);
    }
    return raw.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The fewest bytes the client can have sent for this text: its UTF-8 length, with each
   * replacement character counted as the single byte that is the least a decoder replaces by one.
   */
  private static long sentAtLeast(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      bytes +=
          c < 0x80 || c == REPLACEMENT_CHARACTER
              ? 1
              : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
    }
    return bytes;
  }

  private static RequestRejected tooLarge() {
    return new RequestRejected(413, "The request body is larger than " + MAX_BODY_BYTES + " bytes");
  }

  private static Params body(byte[] bytes, Map<String, String> headers) {
    if (bytes == null) {
      return Params.empty();
    }
    String contentType = headers.getOrDefault("content-type", "");
    String mediaType = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    return switch (mediaType) {
      case "application/json" -> Params.fromJson(utf8(bytes));
      case "application/x-www-form-urlencoded" -> Params.fromUrlEncoded(utf8(bytes));
      // read as bytes: each text field must be UTF-8, a skipped file part need not be
      case "multipart/form-data" -> Params.fromMultipart(bytes, contentType);
      default -> utf8(bytes).isBlank() ? Params.empty() : throw415();
    };
  }

  private static Params throw415() {
    throw new RequestRejected(
        415,
        "Unsupported content type: send application/json, application/x-www-form-urlencoded or multipart/form-data");
  }

  private static byte[] decodeBase64(String raw) {
    if (raw.length() > MAX_BODY_BYTES * 4 / 3 + 4) {
      throw tooLarge();
    }
    try {
      return Base64.getDecoder().decode(raw);
    } catch (IllegalArgumentException e) {
      throw RequestRejected.badRequest("The request body is not valid base64");
    }
  }

  private static String utf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw RequestRejected.badRequest(NOT_UTF8);
    }
  }

  /**
   * The viewer headers are trusted: with an origin secret, {@link OriginCheck} has already refused
   * requests that did not come through the CDN; without it (local stack) the headers are taken as
   * sent, and a request without them counts as coming from the connection's address and the first
   * allowed country.
   */
  private static Requester requester(
      APIGatewayV2HTTPEvent event, Map<String, String> headers, Settings settings) {
    String sourceIp =
        event.getRequestContext() != null && event.getRequestContext().getHttp() != null
            ? event.getRequestContext().getHttp().getSourceIp()
            : null;
    String address = ClientKey.of(headers.get(VIEWER_ADDRESS), sourceIp);
    String country =
        Optional.ofNullable(headers.get(VIEWER_COUNTRY))
            .map(c -> c.trim().toUpperCase(Locale.ROOT))
            .filter(c -> !c.isEmpty())
            .orElse(settings.defaultCountry());
    return new Requester(address, country);
  }

  public Params params() {
    return params;
  }

  public Caller caller() {
    return caller;
  }

  public Requester requester() {
    return requester;
  }

  /** A cookie the request sent (API Gateway's {@code cookies} list). */
  public Optional<String> cookie(String name) {
    return Optional.ofNullable(cookies.get(name));
  }

  /** On a page route, the signed-in visitor's web session; empty for an anonymous visitor. */
  public Optional<PageSession> session() {
    return session;
  }

  /**
   * On a page route, the token its forms carry: the session's when signed in, the anonymous
   * double-submit token (the same as its cookie) otherwise.
   */
  public String csrfToken() {
    return csrfToken;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name));
  }

  /** The request's path as the client sent it (without the query). */
  public String path() {
    return event.getRawPath() == null ? "/" : event.getRawPath();
  }

  /** A path parameter as API Gateway extracted it from the route's {@code {name}}. */
  public String pathParameter(String name) {
    Map<String, String> path = event.getPathParameters();
    return path == null ? null : path.get(name);
  }
}
