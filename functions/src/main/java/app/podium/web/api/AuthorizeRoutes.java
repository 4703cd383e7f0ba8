package app.podium.web.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.ACCOUNTS;
import static app.podium.Tables.APPS;
import static app.podium.Tables.OAUTH_CODES;
import static app.podium.Tables.WEB_SESSIONS;
import static app.podium.http.Access.PAGE;
import static app.podium.http.Access.PUBLIC;

import app.podium.accounts.Account;
import app.podium.apps.Authorization;
import app.podium.apps.AuthorizationService;
import app.podium.apps.Pkce;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.PageGuard;
import app.podium.http.PageResponse;
import app.podium.http.Params;
import app.podium.http.Route;
import app.podium.pages.Pages;
import app.podium.shared.Scopes;
import app.podium.shared.Settings;
import app.podium.web.WebSessionService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The authorization-code grant's pages ({@code /oauth/authorize}: sign in, consent, the code) and
 * the authorization server's metadata (RFC 8414, as Mastodon 4.3 serves it).
 */
public record AuthorizeRoutes(
    AuthorizationService authorizations, WebSessionService sessions, Settings settings) {
  private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

  public static final List<Route<AuthorizeRoutes>> ALL =
      List.of(
          // the visitor's session and member, the app and its redirect URIs; force_login ends the
          // session
          Route.get(
              "/oauth/authorize",
              "AuthorizePage",
              PAGE,
              grants().readWrite(WEB_SESSIONS).read(ACCOUNTS).read(APPS),
              AuthorizeRoutes::authorizePage),
          // the same checks again (the form's fields are the visitor's), then a new code
          Route.post(
              "/oauth/authorize",
              "Authorize",
              PAGE,
              grants().read(WEB_SESSIONS).read(ACCOUNTS).read(APPS).write(OAUTH_CODES),
              AuthorizeRoutes::authorize),
          Route.get(
              "/.well-known/oauth-authorization-server",
              "OAuthServerMetadata",
              PUBLIC,
              grants(),
              AuthorizeRoutes::metadata));

  /**
   * {@code GET /oauth/authorize}: a bad client or redirect URI is an error page; any other bad
   * request goes back to the app; a visitor who is not signed in (or whom the app asks to sign in
   * again, {@code force_login}) signs in first and comes back; a member sees the consent page.
   */
  APIGatewayV2HTTPResponse authorizePage(ApiRequest request) {
    Params params = request.params();
    Authorization checked = check(params);
    if (!(checked instanceof Authorization.Request asked)) {
      return refused((Authorization.Refused) checked);
    }
    boolean forceLogin = params.bool("force_login").orElse(false);
    APIGatewayV2HTTPResponse signIn =
        PageResponse.redirect("/auth/sign_in?return_to=" + enc(returnPath(asked)));
    if (forceLogin) {
      request.cookie(PageGuard.SESSION_COOKIE).ifPresent(sessions::signOut);
      return PageResponse.withCookies(signIn, List.of(PageGuard.clearedSessionCookie(settings)));
    }
    if (request.session().isEmpty()) {
      return signIn;
    }
    Account member = sessions.member(request.session().get().accountId());
    String html =
        Pages.consent(
            asked.app().name(),
            asked.app().website(),
            asked.scopes().values().stream().sorted().toList(),
            member.username(),
            fields(asked),
            request.csrfToken());
    return PageResponse.html(200, html, Map.of("Content-Security-Policy", consentPolicy(asked)));
  }

  /**
   * {@code POST /oauth/authorize}: the member's answer. Approving issues a code, sent to the app's
   * redirect URI with the state (or shown on a page, out of band); denying sends {@code
   * access_denied}.
   */
  APIGatewayV2HTTPResponse authorize(ApiRequest request) {
    Authorization checked = check(request.params());
    if (!(checked instanceof Authorization.Request asked)) {
      return refused((Authorization.Refused) checked);
    }
    if (request.session().isEmpty()) {
      return PageResponse.redirect("/auth/sign_in?return_to=" + enc(returnPath(asked)));
    }
    if (!"approve".equals(request.params().string("decision"))) {
      return refused(authorizations.deny(asked));
    }
    String accountId = sessions.member(request.session().get().accountId()).id();
    String code = authorizations.approve(asked, accountId);
    if (asked.outOfBand()) {
      return PageResponse.html(200, Pages.authorizationCode(asked.app().name(), code));
    }
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("code", code);
    answer.put("state", asked.state());
    return PageResponse.redirect(withQuery(asked.redirectUri(), answer));
  }

  /**
   * {@code GET /.well-known/oauth-authorization-server}: RFC 8414 metadata, Mastodon 4.3's shape.
   */
  APIGatewayV2HTTPResponse metadata(ApiRequest request) {
    String origin = settings.origin();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("issuer", origin + "/");
    body.put("service_documentation", "https://docs.joinmastodon.org/");
    body.put("authorization_endpoint", origin + "/oauth/authorize");
    body.put("token_endpoint", origin + "/oauth/token");
    body.put("app_registration_endpoint", origin + "/api/v1/apps");
    body.put("revocation_endpoint", origin + "/oauth/revoke");
    body.put("scopes_supported", Scopes.supported());
    body.put("response_types_supported", List.of("code"));
    body.put("response_modes_supported", List.of("query"));
    body.put("code_challenge_methods_supported", List.of(Pkce.S256));
    body.put(
        "grant_types_supported", List.of("authorization_code", "password", "client_credentials"));
    body.put("token_endpoint_auth_methods_supported", List.of("client_secret_post"));
    return ApiResponse.ok(body);
  }

  private Authorization check(Params params) {
    return authorizations.check(
        params.string("response_type"),
        params.string("client_id"),
        params.string("redirect_uri"),
        params.string("scope"),
        params.string("state"),
        params.string("code_challenge"),
        params.string("code_challenge_method"));
  }

  /** The app hears the refusal at its redirect URI, with the state it sent. */
  private static APIGatewayV2HTTPResponse refused(Authorization.Refused refused) {
    Map<String, String> answer = new LinkedHashMap<>();
    answer.put("error", refused.error());
    answer.put("error_description", refused.description());
    answer.put("state", refused.state());
    return PageResponse.redirect(withQuery(refused.redirectUri(), answer));
  }

  /** The checked request as form fields (and query parameters): what it was, as it was checked. */
  private static Map<String, String> fields(Authorization.Request asked) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("response_type", "code");
    fields.put("client_id", asked.app().clientId());
    fields.put("redirect_uri", asked.redirectUri());
    fields.put("scope", asked.scopes().text());
    if (asked.state() != null) {
      fields.put("state", asked.state());
    }
    if (asked.codeChallenge() != null) {
      fields.put("code_challenge", asked.codeChallenge());
      fields.put("code_challenge_method", asked.codeChallengeMethod());
    }
    return fields;
  }

  /** Where sign-in comes back to: this request, without {@code force_login} (it was obeyed). */
  private static String returnPath(Authorization.Request asked) {
    return withQuery("/oauth/authorize", fields(asked));
  }

  /**
   * The pages' policy, with the app's redirect URI's origin added to {@code form-action}: browsers
   * hold the consent form's redirect to it, and the app's own scheme ({@code myapp:}) too.
   */
  private static String consentPolicy(Authorization.Request asked) {
    String policy = PageResponse.CONTENT_SECURITY_POLICY;
    return redirectSource(asked.redirectUri())
        .map(source -> policy.replace("form-action 'self'", "form-action 'self' " + source))
        .orElse(policy);
  }

  static Optional<String> redirectSource(String redirectUri) {
    try {
      URI uri = new URI(redirectUri);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if (!SCHEME.matcher(scheme).matches() || uri.isOpaque()) {
        return Optional.empty();
      }
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return Optional.of(scheme + ":");
      }
      if (uri.getHost() == null) {
        return Optional.empty();
      }
      return Optional.of(
          scheme + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** {@code uri} with {@code parameters} (those not null) added to its query. */
  static String withQuery(String uri, Map<String, String> parameters) {
    StringBuilder out = new StringBuilder(uri);
    char separator = uri.contains("?") ? '&' : '?';
    for (var parameter : parameters.entrySet()) {
      if (parameter.getValue() != null) {
        out.append(separator).append(enc(parameter.getKey())).append('=');
        out.append(enc(parameter.getValue()));
        separator = '&';
      }
    }
    return out.toString();
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
