package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every write route against bodies a client should never send: each gets a 4xx with a JSON error,
 * never a 5xx, and nothing in any table changes.
 */
@PodiumIT
class HostileInputIT {
  static final int MAX_BODY = 64 * 1024;

  static LocalStack stack;
  static Podium podium;
  static ApiClient api;

  @PodiumIT.Member("mallory")
  static String memberToken;

  /** A write route and the token it needs (null for public routes). */
  record WriteRoute(String method, String path, Function<HostileInputIT.Tokens, String> token) {
    ApiClient.Call call() {
      var call =
          switch (method) {
            case "POST" -> api.post(path);
            case "PATCH" -> api.patch(path);
            default -> throw new IllegalArgumentException(method);
          };
      String bearer = token.apply(TOKENS);
      return bearer == null ? call : call.token(bearer);
    }

    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  record Tokens(String app, String member) {}

  static Tokens TOKENS;

  static final List<WriteRoute> WRITE_ROUTES =
      List.of(
          new WriteRoute("POST", "/api/v1/apps", t -> null),
          new WriteRoute("POST", "/oauth/token", t -> null),
          new WriteRoute("POST", "/oauth/revoke", t -> null),
          new WriteRoute("POST", "/api/v1/accounts", Tokens::app),
          new WriteRoute("POST", "/api/v1/invites", Tokens::member),
          new WriteRoute("POST", "/api/v1/waitlist", t -> null),
          new WriteRoute("PATCH", "/api/v1/accounts/update_credentials", Tokens::member));

  @BeforeAll
  static void start() throws Exception {
    TOKENS = new Tokens(podium.appToken, memberToken);
  }

  static Stream<WriteRoute> writeRoutes() {
    return WRITE_ROUTES.stream();
  }

  // --- bodies that are not what they claim to be
  // ----------------------------------------------------

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeRoutes")
  void malformedJsonIs400(WriteRoute route) {
    for (String body :
        List.of(
            "{\"client_name\": ",
            "{'a': 1}",
            "{\"a\": 1,}",
            "{\"a\" 1}",
            "{\"a\": tru}",
            "{\"a\": \"unterminated}",
            "{\"a\": 1}}",
            "{\"max_uses\": 2} trailing",
            "{\"note\": \"x\"}{\"note\": \"y\"}")) {
      assertRejectedWritingNothing(route, route.call().raw("application/json", body), 400);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeRoutes")
  void aJsonArrayStringNumberOrNullBodyIs400(WriteRoute route) {
    for (String body :
        List.of("[]", "[{\"client_name\": \"x\"}]", "\"client_name\"", "42", "true", "null")) {
      assertRejectedWritingNothing(route, route.call().raw("application/json", body), 400);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeRoutes")
  void deeplyNestedJsonIs400(WriteRoute route) {
    String deep = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
    assertRejectedWritingNothing(route, route.call().raw("application/json", deep), 400);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeRoutes")
  void aTextPlainOrXmlBodyIs415(WriteRoute route) {
    assertRejectedWritingNothing(
        route, route.call().raw("text/plain", "client_name=x&email=a@b.example"), 415);
    assertRejectedWritingNothing(
        route, route.call().raw("application/xml", "<app><client_name>x</client_name></app>"), 415);
    assertRejectedWritingNothing(
        route, route.call().bytes("application/octet-stream", new byte[] {1, 2, 3}), 415);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeRoutes")
  void aBodyOver64KibIs413(WriteRoute route) {
    String padding = "a".repeat(MAX_BODY);
    assertRejectedWritingNothing(
        route, route.call().json(Map.of("client_name", "x", "note", padding)), 413);
    assertRejectedWritingNothing(
        route, route.call().form(Map.of("client_name", "x", "note", padding)), 413);
    assertRejectedWritingNothing(
        route, route.call().bytes("application/octet-stream", new byte[MAX_BODY + 1]), 413);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeRoutes")
  void invalidUtf8BytesAre400(WriteRoute route) {
    byte[] json =
        concat(
            "{\"client_name\": \"".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xff, (byte) 0xfe},
            "\", \"email\": \"a@b.example\", \"note\": \"x\"}".getBytes(StandardCharsets.UTF_8));
    byte[] overlong =
        concat(
            "{\"note\": \"".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xc0, (byte) 0xaf},
            "\"}".getBytes(StandardCharsets.UTF_8));
    byte[] form =
        concat(
            "client_name=".getBytes(StandardCharsets.UTF_8),
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
            "&note=x".getBytes(StandardCharsets.UTF_8));
    assertRejectedWritingNothing(route, route.call().bytes("application/json", json), 400);
    assertRejectedWritingNothing(
        route, route.call().bytes("application/json; charset=utf-8", overlong), 400);
    assertRejectedWritingNothing(
        route, route.call().bytes("application/x-www-form-urlencoded", form), 400);
    assertRejectedWritingNothing(
        route,
        route
            .call()
            .raw(
                "application/x-www-form-urlencoded",
                "client_name=%FF%FE&email=a%40b.example&note=%C0%AF"),
        400);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("writeRoutes")
  void brokenUrlEncodingIs400(WriteRoute route) {
    assertRejectedWritingNothing(
        route,
        route.call().raw("application/x-www-form-urlencoded", "client_name=%ZZ&note=%"),
        400);
  }

  // --- well-formed bodies with the wrong types --------------------------------------------------

  static Stream<Arguments> wrongTypes() {
    WriteRoute apps = WRITE_ROUTES.get(0);
    WriteRoute token = WRITE_ROUTES.get(1);
    WriteRoute revoke = WRITE_ROUTES.get(2);
    WriteRoute accounts = WRITE_ROUTES.get(3);
    WriteRoute invites = WRITE_ROUTES.get(4);
    WriteRoute waitlist = WRITE_ROUTES.get(5);
    WriteRoute profile = WRITE_ROUTES.get(6);
    Map<String, Object> signup =
        new LinkedHashMap<>(
            Map.of(
                "username",
                "eve",
                "email",
                "eve@example.com",
                "password",
                "correct horse battery",
                "invite_code",
                "ABCDEFGHJK"));
    return Stream.of(
        Arguments.of(accounts, with(signup, "agreement", "maybe"), 422),
        Arguments.of(accounts, with(signup, "agreement", List.of(1, 2)), 422),
        Arguments.of(
            accounts, with(with(signup, "agreement", true), "username", Map.of("$ne", "")), 422),
        Arguments.of(invites, Map.of("max_uses", "many"), 422),
        Arguments.of(invites, Map.of("max_uses", 1.5), 422),
        Arguments.of(invites, Map.of("max_uses", "99999999999999999999"), 422),
        Arguments.of(invites, Map.of("max_uses", 3_000_000_000L), 422),
        Arguments.of(invites, Map.of("max_uses", -1), 422),
        Arguments.of(invites, Map.of("expires_in", "soon"), 422),
        Arguments.of(invites, Map.of("autofollow", "maybe"), 422),
        Arguments.of(
            apps,
            Map.of("client_name", Map.of("x", 1), "redirect_uris", "urn:ietf:wg:oauth:2.0:oob"),
            422),
        Arguments.of(apps, Map.of("client_name", "x", "redirect_uris", Map.of("x", "y")), 422),
        Arguments.of(apps, Map.of("client_name", "x", "redirect_uris", List.of(1, true)), 422),
        Arguments.of(waitlist, Map.of("email", 42), 422),
        Arguments.of(waitlist, Map.of("email", Map.of("a", "b@c.example")), 422),
        Arguments.of(profile, Map.of("note", "nul\u0000byte"), 422),
        Arguments.of(profile, Map.of("display_name", "bell\u0007"), 422),
        // OAuth endpoints answer in OAuth's words, 400 and 401, not 422: a parameter in a shape
        // none is read in (a list for one value) is invalid_request, before any client check
        Arguments.of(token, Map.of("grant_type", Map.of("x", "password")), 400),
        Arguments.of(
            token, Map.of("grant_type", "password", "username", List.of(), "password", 123), 400),
        Arguments.of(
            revoke,
            Map.of("client_id", Map.of("a", 1), "client_secret", List.of("x"), "token", "t"),
            400),
        Arguments.of(revoke, Map.of("client_id", Map.of("a", 1), "token", "t"), 401));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("wrongTypes")
  void wellFormedJsonWithWrongTypesIsRefused(
      WriteRoute route, Map<String, Object> body, int status) {
    assertRejectedWritingNothing(route, route.call().json(body), status);
  }

  // --- outside any route ------------------------------------------------------------------------

  @Test
  void anUnknownRouteIs404Json() {
    for (var call :
        List.of(
            api.get("/api/v1/nope"),
            api.post("/api/v1/statuses/1/unknown"),
            api.delete("/api/v1/apps"),
            api.get("/api/v1/accounts/1/2/3"),
            api.get("/"),
            api.post("/oauth/nope"))) {
      var before = snapshot();
      var response = call.send();

      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.header("content-type")).startsWith("application/json");
      assertThat(response.json().isObject()).as(response.body()).isTrue();
      assertThat(snapshot()).isEqualTo(before);
    }
  }

  /**
   * Found by RouteFuzzIT: a path id that is not valid percent-encoding made the local gateway fail
   * (500). The JDK's HTTP server refuses such a request line itself, so the request is dispatched
   * in-process.
   */
  @Test
  void aPathIdThatIsNotValidPercentEncodingIs404Json() {
    for (String target :
        List.of(
            "/api/v1/statuses/%ZZ",
            "/api/v1/accounts/%/statuses", "/api/v1/admin/accounts/%F", "/api/v1/invites/%zz")) {
      String method = target.startsWith("/api/v1/invites") ? "DELETE" : "GET";
      var before = snapshot();
      var response =
          stack.dispatch(
              method, target, Map.of("Authorization", List.of("Bearer " + memberToken)), null);

      assertThat(response.getStatusCode()).as(target + " -> " + response.getBody()).isIn(403, 404);
      assertThat(response.getHeaders().get("Content-Type"))
          .as(target)
          .startsWith("application/json");
      assertThat(response.getBody()).as(target).contains("\"error\"");
      assertThat(snapshot()).isEqualTo(before);
    }
  }

  /**
   * Found by RouteFuzzIT: a 19-digit status id over a long's range answered 500
   * (NumberFormatException).
   */
  @Test
  void aStatusIdOverALongsRangeIs404Json() {
    for (String id : List.of("9223372036854775808", "9999999999999999999")) {
      var before = snapshot();
      for (var call :
          List.of(
              api.get("/api/v1/statuses/" + id),
              api.delete("/api/v1/statuses/" + id).token(memberToken),
              api.get("/api/v1/statuses/" + id).token(memberToken))) {
        var response = call.send();

        assertThat(response.status()).as(id + " -> " + response).isEqualTo(404);
        assertThat(response.json().path("error").isTextual()).as(response.body()).isTrue();
      }
      assertThat(snapshot()).isEqualTo(before);
    }
  }

  @Test
  void aBodyOverTenMibIs413FromTheGatewayAndWritesNothing() {
    byte[] huge = new byte[10 * 1024 * 1024 + 1];
    Arrays.fill(huge, (byte) 'a');
    var before = snapshot();

    var response =
        api.post("/api/v1/apps")
            .bytes("application/json", huge)
            .outsideContract(
                "API Gateway refuses it before any handler runs, in its own shape ({\"message\": ...})")
            .send();

    assertThat(response.status()).as(response.toString()).isEqualTo(413);
    assertThat(response.header("content-type")).startsWith("application/json");
    assertThat(response.json().isObject()).isTrue();
    assertThat(snapshot()).isEqualTo(before);
  }

  // --- helpers ---------------------------------------------------------------------------------

  private static void assertRejectedWritingNothing(
      WriteRoute route, ApiClient.Call call, int status) {
    var before = snapshot();

    var response = call.send();

    assertThat(response.status())
        .as(route + " -> " + abbreviate(response))
        .isEqualTo(status)
        .isLessThan(500);
    assertThat(response.header("content-type")).as(route.toString()).startsWith("application/json");
    assertThat(response.json().path("error").isTextual())
        .as(route + " -> " + abbreviate(response))
        .isTrue();
    assertThat(snapshot()).as(route + " changed stored data").isEqualTo(before);
  }

  /** The item count of every table but the rate-limit counters, and the member's own profile. */
  private static Map<String, Object> snapshot() {
    Map<String, Object> state = new LinkedHashMap<>();
    for (Tables.Table table : Tables.ALL) {
      if (table != Tables.RATE_LIMITS) {
        state.put(table.name(), podium.count(table));
      }
    }
    state.put(
        "profile", api.get("/api/v1/accounts/verify_credentials").token(memberToken).send().body());
    return state;
  }

  private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(base);
    copy.put(field, value);
    return copy;
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }

  private static String abbreviate(ApiClient.Response response) {
    String text = response.toString();
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
