package app.podium.http;

import app.podium.pages.Stylesheet;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds what a page route answers, as {@link ApiResponse} does for the API: HTML or a 303
 * redirect, each with the pages' security headers, and cookies in API Gateway's {@code cookies}
 * list.
 */
public final class PageResponse {
  /**
   * Nothing but the inline stylesheet, same-origin images and forms that post to this site; no
   * script at all, no framing (the consent page to come must not be framed), no {@code <base>}.
   */
  public static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src "
          + Stylesheet.CSP_SOURCE
          + "; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /** What every page answer carries, an error page's too. */
  public static final Map<String, String> SECURITY_HEADERS =
      Map.of(
          "Content-Security-Policy", CONTENT_SECURITY_POLICY,
          "X-Frame-Options", "DENY",
          "Referrer-Policy", "no-referrer",
          "X-Content-Type-Options", "nosniff",
          "Cache-Control", "no-store");

  private PageResponse() {}

  public static APIGatewayV2HTTPResponse html(int status, String html) {
    return html(status, html, Map.of());
  }

  public static APIGatewayV2HTTPResponse html(
      int status, String html, Map<String, String> extraHeaders) {
    Map<String, String> headers = new LinkedHashMap<>(SECURITY_HEADERS);
    headers.put("Content-Type", "text/html; charset=utf-8");
    headers.putAll(extraHeaders);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(status)
        .withHeaders(headers)
        .withBody(html)
        .withIsBase64Encoded(false)
        .build();
  }

  /**
   * 303 See Other to a path of this site: after a form's POST the browser GETs {@code location}.
   */
  public static APIGatewayV2HTTPResponse redirect(String location) {
    Map<String, String> headers = new LinkedHashMap<>(SECURITY_HEADERS);
    headers.put("Location", location);
    return APIGatewayV2HTTPResponse.builder()
        .withStatusCode(303)
        .withHeaders(headers)
        .withBody("")
        .withIsBase64Encoded(false)
        .build();
  }

  /** The response with {@code cookies} added to those it sets already. */
  public static APIGatewayV2HTTPResponse withCookies(
      APIGatewayV2HTTPResponse response, List<String> cookies) {
    List<String> all = new ArrayList<>();
    if (response.getCookies() != null) {
      all.addAll(response.getCookies());
    }
    all.addAll(cookies);
    response.setCookies(all);
    return response;
  }
}
