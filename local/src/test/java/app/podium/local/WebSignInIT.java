package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.http.PageResponse;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Feeds;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.WebBrowser;
import app.podium.local.support.WebBrowser.Page;
import app.podium.shared.Secrets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signing in and out on the pages, over HTTP against the local stack (route, guard, service,
 * DynamoDB), as a browser without JavaScript does: the sign-in form, its CSRF token and the pages'
 * security headers; a session cookie that opens {@code /settings} and nothing else opens; signing
 * out that ends the session on the server; cross-site and token-less posts refused; no open
 * redirect; and the password grant's login limit shared with the page.
 */
@PodiumIT(
    settings = {
      "LOGIN_RATE_LIMIT",
      "" + WebSignInIT.LOGIN_LIMIT,
      "LOGIN_RATE_WINDOW_SECONDS",
      "86400"
    })
class WebSignInIT {
  static final int LOGIN_LIMIT = 5;
  static final String PASSWORD = "correct horse battery";

  static LocalStack stack;
  static Podium podium;
  static ApiClient api;
  @PodiumIT.Admin static String admin;

  @PodiumIT.Member("webalice")
  static Feeds.Member alice;

  @PodiumIT.Member("webbob")
  static Feeds.Member bob;

  @PodiumIT.Member("webcarol")
  static Feeds.Member carol;

  /** One browser, with a client address of its own (so each test counts its own sign-ins). */
  static final class Browser extends WebBrowser {
    Browser() {
      super(stack.url());
    }

    Page signIn(String login, String password) {
      return signIn(login, password, null);
    }
  }

  static String enc(String value) {
    return WebBrowser.enc(value);
  }

  static int sessions() {
    return podium.count(Tables.WEB_SESSIONS);
  }

  @Test
  void theFormCarriesItsTokenAndEveryPageItsSecurityHeaders() {
    Browser browser = new Browser();
    Page form = browser.get("/auth/sign_in");

    assertThat(form.status()).isEqualTo(200);
    assertThat(form.header("content-type")).contains("text/html; charset=utf-8");
    assertThat(form.header("content-security-policy"))
        .contains(PageResponse.CONTENT_SECURITY_POLICY);
    assertThat(form.header("content-security-policy").orElseThrow())
        .startsWith("default-src 'none'; style-src 'sha256-")
        .endsWith(
            "; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'");
    assertThat(form.header("x-frame-options")).contains("DENY");
    assertThat(form.header("referrer-policy")).contains("no-referrer");
    assertThat(form.header("cache-control")).contains("no-store");
    // the anonymous form's token is its double-submit cookie's value
    assertThat(form.cookieValue("_podium_csrf")).contains(form.csrfField());
    assertThat(form.setCookie("_podium_csrf").orElseThrow())
        .contains("; Path=/")
        .contains("; HttpOnly")
        .contains("; SameSite=Lax")
        // the local stack serves plain http (PUBLIC_URL), where a browser would drop a Secure
        // cookie
        .doesNotContain("Secure");
    assertThat(form.body())
        .contains("<label for=\"username\">")
        .contains("autocomplete=\"current-password\"");
  }

  @Test
  void aWrongPasswordShowsTheFormAgainAndWritesNoSession() {
    Browser browser = new Browser();
    int before = sessions();

    Page wrong = browser.signIn(alice.username(), "not the password");
    Page unknown = browser.signIn("nobody-" + Podium.freshAddress(), PASSWORD);

    for (Page page : List.of(wrong, unknown)) {
      assertThat(page.status()).as(page.toString()).isEqualTo(401);
      assertThat(page.body()).contains("Invalid username, email or password.");
      assertThat(page.setCookie("_podium_session")).isEmpty();
      assertThat(page.csrfField()).isEqualTo(browser.cookies.get("_podium_csrf"));
    }
    assertThat(sessions()).isEqualTo(before);
  }

  @Test
  void theRightPasswordSetsACookieThatOpensSettings() {
    Browser browser = new Browser();
    Page away = browser.get("/settings");
    assertThat(away.status()).isEqualTo(303);
    assertThat(away.header("location")).contains("/auth/sign_in?return_to=%2Fsettings");
    int before = sessions();

    Page signedIn = browser.signIn(alice.username(), PASSWORD);

    assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(303);
    assertThat(signedIn.header("location")).contains("/settings");
    String cookie = signedIn.setCookie("_podium_session").orElseThrow();
    assertThat(cookie).contains("; Path=/").contains("; HttpOnly").contains("; SameSite=Lax");
    assertThat(cookie).contains("; Max-Age=" + Duration.ofDays(30).toSeconds());
    assertThat(sessions()).isEqualTo(before + 1);
    Page settings = browser.get("/settings");
    assertThat(settings.status()).as(settings.toString()).isEqualTo(200);
    assertThat(settings.body()).contains("&#64;" + alice.username()).contains("Sign out");
    // the table holds the id's hash, never the id the cookie carries
    String id = browser.cookies.get("_podium_session");
    assertThat(storedHashes()).contains(Secrets.sha256(id)).doesNotContain(id);
    // a signed-in member who opens the sign-in page goes on to where they were going
    assertThat(browser.get("/auth/sign_in").header("location")).contains("/settings");
  }

  @Test
  void noCookieButTheOneIssuedOpensAMembersPage() {
    Browser alices = new Browser();
    assertThat(alices.signIn(alice.username(), PASSWORD).status()).isEqualTo(303);
    String id = alices.cookies.get("_podium_session");
    String flipped = (id.charAt(0) == 'A' ? "B" : "A") + id.substring(1);

    for (String forged : List.of(Secrets.token(), flipped, Secrets.sha256(id), id + "x")) {
      Browser forger = new Browser();
      forger.cookies.put("_podium_session", forged);
      assertThat(forger.get("/settings").status()).as(forged).isEqualTo(303);
    }
    // bob signs in from alice's browser: the session becomes bob's, and shows bob
    Page settings = alices.get("/settings");
    Map<String, String> form =
        Map.of(
            "authenticity_token", settings.csrfField(),
            "username", bob.username(),
            "password", PASSWORD);
    assertThat(alices.post("/auth/sign_in", form).status()).isEqualTo(303);
    assertThat(alices.get("/settings").body())
        .contains("&#64;" + bob.username())
        .doesNotContain("&#64;" + alice.username());
    // a new id at each sign-in, and the one it replaces ends: an id planted before opens nothing
    Browser planted = new Browser();
    planted.cookies.put("_podium_session", id);
    assertThat(planted.get("/settings").status()).isEqualTo(303);
  }

  @Test
  void signingOutEndsTheSessionOnTheServer() {
    Browser browser = new Browser();
    assertThat(browser.signIn(alice.username(), PASSWORD).status()).isEqualTo(303);
    String oldCookie = browser.cookies.get("_podium_session");
    Page settings = browser.get("/settings");
    int before = sessions();

    Page out = browser.post("/auth/sign_out", Map.of("authenticity_token", settings.csrfField()));

    assertThat(out.status()).as(out.toString()).isEqualTo(303);
    assertThat(out.header("location")).contains("/auth/sign_in");
    assertThat(out.setCookie("_podium_session").orElseThrow()).startsWith("_podium_session=;");
    assertThat(sessions()).isEqualTo(before - 1);
    assertThat(storedHashes()).doesNotContain(Secrets.sha256(oldCookie));
    // the old cookie, kept by someone who copied it, opens nothing any more
    Browser copy = new Browser();
    copy.cookies.put("_podium_session", oldCookie);
    assertThat(copy.get("/settings").status()).isEqualTo(303);
  }

  @Test
  void aSignOutWithoutTheSessionsTokenIsRefusedAndEndsNothing() {
    Browser browser = new Browser();
    assertThat(browser.signIn(alice.username(), PASSWORD).status()).isEqualTo(303);
    int before = sessions();

    Page forged = browser.post("/auth/sign_out", Map.of("authenticity_token", Secrets.token()));

    assertThat(forged.status()).isEqualTo(403);
    assertThat(forged.header("content-type")).contains("text/html; charset=utf-8");
    assertThat(forged.header("x-frame-options")).contains("DENY");
    assertThat(sessions()).isEqualTo(before);
    assertThat(browser.get("/settings").status()).isEqualTo(200);
  }

  @Test
  void aCrossSitePostIsRefusedEvenWithGoodCredentialsAndToken() {
    int before = sessions();
    for (Map<String, String> crossSite :
        List.of(
            Map.of("Origin", "https://evil.example"),
            Map.of("Origin", "null"),
            Map.of("Sec-Fetch-Site", "cross-site"))) {
      Browser browser = new Browser();
      String token = browser.get("/auth/sign_in").csrfField();
      Page refused =
          browser.post(
              "/auth/sign_in",
              Map.of(
                  "authenticity_token", token, "username", alice.username(), "password", PASSWORD),
              crossSite);
      assertThat(refused.status()).as(crossSite.toString()).isEqualTo(403);
      assertThat(refused.setCookie("_podium_session")).isEmpty();
    }
    assertThat(sessions()).isEqualTo(before);
  }

  @Test
  void anAnonymousPostWithoutTheDoubleSubmitTokenIsRefused() {
    int before = sessions();
    Browser noCookie = new Browser();
    Browser noField = new Browser();
    String token = noField.get("/auth/sign_in").csrfField();
    Map<String, String> credentials = Map.of("username", alice.username(), "password", PASSWORD);

    Page withoutCookie =
        noCookie.post(
            "/auth/sign_in",
            Map.of(
                "authenticity_token", token, "username", alice.username(), "password", PASSWORD));
    Page withoutField = noField.post("/auth/sign_in", credentials);

    assertThat(withoutCookie.status()).isEqualTo(403);
    assertThat(withoutField.status()).isEqualTo(403);
    assertThat(sessions()).isEqualTo(before);
  }

  @Test
  void aReturnPathToAnotherSiteIsIgnored() {
    Browser browser = new Browser();
    Page form = browser.get("/auth/sign_in?return_to=" + enc("https://evil.example/"));
    assertThat(form.body()).doesNotContain("evil.example").doesNotContain("return_to");

    Page away = browser.signIn(alice.username(), PASSWORD, "https://evil.example/");
    assertThat(away.header("location")).contains("/settings");
    Browser other = new Browser();
    Page schemeRelative = other.signIn(alice.username(), PASSWORD, "//evil.example/x");
    assertThat(schemeRelative.header("location")).contains("/settings");
    // a path of this site is where the member goes back to
    Browser local = new Browser();
    Page back = local.signIn(alice.username(), PASSWORD, "/settings?tab=profile");
    assertThat(back.header("location")).contains("/settings?tab=profile");
  }

  @Test
  void aSuspendedMembersSessionIsDead() {
    Browser browser = new Browser();
    assertThat(browser.signIn(carol.username(), PASSWORD).status()).isEqualTo(303);
    assertThat(browser.get("/settings").status()).isEqualTo(200);

    podium.adminAction(admin, carol.id(), Map.of("type", "suspend")).expect(200);

    assertThat(browser.get("/settings").status()).isEqualTo(303);
    Page again = new Browser().signIn(carol.username(), PASSWORD);
    assertThat(again.status()).isEqualTo(403);
    assertThat(again.setCookie("_podium_session")).isEmpty();
  }

  @Test
  void failedSignInsCountAgainstThePasswordGrantsLimit() {
    Browser browser = new Browser();
    for (int i = 0; i < LOGIN_LIMIT; i++) {
      assertThat(browser.signIn(alice.username(), "wrong " + i).status()).isEqualTo(401);
    }

    Page limited = browser.signIn(alice.username(), PASSWORD);
    var grant =
        api.post("/oauth/token")
            .header("CloudFront-Viewer-Address", browser.address + ":4000")
            .form(
                Podium.passwordGrant(
                    alice.username(), PASSWORD, podium.clientId, podium.clientSecret, "read"))
            .send();

    assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
    assertThat(limited.header("retry-after")).isPresent();
    assertThat(limited.header("content-type")).contains("text/html; charset=utf-8");
    assertThat(limited.setCookie("_podium_session")).isEmpty();
    assertThat(grant.status()).as(grant.toString()).isEqualTo(429);
    assertThat(grant.field("error")).isEqualTo("Too many requests");
  }

  /** The id hashes web_sessions holds, read straight from the table. */
  static List<String> storedHashes() {
    String table = Tables.WEB_SESSIONS.physicalName(stack.backend().settings().tablePrefix());
    return stack.dynamoDbClient().scan(r -> r.tableName(table)).items().stream()
        .map(item -> item.get("id_hash").s())
        .toList();
  }
}
