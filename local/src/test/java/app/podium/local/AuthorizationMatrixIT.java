package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import app.podium.http.Access;
import app.podium.http.Route;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.TestStacks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every route of {@link Routes#ALL} called with seven credentials, each answer checked against the
 * status its access rule gives that credential in Mastodon ({@link #byAccess}: rows written out by
 * hand from Mastodon's behaviour), or against an exception written out for the route where the
 * resource decides (a followers-only status is 404 to all but its readers; another member's
 * notification is 404). That each route declares the rule Mastodon has is OpenApiTest's check:
 * openapi.yaml states every route's access rule and scope apart from the declarations.
 *
 * <p>Resources that belong to a member (a status, an invite) are the owner's; the {@code OTHER}
 * column is a different member's token. Each cell that could change such a resource gets a fresh
 * one.
 */
@PodiumIT(settings = {"SIGNUP_MODE", "waitlist", "INVITES_PER_MEMBER", "100"})
class AuthorizationMatrixIT {
  /** The seven credentials, in the order of the expectation table's columns. */
  enum Credential {
    /** no Authorization header */
    NONE,
    /** a bearer token that was never issued */
    MALFORMED,
    /** a member's token after {@code /oauth/revoke} */
    REVOKED,
    /** a client_credentials token ("read write"): an app, no user */
    APP,
    /** the admin's own token, with the scope the route needs left out ("read" or "write" only) */
    NO_SCOPE,
    /** a member who does not own the resource, all scopes requested */
    OTHER,
    /** the admin, all scopes */
    ADMIN
  }

  static final String INVALID = "The access token is invalid";
  static final String NO_USER = "This method requires an authenticated user";
  static final String OUT_OF_SCOPE = "This action is outside the authorized scopes";
  static final String NOT_ALLOWED = "This action is not allowed";

  private static int[] row(
      int none, int malformed, int revoked, int app, int noScope, int other, int admin) {
    return new int[] {none, malformed, revoked, app, noScope, other, admin};
  }

  /**
   * Public reads ignore the token. Mastodon checks the scope of a token when one is sent
   * (authorize_if_got_token!), so a "write"-only token gets 403 there; Podium answers 200.
   */
  static final int[] OPEN = row(200, 200, 200, 200, 200, 200, 200);

  /** Any live token, an app's too (signup takes an app token, as Mastodon's clients send). */
  static final int[] ANY_TOKEN = row(401, 401, 401, 200, 200, 200, 200);

  static final int[] ANY_TOKEN_WITH_SCOPE = row(401, 401, 401, 200, 403, 200, 200);
  static final int[] MEMBER = row(401, 401, 401, 422, 403, 200, 200);

  /**
   * An app token lacks the admin scopes (403 before any user check, as in Mastodon, whose scope
   * check runs first); a member with the scopes but not the role gets 403 "not allowed".
   */
  static final int[] ADMIN_ONLY = row(401, 401, 401, 403, 403, 403, 200);

  /**
   * The expected status of each cell, {NONE, MALFORMED, REVOKED, APP, NO_SCOPE, OTHER, ADMIN}, by
   * access rule.
   */
  static int[] byAccess(Access access) {
    return switch (access.kind()) {
      case PUBLIC, OPTIONAL -> OPEN;
      case APP -> access.scope().isPresent() ? ANY_TOKEN_WITH_SCOPE : ANY_TOKEN;
      case USER -> access.scope().orElseThrow().startsWith("admin:") ? ADMIN_ONLY : MEMBER;
      // a bearer token opens no page: each answers every credential as an anonymous visitor
      case PAGE -> OPEN;
    };
  }

  /**
   * The routes whose answer the resource decides, not the access rule alone: route key -> expected
   * statuses. Where Podium knowingly differs from Mastodon, the comment says so.
   */
  static final Map<String, int[]> EXCEPTIONS = new LinkedHashMap<>();

  static {
    // the owner's followers-only status is hidden from everyone else, the admin too (as on
    // Mastodon: 404, not 403,
    // so its existence does not leak); a conversation and who favourited it are read as the status
    // is
    EXCEPTIONS.put("GET /api/v1/statuses/{id}", row(404, 404, 404, 404, 404, 404, 404));
    EXCEPTIONS.put("GET /api/v1/statuses/{id}/context", row(404, 404, 404, 404, 404, 404, 404));
    EXCEPTIONS.put(
        "GET /api/v1/statuses/{id}/favourited_by", row(404, 404, 404, 404, 404, 404, 404));
    // another member's delete is 404. An admin may delete anyone's status in Podium
    // (StatusService.delete);
    // Mastodon answers 404 there too and removes statuses through its moderation API instead
    EXCEPTIONS.put("DELETE /api/v1/statuses/{id}", row(401, 401, 401, 422, 403, 404, 200));
    // another member's invite is not theirs to revoke (404, as if it did not exist); admins may
    EXCEPTIONS.put("DELETE /api/v1/invites/{id}", row(401, 401, 401, 422, 403, 404, 200));
    // notifications are the owner's: another member's (or the admin's) read or dismiss of one finds
    // nothing (404, as
    // on Mastodon, whose lookups are scoped to the caller); clearing clears the caller's own
    EXCEPTIONS.put("GET /api/v1/notifications/{id}", row(401, 401, 401, 422, 403, 404, 404));
    EXCEPTIONS.put(
        "POST /api/v1/notifications/{id}/dismiss", row(401, 401, 401, 422, 403, 404, 404));
    EXCEPTIONS.put("GET /api/v2/notifications/{group_key}", row(401, 401, 401, 422, 403, 404, 404));
    EXCEPTIONS.put(
        "POST /api/v2/notifications/{group_key}/dismiss", row(401, 401, 401, 422, 403, 404, 404));
    // a page's form without its CSRF token is refused, whatever token the request carries; a
    // member's page sends a visitor without a web session to sign in
    EXCEPTIONS.put("POST /auth/sign_in", row(403, 403, 403, 403, 403, 403, 403));
    EXCEPTIONS.put("POST /auth/sign_out", row(403, 403, 403, 403, 403, 403, 403));
    EXCEPTIONS.put("GET /settings", row(303, 303, 303, 303, 303, 303, 303));
    EXCEPTIONS.put("POST /oauth/authorize", row(403, 403, 403, 403, 403, 403, 403));
    // an authorize request without a client is an error page (invalid_client, 401 as Doorkeeper
    // answers it) whatever bearer token comes with it: a page reads no token
    EXCEPTIONS.put("GET /oauth/authorize", row(401, 401, 401, 401, 401, 401, 401));
  }

  /** A route's expected statuses: its exception, or what its access rule gives. */
  static int[] expected(Route<?> route) {
    return EXCEPTIONS.getOrDefault(route.key(), byAccess(route.access()));
  }

  static LocalStack stack;
  static Podium podium;
  static ApiClient api;
  static String owner;
  static String ownerId;
  static String ownerStatus;
  static String ownerPublicStatus;
  static Map<Credential, String> tokens;
  static final AtomicInteger serial = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    String admin = podium.adminToken();
    owner = podium.member("owner");
    ownerId = podium.accountId(owner);
    ownerStatus = privateStatus();
    ownerPublicStatus = podium.post(owner, "owner's, public");
    podium.member("other");
    podium.member("revoked");
    String revoked = podium.loginToken("revoked", "correct horse battery");
    var revoke = podium.revoke(revoked);
    assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
    tokens = new LinkedHashMap<>();
    tokens.put(Credential.MALFORMED, "not-a-token-" + "x".repeat(32));
    tokens.put(Credential.REVOKED, revoked);
    tokens.put(Credential.APP, podium.appToken);
    tokens.put(Credential.OTHER, podium.loginToken("other", "correct horse battery"));
    tokens.put(Credential.ADMIN, admin);
    // the owner's notification: a member of its own follows them (the OTHER member following would
    // let them see
    // the owner's private status), and the fan-out writes it
    var follow =
        api.post("/api/v1/accounts/" + ownerId + "/follow").token(podium.member("notifier")).send();
    assertThat(follow.status()).as(follow.toString()).isEqualTo(200);
    assertThat(
            app.podium.local.support.Feeds.eventually(
                java.time.Duration.ofSeconds(30),
                () ->
                    !api.get("/api/v2/notifications")
                        .token(owner)
                        .send()
                        .json()
                        .get("notification_groups")
                        .isEmpty()))
        .isTrue();
    var group =
        api.get("/api/v2/notifications")
            .token(owner)
            .send()
            .json()
            .get("notification_groups")
            .get(0);
    ownerNotification = group.get("most_recent_notification_id").asText();
    ownerNotificationGroup = group.get("group_key").asText();
  }

  static String ownerNotification;
  static String ownerNotificationGroup;

  static String privateStatus() {
    var posted =
        podium
            .postForm(
                owner, Map.of("status", "owner's, followers only", "visibility", "private"), null)
            .expect(200);
    return posted.field("id");
  }

  /** A report about the owner, by the other member. */
  static String reportOfOwner() {
    var report =
        api.post("/api/v1/reports")
            .token(tokens.get(Credential.OTHER))
            .form(Map.of("account_id", ownerId, "comment", "for the matrix"))
            .send();
    assertThat(report.status()).as(report.toString()).isEqualTo(200);
    return report.field("id");
  }

  /**
   * The admin's token with only {@code scope}: the admin role, so only the scope can be what is
   * missing.
   */
  static String adminTokenWithScope(String scope) {
    var token =
        api.post("/oauth/token")
            .form(
                Podium.passwordGrant(
                    stack.adminUsername(),
                    TestStacks.ADMIN_PASSWORD,
                    podium.clientId,
                    podium.clientSecret,
                    scope))
            .send();
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    return token.field("access_token");
  }

  /**
   * The token without the route's scope: "write" only for a route that reads, "read" only for one
   * that writes (and for public routes, where it should not matter).
   */
  static String tokenWithout(Route<?> route) {
    boolean reads =
        route
            .access()
            .scope()
            .map(s -> s.startsWith("read") || s.startsWith("admin:read"))
            .orElse(false);
    return reads ? adminTokenWithScope("write") : adminTokenWithScope("read");
  }

  /**
   * The request a cell sends: the route's path with the owner's resource, and a body the route can
   * accept.
   */
  static ApiClient.Call request(Route<?> route) {
    int n = serial.incrementAndGet();
    String id =
        switch (route.key()) {
          case "GET /api/v1/statuses/{id}",
              "GET /api/v1/statuses/{id}/context",
              "GET /api/v1/statuses/{id}/favourited_by" ->
              ownerStatus;
          case "GET /api/v1/timelines/tag/{hashtag}" -> "matrix";
          case "POST /api/v1/statuses/{id}/favourite",
              "POST /api/v1/statuses/{id}/unfavourite",
              "POST /api/v1/statuses/{id}/reblog",
              "POST /api/v1/statuses/{id}/unreblog",
              "GET /api/v1/statuses/{id}/reblogged_by" ->
              ownerPublicStatus;
          case "DELETE /api/v1/statuses/{id}" -> privateStatus();
          case "DELETE /api/v1/invites/{id}" -> podium.inviteCode(owner, Map.of());
          case "GET /api/v1/admin/reports/{id}", "POST /api/v1/admin/reports/{id}/resolve" ->
              reportOfOwner();
          case "GET /api/v1/notifications/{id}", "POST /api/v1/notifications/{id}/dismiss" ->
              ownerNotification;
          case "GET /api/v2/notifications/{group_key}",
              "POST /api/v2/notifications/{group_key}/dismiss" ->
              ownerNotificationGroup;
          default -> ownerId;
        };
    String path = route.path().replaceAll("\\{[^}]+}", id);
    ApiClient.Call call = api.method(route.method().name(), path);
    Map<String, Object> form =
        switch (route.key()) {
          case "POST /api/v1/apps" ->
              Map.of("client_name", "matrix", "redirect_uris", "urn:ietf:wg:oauth:2.0:oob");
          case "POST /oauth/token" ->
              Map.copyOf(Podium.clientCredentials(podium.clientId, podium.clientSecret));
          case "POST /oauth/revoke" -> Map.copyOf(podium.revokeForm("never-issued"));
          case "POST /api/v1/accounts" ->
              Map.of(
                  "username",
                  "matrix" + n,
                  "email",
                  "matrix" + n + "@example.com",
                  "password",
                  "correct horse battery",
                  "agreement",
                  "true",
                  "invite_code",
                  podium.inviteCode(tokens.get(Credential.ADMIN), Map.of()));
          case "PATCH /api/v1/accounts/update_credentials" -> Map.of("display_name", "Matrix " + n);
          case "GET /api/v1/accounts/lookup" -> Map.of("acct", "owner");
          case "GET /api/v1/accounts/relationships" -> Map.of("id", ownerId);
          case "POST /api/v1/statuses" -> Map.of("status", "matrix " + n);
          case "POST /api/v1/waitlist" -> Map.of("email", "waiting" + n + "@example.com");
          case "POST /api/v1/admin/waitlist/release" -> Map.of("count", "1");
          case "POST /api/v1/markers" -> Map.of("home[last_read_id]", ownerStatus);
          case "POST /api/v1/reports" -> Map.of("account_id", ownerId, "comment", "matrix " + n);
          case "POST /api/v1/admin/accounts/{id}/action" -> Map.of("type", "none");
          default -> Map.of();
        };
    if (!form.isEmpty()) {
      if (route.method() == Route.Method.GET) {
        call =
            api.method(
                "GET",
                path
                    + "?"
                    + form.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue())
                        .reduce((a, b) -> a + "&" + b)
                        .orElseThrow());
      } else {
        call.form(form);
      }
    }
    return call;
  }

  @Test
  void everyRouteAnswersEachCredentialAsWrittenDown() {
    List<String> stale =
        EXCEPTIONS.keySet().stream()
            .filter(k -> Routes.ALL.stream().noneMatch(r -> r.key().equals(k)))
            .toList();
    assertThat(stale).as("exceptions for routes no longer in Routes.ALL").isEmpty();
    // an exception the access rule already gives is none: it would hide a change of the rule
    Routes.ALL.stream()
        .filter(r -> EXCEPTIONS.containsKey(r.key()))
        .forEach(
            r ->
                assertThat(EXCEPTIONS.get(r.key()))
                    .as(
                        "%s is written out as an exception but is what its access rule gives",
                        r.key())
                    .isNotEqualTo(byAccess(r.access())));

    List<String> wrong = new ArrayList<>();
    int cells = 0;
    for (Route<?> route : Routes.ALL) {
      int[] expected = expected(route);
      for (Credential credential : Credential.values()) {
        ApiClient.Call call = request(route);
        String token =
            credential == Credential.NO_SCOPE ? tokenWithout(route) : tokens.get(credential);
        if (token != null) {
          call.token(token);
        }
        var response = call.send();
        cells++;
        int want = expected[credential.ordinal()];
        String problem = problem(credential, want, response);
        if (problem != null) {
          wrong.add(route.key() + " with " + credential + ": " + problem);
        }
      }
    }
    System.out.println("RESULT authz_matrix_cells " + cells);
    assertThat(wrong).as("cells that did not answer as written down").isEmpty();
  }

  /** What is wrong with the answer, or null: the status, and for refusals Mastodon's words. */
  static String problem(Credential credential, int want, ApiClient.Response response) {
    String shown =
        response.status()
            + " "
            + (response.body().length() > 200
                ? response.body().substring(0, 200)
                : response.body());
    if (response.status() != want) {
      return "expected " + want + ", got " + shown;
    }
    String type = response.header("content-type");
    if (type != null && type.startsWith("text/html")) {
      // a page (its refusals are error pages, not Mastodon's JSON): the status is the check
      return null;
    }
    String error = want >= 400 ? response.field("error") : null;
    String words =
        switch (want) {
          case 401 -> INVALID;
          case 422 -> NO_USER;
          case 403 -> credential == Credential.OTHER ? NOT_ALLOWED : OUT_OF_SCOPE;
          default -> null;
        };
    if (words != null && !words.equals(error)) {
      return "expected " + want + " \"" + words + "\", got " + shown;
    }
    return null;
  }
}
