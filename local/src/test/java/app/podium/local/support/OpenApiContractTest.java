package app.podium.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The contract check itself, on answers written by hand: it passes a Mastodon Account and fails a
 * broken one.
 */
class OpenApiContractTest {
  private static final OpenApiContract CONTRACT = OpenApiContract.get();
  private static final Map<String, String> JSON =
      Map.of("content-type", "application/json; charset=utf-8");
  private static final String ACCOUNT =
      """
      {"id":"1234","username":"ada","acct":"ada","display_name":"Ada","locked":false,"bot":false,
       "discoverable":true,"indexable":false,"group":false,"created_at":"2026-11-25T00:00:00.000Z","note":"",
       "url":"http://127.0.0.1:8080/@ada","uri":"http://127.0.0.1:8080/users/ada",
       "avatar":"http://127.0.0.1:8080/a.png","avatar_static":"http://127.0.0.1:8080/a.png",
       "header":"http://127.0.0.1:8080/h.png","header_static":"http://127.0.0.1:8080/h.png",
       "followers_count":0,"following_count":0,"statuses_count":0,"last_status_at":null,
       "emojis":[],"fields":[],"roles":[]}""";

  private static ApiClient.Response answer(int status, String body) {
    return new ApiClient.Response(status, JSON, body);
  }

  @Test
  void aMastodonAccountKeepsTheContract() {
    assertThat(CONTRACT.violation("GET", "/api/v1/accounts/1234", answer(200, ACCOUNT))).isEmpty();
    assertThat(CONTRACT.violation("GET", "/api/v1/accounts/lookup?acct=ada", answer(200, ACCOUNT)))
        .isEmpty();
  }

  @Test
  void anAccountWithoutAcctIsNamedWithItsRouteAndStatus() {
    assertThat(
            CONTRACT.violation(
                "GET",
                "/api/v1/accounts/1234",
                answer(200, ACCOUNT.replace("\"acct\":\"ada\",", ""))))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .contains(
                        "GET /api/v1/accounts/{id}",
                        "answered 200",
                        "#/components/schemas/Account",
                        "acct"));
  }

  @Test
  void aTimeWithoutMillisecondsIsAViolation() {
    assertThat(
            CONTRACT.violation(
                "GET",
                "/api/v1/accounts/1234",
                answer(200, ACCOUNT.replace("00:00:00.000Z", "00:00:00Z"))))
        .hasValueSatisfying(message -> assertThat(message).contains("created_at"));
  }

  @Test
  void anUndocumentedStatusIsAViolation() {
    assertThat(
            CONTRACT.violation(
                "GET", "/api/v1/accounts/1234", answer(418, "{\"error\":\"teapot\"}")))
        .hasValueSatisfying(message -> assertThat(message).contains("418", "does not document"));
  }

  @Test
  void anErrorMustBeMastodonsErrorAndJson() {
    assertThat(
            CONTRACT.violation(
                "GET", "/api/v1/accounts/1234", answer(404, "{\"error\":\"Record not found\"}")))
        .isEmpty();
    assertThat(
            CONTRACT.violation(
                "GET", "/api/v1/accounts/1234", answer(404, "{\"message\":\"Not Found\"}")))
        .hasValueSatisfying(message -> assertThat(message).contains("error"));
    assertThat(
            CONTRACT.violation(
                "GET",
                "/api/v1/accounts/1234",
                new ApiClient.Response(404, Map.of("content-type", "text/html"), "<h1>no</h1>")))
        .hasValueSatisfying(message -> assertThat(message).contains("text/html"));
  }

  @Test
  void routesTheDocumentDoesNotHaveAreNotChecked() {
    assertThat(CONTRACT.violation("GET", "/nowhere", answer(404, "{\"message\":\"Not Found\"}")))
        .isEmpty();
    assertThat(
            CONTRACT.violation(
                "PUT", "/api/v1/statuses", answer(404, "{\"message\":\"Not Found\"}")))
        .isEmpty();
  }
}
