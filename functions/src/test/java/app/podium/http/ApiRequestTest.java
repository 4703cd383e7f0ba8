package app.podium.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ApiRequestTest {
  static final Settings LOCAL = Settings.fromEnvironment(Map.of());
  static final Settings BEHIND_CDN =
      Settings.fromEnvironment(Map.of("ORIGIN_SECRET", "origin-secret-for-tests"));

  static ApiRequest parse(APIGatewayV2HTTPEvent event, Settings settings) {
    OriginCheck.fixed(settings.originSecret()).require(event.getHeaders());
    return ApiRequest.from(
        event,
        Caller.fromContext(
            event.getRequestContext().getAuthorizer() == null
                ? null
                : event.getRequestContext().getAuthorizer().getLambda()),
        settings);
  }

  static APIGatewayV2HTTPEvent withBody(String contentType, String body) {
    APIGatewayV2HTTPEvent event = Events.http("create-account-form.json");
    Map<String, String> headers = new HashMap<>(event.getHeaders());
    headers.put("content-type", contentType);
    event.setHeaders(headers);
    event.setBody(body);
    return event;
  }

  @Test
  void aFormBodyBecomesParametersAndTheCdnHeadersNameTheClient() {
    ApiRequest request = parse(Events.http("create-account-form.json"), BEHIND_CDN);
    assertThat(request.params().string("username")).isEqualTo("alice");
    assertThat(request.params().string("email")).isEqualTo("alice@example.com");
    assertThat(request.params().string("password")).isEqualTo("correct horse battery");
    assertThat(request.params().bool("agreement")).contains(true);
    assertThat(request.requester().address()).isEqualTo("198.51.100.7");
    assertThat(request.requester().country()).isEqualTo("US");
    assertThat(request.caller().clientId()).contains("client-123");
    assertThat(request.caller().accountId()).isEmpty();
  }

  @Test
  void aBase64JsonBodyIsDecodedAndTypedGettersRead() {
    ApiRequest request = parse(Events.http("create-invite-json.json"), LOCAL);
    assertThat(request.params().integer("max_uses")).contains(3);
    assertThat(request.params().number("expires_in")).contains(86_400L);
    assertThat(request.params().bool("autofollow")).contains(true);
    assertThat(request.caller().accountId()).contains("117677404841016557");
    assertThat(request.caller().scopes().allows("write:invites")).isTrue();
  }

  @Test
  void queryArraysAndEscapesAreReadAsRailsReadsThem() {
    ApiRequest request = parse(Events.http("lookup-account.json"), LOCAL);
    assertThat(request.params().string("acct")).isEqualTo("@alice");
    assertThat(request.params().list("id")).containsExactly("1", "2");
  }

  @Test
  void withAnOriginSecretARequestWithoutItIsRefusedAndWithoutOneHeadersAreTrusted() {
    APIGatewayV2HTTPEvent event = Events.http("create-account-form.json");
    event.getHeaders().remove("x-origin-verify");
    assertThatThrownBy(
            () -> OriginCheck.fixed(BEHIND_CDN.originSecret()).require(event.getHeaders()))
        .isInstanceOfSatisfying(RequestRejected.class, e -> assertThat(e.status()).isEqualTo(403));
    assertThat(parse(event, LOCAL).requester().address()).isEqualTo("198.51.100.7");
  }

  @Test
  void withoutCdnHeadersTheConnectionAddressAndFirstAllowedCountryCount() {
    APIGatewayV2HTTPEvent event = Events.http("lookup-account.json");
    Settings canada = Settings.fromEnvironment(Map.of("ALLOWED_COUNTRIES", "CA, US"));
    ApiRequest request = parse(event, canada);
    assertThat(request.requester().address()).isEqualTo("203.0.113.9");
    assertThat(request.requester().country()).isEqualTo("CA");
  }

  /**
   * Each form is ClientKeyTest's; here, that the viewer header and the connection's address both go
   * through it.
   */
  @Test
  void theClientIsTheViewerAddressOrTheConnectionsAsClientKeyReadsThem() {
    APIGatewayV2HTTPEvent viewer = Events.http("create-account-form.json");
    viewer.getHeaders().put("cloudfront-viewer-address", "2001:db8:5ec::1:46532");
    assertThat(parse(viewer, LOCAL).requester().address()).isEqualTo("2001:db8:5ec::/64");
    APIGatewayV2HTTPEvent connection = Events.http("lookup-account.json");
    connection.getRequestContext().getHttp().setSourceIp("2001:db8:5ec:0:ffff::9");
    assertThat(parse(connection, LOCAL).requester().address()).isEqualTo("2001:db8:5ec::/64");
  }

  @Test
  void malformedBodiesAreRefusedBeforeAnythingRuns() {
    assertThat(statusOf(withBody("application/json", "{\"username\":"))).isEqualTo(400);
    assertThat(statusOf(withBody("application/json", "[1,2]"))).isEqualTo(400);
    assertThat(statusOf(withBody("text/plain", "username=alice"))).isEqualTo(415);
    assertThat(statusOf(withBody("application/x-www-form-urlencoded", "a=%zz"))).isEqualTo(400);
    assertThat(
            statusOf(
                withBody(
                    "application/json",
                    "{\"a\":\"" + "x".repeat(ApiRequest.MAX_BODY_BYTES) + "\"}")))
        .isEqualTo(413);
    APIGatewayV2HTTPEvent invalidUtf8 =
        withBody(
            "application/json",
            Base64.getEncoder().encodeToString(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}));
    invalidUtf8.setIsBase64Encoded(true);
    assertThat(statusOf(invalidUtf8)).isEqualTo(400);
  }

  /**
   * Found by RouteFuzzIT: a body over the limit got 400 when its bytes, or the query, were
   * malformed.
   */
  @Test
  void aBodyOverTheLimitIs413BeforeTheQueryOrTheBodyIsParsed() {
    int max = ApiRequest.MAX_BODY_BYTES;
    // what the local server hands over for 65,537 bytes 0xFF: one replacement character per byte
    assertThat(statusOf(withBody("application/json", "\uFFFD".repeat(max + 1)))).isEqualTo(413);
    APIGatewayV2HTTPEvent badQuery =
        withBody("multipart/form-data; boundary=x", "a".repeat(max + 1));
    badQuery.setRawQueryString("max_id=%FF");
    assertThat(statusOf(badQuery)).isEqualTo(413);
    APIGatewayV2HTTPEvent badQueryBase64 =
        withBody(
            "multipart/form-data; boundary=x",
            Base64.getEncoder().encodeToString(new byte[max + 1]));
    badQueryBase64.setIsBase64Encoded(true);
    badQueryBase64.setRawQueryString("a=%ZZ");
    assertThat(statusOf(badQueryBase64)).isEqualTo(413);
    // at or under the limit, they are what they were: not UTF-8, not URL-encoded
    assertThat(statusOf(withBody("application/json", "\uFFFD".repeat(max)))).isEqualTo(400);
    APIGatewayV2HTTPEvent smallBadQuery = withBody("application/json", "{}");
    smallBadQuery.setRawQueryString("a=%ZZ");
    assertThat(statusOf(smallBadQuery)).isEqualTo(400);
    // counted in bytes, not characters
    assertThat(
            statusOf(withBody("application/json", "{\"a\":\"" + "\u00e9".repeat(max / 2) + "\"}")))
        .isEqualTo(413);
  }

  @Test
  void nestedJsonBecomesBracketedNamesAndNullsAreAbsent() {
    ApiRequest request =
        parse(
            withBody(
                "application/json",
                "{\"source\":{\"note\":\"hi\"},\"display_name\":null,\"id\":[\"1\",\"2\"]}"),
            LOCAL);
    assertThat(request.params().string("source[note]")).isEqualTo("hi");
    assertThat(request.params().has("display_name")).isFalse();
    assertThat(request.params().list("id")).containsExactly("1", "2");
  }

  @Test
  void wrongTypesAreValidationErrorsNamingTheField() {
    ApiRequest request =
        parse(
            withBody("application/json", "{\"agreement\":\"maybe\",\"max_uses\":\"many\"}"), LOCAL);
    assertThatThrownBy(() -> request.params().bool("agreement")).hasMessageContaining("Agreement");
    assertThatThrownBy(() -> request.params().integer("max_uses")).hasMessageContaining("Max uses");
  }

  /** {@code {"status": ["a"]}} posted "a" with 200; Rack refuses {@code id[]=1&id=2}. */
  @Test
  void aListWhereOneValueIsReadAndOneValueWhereAListIsReadAre422sNamingTheField() {
    ApiRequest json =
        parse(
            withBody("application/json", "{\"status\":[\"a\"],\"media_ids\":\"1\",\"n\":[1]}"),
            LOCAL);
    assertInvalid(() -> json.params().string("status"), "Status", "not an array");
    assertInvalid(() -> json.params().list("media_ids"), "Media ids", "must be an array");
    assertInvalid(() -> json.params().number("n"), "N", "not an array");
    assertThat(json.params().oneOrMany("media_ids")).containsExactly("1");

    ApiRequest mixed =
        parse(withBody("application/x-www-form-urlencoded", "id%5B%5D=1&id=2&one=1"), LOCAL);
    assertInvalid(() -> mixed.params().list("id"), "Id", "must be an array");
    assertInvalid(() -> mixed.params().oneOrMany("id"), "Id", "must be an array");
    assertInvalid(() -> mixed.params().string("id"), "Id", "not an array");
    assertInvalid(() -> mixed.params().list("one"), "One", "must be an array");
    assertThat(mixed.params().oneOrMany("one")).containsExactly("1");
  }

  /** {@code {"status": "\ud800"}} posted "?" with 200. */
  @Test
  void aLoneSurrogateInJsonTextIsA422WhereReadAndAPairIsText() {
    Map<String, java.util.function.Function<Params, Object>> reads =
        Map.of(
            "{\"status\":\"\\ud800\"}", p -> p.string("status"),
            "{\"status\":\"a\\udc00b\"}", p -> p.string("status"),
            "{\"poll\":{\"options\":[\"ok\",\"\\ud83d\"]}}", p -> p.list("poll[options]"),
            // found by RouteFuzzIT: the error named the empty key and failed to (500)
            "{\"\":\"\\ude0f\"}", p -> p.string(""));
    reads.forEach(
        (body, read) -> {
          Params params = parse(withBody("application/json", body), LOCAL).params();
          assertThatThrownBy(() -> read.apply(params))
              .as(body)
              .isInstanceOf(app.podium.shared.DomainException.Invalid.class)
              .hasMessageContaining("lone UTF-16 surrogate");
        });
    // a route that does not read the field is not troubled by it
    assertThat(
            parse(withBody("application/json", "{\"x\":\"\\ud800\",\"y\":\"1\"}"), LOCAL)
                .params()
                .string("y"))
        .isEqualTo("1");
    // Jackson refuses one in a key itself: a 400, the body is not JSON it reads
    assertThat(statusOf(withBody("application/json", "{\"\\udfff\":\"key\"}"))).isEqualTo(400);
    ApiRequest pair = parse(withBody("application/json", "{\"status\":\"\\ud83d\\ude00\"}"), LOCAL);
    assertThat(pair.params().string("status")).isEqualTo("\uD83D\uDE00");
  }

  @Test
  void aNumberOutOfRangeIsA422() {
    ApiRequest request =
        parse(
            withBody(
                "application/json",
                "{\"limit\":99999999999999999999,\"max_uses\":4294967296,\"x\":1e400}"),
            LOCAL);
    assertInvalid(() -> request.params().number("limit"), "Limit", "whole number");
    assertInvalid(() -> request.params().integer("max_uses"), "Max uses", "out of range");
    assertInvalid(() -> request.params().number("x"), "X", "whole number");
  }

  private static void assertInvalid(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable read, String field, String words) {
    assertThatThrownBy(read)
        .isInstanceOf(app.podium.shared.DomainException.Invalid.class)
        .hasMessageContaining(field)
        .hasMessageContaining(words);
  }

  private static int statusOf(APIGatewayV2HTTPEvent event) {
    try {
      parse(event, LOCAL);
      return 200;
    } catch (RequestRejected e) {
      return e.status();
    }
  }

  @Test
  void bodyTextIsReadAsUtf8() {
    String json = "{\"note\":\"caf\u00e9 \uD83D\uDE00\"}";
    APIGatewayV2HTTPEvent event =
        withBody(
            "application/json",
            Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8)));
    event.setIsBase64Encoded(true);
    assertThat(parse(event, LOCAL).params().string("note")).isEqualTo("caf\u00e9 \uD83D\uDE00");
  }
}
