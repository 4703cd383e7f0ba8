package app.podium.http;

import app.podium.shared.Secrets;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What every page route does around its code, in one place: a cross-site POST refused before
 * anything is read, the visitor's web session found from its cookie, and every POST's CSRF token
 * checked: the session's own when signed in, a double-submit token (a random cookie and the same
 * value in the form) when anonymous.
 */
public final class PageGuard {
  public static final String SESSION_COOKIE = "_podium_session";
  public static final String CSRF_COOKIE = "_podium_csrf";

  /** The hidden field of every form, as Mastodon's (Rails') forms name it. */
  public static final String CSRF_FIELD = "authenticity_token";

  /** {@link Secrets#token()}'s shape: 43 URL-safe base64 characters. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");

  static final String CROSS_SITE = "Forms of this site are posted from this site only";
  static final String BAD_TOKEN =
      "This form has expired or did not come from this site: reload the page and try again";

  private final PageSessions sessions;
  private final Settings settings;

  public PageGuard(PageSessions sessions, Settings settings) {
    this.sessions = sessions;
    this.settings = settings;
  }

  /**
   * Refuses, before the body is parsed, a state-changing request that a browser says came from
   * another site: {@code Sec-Fetch-Site: cross-site}, or an {@code Origin} that is not this site's
   * ({@code null} included). A request without either (an old browser, curl) still needs its token.
   */
  void refuseCrossSite(APIGatewayV2HTTPEvent event) {
    if (!changesState(event)) {
      return;
    }
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    if (event.getHeaders() != null) {
      headers.putAll(event.getHeaders());
    }
    String fetchSite = headers.get("sec-fetch-site");
    String origin = headers.get("origin");
    if ((fetchSite != null && fetchSite.trim().equalsIgnoreCase("cross-site"))
        || (origin != null && !origin.trim().toLowerCase(Locale.ROOT).equals(settings.origin()))) {
      throw new RequestRejected(403, CROSS_SITE);
    }
  }

  /** The visit: who is signed in, the forms' token; a POST with the wrong token is refused. */
  ApiRequest admit(APIGatewayV2HTTPEvent event, ApiRequest request) {
    Optional<PageSession> session =
        request.cookie(SESSION_COOKIE).filter(PageGuard::isToken).flatMap(sessions::find);
    Optional<String> anonymous = request.cookie(CSRF_COOKIE).filter(PageGuard::isToken);
    if (changesState(event)) {
      String sent = request.params().string(CSRF_FIELD);
      Optional<String> expected =
          session.isPresent() ? session.map(PageSession::csrfToken) : anonymous;
      if (sent == null || expected.isEmpty() || !Secrets.sameHash(expected.get(), sent)) {
        throw new RequestRejected(403, BAD_TOKEN);
      }
    }
    String csrf = session.map(PageSession::csrfToken).or(() -> anonymous).orElseGet(Secrets::token);
    return request.visiting(session, csrf);
  }

  /**
   * The answer, with the anonymous visitor's double-submit cookie set when the request had none:
   * the token its forms carry is then the cookie's.
   */
  APIGatewayV2HTTPResponse finish(ApiRequest request, APIGatewayV2HTTPResponse response) {
    if (request.session().isPresent()
        || request.cookie(CSRF_COOKIE).filter(PageGuard::isToken).isPresent()
        || request.csrfToken() == null) {
      return response;
    }
    return PageResponse.withCookies(
        response,
        List.of(
            Cookies.set(
                CSRF_COOKIE,
                request.csrfToken(),
                settings.webSessionLifetime(),
                settings.secureCookies())));
  }

  /** The session cookie of a session just begun, for the sessions' lifetime. */
  public static String sessionCookie(String sessionId, Settings settings) {
    return Cookies.set(
        SESSION_COOKIE, sessionId, settings.webSessionLifetime(), settings.secureCookies());
  }

  /** The session cookie, dropped. */
  public static String clearedSessionCookie(Settings settings) {
    return Cookies.clear(SESSION_COOKIE, settings.secureCookies());
  }

  /**
   * Anything but a read: an event without its method (built by hand) is held to the stricter rule.
   */
  private static boolean changesState(APIGatewayV2HTTPEvent event) {
    String method =
        event.getRequestContext() == null || event.getRequestContext().getHttp() == null
            ? null
            : event.getRequestContext().getHttp().getMethod();
    return method == null || !(method.equalsIgnoreCase("GET") || method.equalsIgnoreCase("HEAD"));
  }

  private static boolean isToken(String value) {
    return TOKEN.matcher(value).matches();
  }
}
