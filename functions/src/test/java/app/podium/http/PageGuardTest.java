package app.podium.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.shared.Secrets;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The pages' guard, through the route handler every page function runs. */
class PageGuardTest {
  static final Settings SETTINGS =
      Settings.fromEnvironment(Map.of("PUBLIC_URL", "https://podium.example"));
  static final String SESSION = Secrets.token();
  static final String SESSION_CSRF = Secrets.token();

  final AtomicInteger served = new AtomicInteger();
  final RouteHandler handler =
      new RouteHandler(
          "SignIn",
          Access.PAGE,
          request -> {
            served.incrementAndGet();
            return PageResponse.html(200, "<p>" + request.session().isPresent() + "</p>");
          },
          OriginCheck.off(),
          SETTINGS,
          new PageGuard(
              id ->
                  id.equals(SESSION)
                      ? Optional.of(new PageSession("42", SESSION_CSRF))
                      : Optional.empty(),
              SETTINGS));

  @Test
  void aCrossSitePostIsRefusedBeforeItsBodyIsRead() {
    // a body no parser takes: reading it would answer 415, not 403
    var fromElsewhere = post(Map.of("origin", "https://evil.example", "content-type", "a/b"), "x");
    var fetchedCrossSite = post(Map.of("sec-fetch-site", "cross-site", "content-type", "a/b"), "x");

    assertThat(handler.handle(fromElsewhere).getStatusCode()).isEqualTo(403);
    assertThat(handler.handle(fetchedCrossSite).getStatusCode()).isEqualTo(403);
    assertThat(served).hasValue(0);
  }

  @Test
  void anAnonymousPostNeedsTheSameTokenInItsCookieAndItsForm() {
    String token = Secrets.token();
    var noCookie = form("authenticity_token=" + token, List.of());
    var otherCookie =
        form("authenticity_token=" + token, List.of("_podium_csrf=" + Secrets.token()));
    var matching = form("authenticity_token=" + token, List.of("_podium_csrf=" + token));

    assertThat(handler.handle(noCookie).getStatusCode()).isEqualTo(403);
    assertThat(handler.handle(otherCookie).getStatusCode()).isEqualTo(403);
    assertThat(handler.handle(matching).getStatusCode()).isEqualTo(200);
    assertThat(served).hasValue(1);
  }

  @Test
  void aSignedInPostNeedsItsSessionsTokenNotAnAnonymousOne() {
    String anonymous = Secrets.token();
    var doubleSubmit =
        form(
            "authenticity_token=" + anonymous,
            List.of("_podium_session=" + SESSION, "_podium_csrf=" + anonymous));
    var sessionToken =
        form("authenticity_token=" + SESSION_CSRF, List.of("_podium_session=" + SESSION));

    assertThat(handler.handle(doubleSubmit).getStatusCode()).isEqualTo(403);
    APIGatewayV2HTTPResponse signedIn = handler.handle(sessionToken);
    assertThat(signedIn.getStatusCode()).isEqualTo(200);
    assertThat(signedIn.getBody()).isEqualTo("<p>true</p>");
  }

  @Test
  void aFirstVisitGetsItsDoubleSubmitCookieAndEveryAnswerItsSecurityHeaders() {
    APIGatewayV2HTTPResponse page = handler.handle(event("GET", Map.of(), null, List.of()));
    APIGatewayV2HTTPResponse refused = handler.handle(form("", List.of()));

    assertThat(page.getCookies())
        .singleElement()
        .asString()
        .startsWith("_podium_csrf=")
        .contains("; HttpOnly; Secure; SameSite=Lax");
    for (APIGatewayV2HTTPResponse answer : List.of(page, refused)) {
      assertThat(answer.getHeaders())
          .containsEntry("X-Frame-Options", "DENY")
          .containsEntry("Referrer-Policy", "no-referrer")
          .containsEntry("Cache-Control", "no-store")
          .containsEntry("Content-Type", "text/html; charset=utf-8")
          .containsEntry("Content-Security-Policy", PageResponse.CONTENT_SECURITY_POLICY);
    }
    assertThat(refused.getBody()).contains("<h1>" + PageGuard.BAD_TOKEN + "</h1>");
  }

  private static APIGatewayV2HTTPEvent form(String body, List<String> cookies) {
    return event(
        "POST",
        Map.of(
            "content-type",
            "application/x-www-form-urlencoded",
            "origin",
            "https://podium.example"),
        body,
        cookies);
  }

  private static APIGatewayV2HTTPEvent post(Map<String, String> headers, String body) {
    return event("POST", headers, body, List.of());
  }

  private static APIGatewayV2HTTPEvent event(
      String method, Map<String, String> headers, String body, List<String> cookies) {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath("/auth/sign_in")
        .withHeaders(new HashMap<>(headers))
        .withCookies(cookies.isEmpty() ? null : new ArrayList<>(cookies))
        .withBody(body)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId("r")
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(method)
                        .withSourceIp("192.0.2.1")
                        .build())
                .build())
        .build();
  }
}
