package app.podium.web.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.ACCOUNTS;
import static app.podium.Tables.RATE_LIMITS;
import static app.podium.Tables.UNIQUE_KEYS;
import static app.podium.Tables.WEB_SESSIONS;
import static app.podium.http.Access.PAGE;

import app.podium.Grants;
import app.podium.accounts.Account;
import app.podium.http.ApiRequest;
import app.podium.http.PageGuard;
import app.podium.http.PageResponse;
import app.podium.http.PageSession;
import app.podium.http.PageSessions;
import app.podium.http.Route;
import app.podium.pages.Pages;
import app.podium.shared.Settings;
import app.podium.web.ReturnPath;
import app.podium.web.SignIn;
import app.podium.web.WebSessionService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The web pages' sign-in: the sign-in page and form, signing out, and the member's settings. */
public record WebRoutes(WebSessionService sessions, Settings settings) {
  /**
   * Every page looks its visitor's session up ({@link PageGuard}): the session by its id's hash,
   * then its member (a suspended member's session is dead).
   */
  static final Grants VISITOR = grants().read(WEB_SESSIONS).read(ACCOUNTS);

  static final String BAD_CREDENTIALS = "Invalid username, email or password.";
  static final String INCOMPLETE = "Enter your username or email and your password.";

  public static final List<Route<WebRoutes>> ALL =
      List.of(
          Route.get("/auth/sign_in", "SignInPage", PAGE, VISITOR, WebRoutes::signInPage),
          // the password grant's check and login limit (unique keys, account, rate limits), then
          // a new session
          Route.post(
              "/auth/sign_in",
              "SignIn",
              PAGE,
              grants().readWrite(WEB_SESSIONS).read(ACCOUNTS).read(UNIQUE_KEYS).write(RATE_LIMITS),
              WebRoutes::signIn),
          Route.post(
              "/auth/sign_out",
              "SignOut",
              PAGE,
              grants().readWrite(WEB_SESSIONS).read(ACCOUNTS),
              WebRoutes::signOut),
          Route.get("/settings", "SettingsPage", PAGE, VISITOR, WebRoutes::settingsPage));

  /** The sessions as the pages' guard finds them. */
  public static PageSessions visitors(WebSessionService sessions) {
    return id -> sessions.find(id).map(s -> new PageSession(s.accountId(), s.csrfToken()));
  }

  /**
   * {@code GET /auth/sign_in}: the form; a signed-in member goes straight to where they were going.
   */
  APIGatewayV2HTTPResponse signInPage(ApiRequest request) {
    String returnTo = request.params().string("return_to");
    if (request.session().isPresent()) {
      return PageResponse.redirect(ReturnPath.orDefault(returnTo));
    }
    return PageResponse.html(
        200, Pages.signIn("", ReturnPath.local(returnTo).orElse(null), request.csrfToken(), null));
  }

  /**
   * {@code POST /auth/sign_in}: a new session and its cookie, then 303 to the return path; wrong
   * credentials show the form again with one message for an unknown user and a wrong password.
   */
  APIGatewayV2HTTPResponse signIn(ApiRequest request) {
    var params = request.params();
    String login = params.string("username");
    String returnTo = ReturnPath.local(params.string("return_to")).orElse(null);
    SignIn outcome =
        sessions.signIn(
            login,
            params.string("password"),
            request.requester().address(),
            request.cookie(PageGuard.SESSION_COOKIE).orElse(null));
    return switch (outcome) {
      case SignIn.Started started ->
          PageResponse.withCookies(
              PageResponse.redirect(returnTo == null ? ReturnPath.DEFAULT : returnTo),
              List.of(PageGuard.sessionCookie(started.sessionId(), settings)));
      case SignIn.Refused refused ->
          PageResponse.html(
              401, Pages.signIn(login, returnTo, request.csrfToken(), BAD_CREDENTIALS));
      case SignIn.Incomplete incomplete ->
          PageResponse.html(
              422,
              Pages.signIn(login == null ? "" : login, returnTo, request.csrfToken(), INCOMPLETE));
    };
  }

  /** {@code POST /auth/sign_out}: the session ends on the server, and its cookie is dropped. */
  APIGatewayV2HTTPResponse signOut(ApiRequest request) {
    request.cookie(PageGuard.SESSION_COOKIE).ifPresent(sessions::signOut);
    return PageResponse.withCookies(
        PageResponse.redirect("/auth/sign_in"), List.of(PageGuard.clearedSessionCookie(settings)));
  }

  /** {@code GET /settings}: the signed-in member's page; anyone else is sent to sign in first. */
  APIGatewayV2HTTPResponse settingsPage(ApiRequest request) {
    if (request.session().isEmpty()) {
      return PageResponse.redirect(
          "/auth/sign_in?return_to=" + URLEncoder.encode(request.path(), StandardCharsets.UTF_8));
    }
    Account member = sessions.member(request.session().get().accountId());
    return PageResponse.html(
        200,
        Pages.settings(
            member.displayName().isEmpty() ? member.username() : member.displayName(),
            member.username(),
            request.csrfToken()));
  }
}
