package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Feeds;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.WebBrowser;
import app.podium.local.support.WebBrowser.Page;
import app.podium.shared.Secrets;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The authorization-code grant with PKCE over HTTP on the local stack, as an app and a browser
 * without JavaScript run it: the app registers its redirect URI, sends the member to {@code
 * /oauth/authorize}, the member signs in on the page and approves, the app gets a code and its
 * state at the redirect URI and exchanges the code with its verifier for a token. Then every way
 * the grant refuses: a reused code, a wrong or missing verifier, two exchanges of one code at once,
 * another client's code, a redirect URI the app did not register, a denial, a scope the app does
 * not have; and the out-of-band page.
 */
@PodiumIT
class OAuthAuthorizationCodeIT {
  static final String PASSWORD = "correct horse battery";
  static final String REDIRECT = "https://app.example/callback";

  static LocalStack stack;
  static Podium podium;
  static ApiClient api;

  @PodiumIT.Member("oauthalice")
  static Feeds.Member alice;

  /** A registered app: its credentials as registration answered them. */
  record App(String clientId, String clientSecret) {}

  /** An authorization the app asks for: its state and its PKCE verifier. */
  record Ask(String state, String verifier) {
    static Ask fresh() {
      return new Ask(Secrets.token(), Secrets.token() + Secrets.token());
    }

    String challenge() {
      try {
        return Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                MessageDigest.getInstance("SHA-256")
                    .digest(verifier.getBytes(StandardCharsets.US_ASCII)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new AssertionError(e);
      }
    }
  }

  static App register(String redirectUris, String scopes) {
    var created =
        api.post("/api/v1/apps")
            .form(
                Map.of("client_name", "Test App", "redirect_uris", redirectUris, "scopes", scopes))
            .send()
            .expect(200);
    return new App(created.field("client_id"), created.field("client_secret"));
  }

  static String authorizePath(App app, String redirectUri, String scope, Ask ask) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("response_type", "code");
    query.put("client_id", app.clientId());
    query.put("redirect_uri", redirectUri);
    query.put("scope", scope);
    query.put("state", ask.state());
    query.put("code_challenge", ask.challenge());
    query.put("code_challenge_method", "S256");
    StringBuilder path = new StringBuilder("/oauth/authorize");
    char separator = '?';
    for (var e : query.entrySet()) {
      path.append(separator).append(e.getKey()).append('=').append(WebBrowser.enc(e.getValue()));
      separator = '&';
    }
    return path.toString();
  }

  /** A browser with alice signed in. */
  static WebBrowser signedIn() {
    WebBrowser browser = new WebBrowser(stack.url());
    Page signedIn = browser.signIn(alice.username(), PASSWORD, null);
    assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(303);
    return browser;
  }

  /** Posts the consent page's form with the member's {@code decision}. */
  static Page decide(WebBrowser browser, Page consent, String decision) {
    assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
    Map<String, String> form = new LinkedHashMap<>();
    form.put("authenticity_token", consent.csrfField());
    for (String field :
        List.of(
            "response_type",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
            "code_challenge",
            "code_challenge_method")) {
      consent.hiddenField(field).ifPresent(value -> form.put(field, unescape(value)));
    }
    form.put("decision", decision);
    return browser.post("/oauth/authorize", form);
  }

  /** The code a signed-in member's approval sends to {@link #REDIRECT}. */
  static String approvedCode(App app, Ask ask) {
    WebBrowser browser = signedIn();
    Page approved =
        decide(browser, browser.get(authorizePath(app, REDIRECT, "read", ask)), "approve");
    Map<String, String> answer = redirectedTo(approved, REDIRECT);
    assertThat(answer).containsEntry("state", ask.state());
    return answer.get("code");
  }

  /** The query of the redirect to {@code redirectUri} the page answered. */
  static Map<String, String> redirectedTo(Page page, String redirectUri) {
    assertThat(page.status()).as(page.toString()).isEqualTo(303);
    String location = page.header("location").orElseThrow();
    assertThat(location).startsWith(redirectUri + "?");
    Map<String, String> query = new HashMap<>();
    for (String pair : URI.create(location).getRawQuery().split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(dec(kv[0]), dec(kv[1]));
    }
    return query;
  }

  static ApiClient.Response exchange(App app, String code, String redirectUri, String verifier) {
    Map<String, String> form = new HashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("client_id", app.clientId());
    form.put("client_secret", app.clientSecret());
    form.put("code", code);
    form.put("redirect_uri", redirectUri);
    if (verifier != null) {
      form.put("code_verifier", verifier);
    }
    return api.post("/oauth/token").form(form).send();
  }

  static void assertInvalidGrant(ApiClient.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(400);
    assertThat(response.field("error")).isEqualTo("invalid_grant");
  }

  static String dec(String value) {
    return URLDecoder.decode(value, StandardCharsets.UTF_8);
  }

  static String unescape(String html) {
    return html.replace("&#43;", "+")
        .replace("&#61;", "=")
        .replace("&#47;", "/")
        .replace("&#58;", ":")
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
  }

  @Test
  void anAppSignsAMemberInThroughTheBrowserAndExchangesTheCodeWithItsVerifier() {
    App app = register(REDIRECT, "read write");
    Ask ask = Ask.fresh();
    WebBrowser browser = new WebBrowser(stack.url());

    // no session: the sign-in page first, coming back to this very request
    String authorize = authorizePath(app, REDIRECT, "read write", ask);
    Page away = browser.get(authorize);
    assertThat(away.status()).as(away.toString()).isEqualTo(303);
    String signInPath = away.header("location").orElseThrow();
    assertThat(signInPath).startsWith("/auth/sign_in?return_to=");
    String returnTo = dec(signInPath.substring("/auth/sign_in?return_to=".length()));
    assertThat(returnTo)
        .startsWith("/oauth/authorize?")
        .contains("state=")
        .contains("code_challenge=");

    Page signedIn = browser.signIn(alice.username(), PASSWORD, returnTo);
    assertThat(signedIn.status()).as(signedIn.toString()).isEqualTo(303);
    assertThat(signedIn.header("location")).contains(returnTo);

    Page consent = browser.get(returnTo);
    assertThat(consent.status()).as(consent.toString()).isEqualTo(200);
    assertThat(consent.body())
        .contains("Authorize Test App?")
        .contains("&#64;" + alice.username())
        .contains("<li>read</li>")
        .contains("<li>write</li>")
        .contains("value=\"approve\"")
        .contains("value=\"deny\"");
    assertThat(consent.header("x-frame-options")).contains("DENY");
    assertThat(consent.header("content-security-policy").orElseThrow())
        .contains("form-action 'self' https://app.example;")
        .contains("frame-ancestors 'none'");
    int codesBefore = podium.count(Tables.OAUTH_CODES);

    Map<String, String> answer = redirectedTo(decide(browser, consent, "approve"), REDIRECT);
    assertThat(answer).containsEntry("state", ask.state()).containsKey("code");
    assertThat(podium.count(Tables.OAUTH_CODES)).isEqualTo(codesBefore + 1);

    var token = exchange(app, answer.get("code"), REDIRECT, ask.verifier());
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    assertThat(token.field("token_type")).isEqualTo("Bearer");
    assertThat(token.field("scope")).isEqualTo("read write");
    var me = podium.me(token.field("access_token"));
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
    assertThat(me.field("username")).isEqualTo(alice.username());
    // the code is gone with its exchange: a second one is refused
    assertThat(podium.count(Tables.OAUTH_CODES)).isEqualTo(codesBefore);
    assertInvalidGrant(exchange(app, answer.get("code"), REDIRECT, ask.verifier()));
  }

  @Test
  void aLongStateComesBackThroughTheSignIn() {
    App app = register(REDIRECT, "read");
    Ask ask = new Ask("s".repeat(1000), Ask.fresh().verifier());
    WebBrowser browser = new WebBrowser(stack.url());
    String signInPath =
        browser.get(authorizePath(app, REDIRECT, "read", ask)).header("location").orElseThrow();
    String returnTo = dec(signInPath.substring("/auth/sign_in?return_to=".length()));
    assertThat(returnTo.length()).isGreaterThan(1000);

    Page signedIn = browser.signIn(alice.username(), PASSWORD, returnTo);

    assertThat(signedIn.header("location")).contains(returnTo);
    Map<String, String> answer =
        redirectedTo(decide(browser, browser.get(returnTo), "approve"), REDIRECT);
    assertThat(answer).containsEntry("state", ask.state());
  }

  @Test
  void aWrongOrMissingVerifierIsInvalidGrantAndLeavesTheCodeToTheRightOne() {
    App app = register(REDIRECT, "read");
    Ask ask = Ask.fresh();
    String code = approvedCode(app, ask);

    assertInvalidGrant(exchange(app, code, REDIRECT, Ask.fresh().verifier()));
    assertInvalidGrant(exchange(app, code, REDIRECT, null));
    assertInvalidGrant(exchange(app, code, REDIRECT, "too-short"));
    assertInvalidGrant(exchange(app, code, "https://app.example/other", ask.verifier()));

    assertThat(exchange(app, code, REDIRECT, ask.verifier()).status()).isEqualTo(200);
  }

  @Test
  void anotherClientCannotExchangeTheCode() {
    App app = register(REDIRECT, "read");
    App thief = register(REDIRECT, "read");
    Ask ask = Ask.fresh();
    String code = approvedCode(app, ask);

    assertInvalidGrant(exchange(thief, code, REDIRECT, ask.verifier()));
    assertInvalidGrant(exchange(app, "not-a-code", REDIRECT, ask.verifier()));
    assertThat(exchange(app, code, REDIRECT, ask.verifier()).status()).isEqualTo(200);
  }

  @Test
  void twoExchangesOfOneCodeAtOnceHaveExactlyOneWinner() {
    App app = register(REDIRECT, "read");
    Ask ask = Ask.fresh();
    String code = approvedCode(app, ask);
    int tokensBefore = podium.count(Tables.TOKENS);

    List<ApiClient.Response> answers =
        Concurrently.run(8, i -> exchange(app, code, REDIRECT, ask.verifier()));

    assertThat(ApiClient.statuses(answers))
        .containsExactlyInAnyOrderEntriesOf(Map.of(200, 1L, 400, 7L));
    answers.stream()
        .filter(r -> r.status() == 400)
        .forEach(OAuthAuthorizationCodeIT::assertInvalidGrant);
    assertThat(podium.count(Tables.TOKENS)).isEqualTo(tokensBefore + 1);
  }

  @Test
  void aRedirectUriTheAppDidNotRegisterIsAnErrorPageNeverARedirect() {
    App app = register(REDIRECT, "read");
    WebBrowser browser = signedIn();

    for (String uri : List.of("https://evil.example/callback", REDIRECT + "/", REDIRECT + "?x=1")) {
      Page page = browser.get(authorizePath(app, uri, "read", Ask.fresh()));
      assertThat(page.status()).as(page.toString()).isEqualTo(400);
      assertThat(page.header("location")).isEmpty();
      assertThat(page.header("content-type")).contains("text/html; charset=utf-8");
      assertThat(page.body()).contains("redirect uri included is not valid");
    }
    Page unknownClient =
        browser.get(authorizePath(new App("nope", "nope"), REDIRECT, "read", Ask.fresh()));
    assertThat(unknownClient.status()).as(unknownClient.toString()).isEqualTo(401);
    assertThat(unknownClient.header("location")).isEmpty();
  }

  @Test
  void aScopeTheAppDoesNotHaveGoesBackToTheAppAsInvalidScope() {
    App app = register(REDIRECT, "read");
    Ask ask = Ask.fresh();

    Page page = signedIn().get(authorizePath(app, REDIRECT, "read write", ask));

    assertThat(redirectedTo(page, REDIRECT))
        .containsEntry("error", "invalid_scope")
        .containsEntry("state", ask.state())
        .doesNotContainKey("code");
  }

  @Test
  void denyingSendsAccessDeniedWithTheStateAndIssuesNoCode() {
    App app = register(REDIRECT, "read");
    Ask ask = Ask.fresh();
    WebBrowser browser = signedIn();
    int codesBefore = podium.count(Tables.OAUTH_CODES);

    Page denied = decide(browser, browser.get(authorizePath(app, REDIRECT, "read", ask)), "deny");

    assertThat(redirectedTo(denied, REDIRECT))
        .containsEntry("error", "access_denied")
        .containsEntry("state", ask.state())
        .doesNotContainKey("code");
    assertThat(podium.count(Tables.OAUTH_CODES)).isEqualTo(codesBefore);
  }

  @Test
  void outOfBandTheCodeIsShownOnAPage() {
    String oob = "urn:ietf:wg:oauth:2.0:oob";
    App app = register(oob, "read");
    Ask ask = Ask.fresh();
    WebBrowser browser = signedIn();

    Page shown = decide(browser, browser.get(authorizePath(app, oob, "read", ask)), "approve");

    assertThat(shown.status()).as(shown.toString()).isEqualTo(200);
    assertThat(shown.header("location")).isEmpty();
    var matcher =
        java.util.regex.Pattern.compile("<p class=\"code\" id=\"code\">([A-Za-z0-9_-]{43})</p>")
            .matcher(shown.body());
    assertThat(matcher.find()).as(shown.body()).isTrue();
    var token = exchange(app, matcher.group(1), oob, ask.verifier());
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
  }

  @Test
  void forceLoginEndsTheSessionAndAsksToSignInAgain() {
    App app = register(REDIRECT, "read");
    WebBrowser browser = signedIn();
    String authorize = authorizePath(app, REDIRECT, "read", Ask.fresh());
    assertThat(browser.get(authorize).status()).isEqualTo(200);

    Page again = browser.get(authorize + "&force_login=true");

    assertThat(again.status()).as(again.toString()).isEqualTo(303);
    assertThat(again.header("location").orElseThrow())
        .startsWith("/auth/sign_in?return_to=")
        .doesNotContain("force_login");
    assertThat(browser.cookies).doesNotContainKey("_podium_session");
    assertThat(browser.get(authorize).status()).isEqualTo(303);
  }

  @Test
  void theMetadataSaysWhereEverythingIsAsMastodon43Does() {
    var metadata = api.get("/.well-known/oauth-authorization-server").send().expect(200).json();

    assertThat(metadata.get("authorization_endpoint").asText())
        .isEqualTo(stack.url() + "/oauth/authorize");
    assertThat(metadata.get("token_endpoint").asText()).isEqualTo(stack.url() + "/oauth/token");
    assertThat(metadata.get("revocation_endpoint").asText())
        .isEqualTo(stack.url() + "/oauth/revoke");
    assertThat(metadata.get("app_registration_endpoint").asText())
        .isEqualTo(stack.url() + "/api/v1/apps");
    assertThat(metadata.get("code_challenge_methods_supported").toString()).isEqualTo("[\"S256\"]");
    assertThat(metadata.get("response_types_supported").toString()).isEqualTo("[\"code\"]");
    assertThat(metadata.get("grant_types_supported").toString()).contains("\"authorization_code\"");
    assertThat(metadata.get("scopes_supported").toString())
        .contains("\"read\"", "\"write:statuses\"");
  }
}
