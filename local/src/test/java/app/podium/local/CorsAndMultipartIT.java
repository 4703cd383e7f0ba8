package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Routes;
import app.podium.http.Route;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What browser clients and masto need of the transport: preflight on every route, CORS headers,
 * multipart forms.
 */
@PodiumIT
class CorsAndMultipartIT {
  static LocalStack stack;
  static Podium podium;

  @Test
  void everyRouteAnswersAPreflightWithoutATokenAndAllowsItsMethod() {
    for (Route<?> route : Routes.ALL) {
      String path = route.path().replaceAll("\\{[^}]+}", "123");
      ApiClient.Response response =
          podium
              .api
              .options(path)
              .header("Origin", "https://elk.example")
              .header("Access-Control-Request-Method", route.method().name())
              .header("Access-Control-Request-Headers", "authorization,content-type")
              .send();
      assertThat(response.status()).as(route.key()).isEqualTo(204);
      assertThat(response.header("Access-Control-Allow-Origin")).as(route.key()).isEqualTo("*");
      assertThat(response.header("Access-Control-Allow-Methods").split(", "))
          .as(route.key())
          .contains(route.method().name());
      assertThat(response.header("Access-Control-Allow-Headers"))
          .as(route.key())
          .containsIgnoringCase("authorization")
          .containsIgnoringCase("content-type");
    }
    assertThat(podium.api.options("/api/v1/nothing-here").send().status()).isEqualTo(404);
  }

  @Test
  void actualResponsesExposeLinkAndRateLimitHeaders() {
    String token = podium.member("corsmember");
    podium.post(token, "one");
    for (ApiClient.Response response :
        new ApiClient.Response[] {
          podium.api.get("/api/v1/timelines/home").token(token).send(),
          podium.api.get("/api/v1/timelines/home").send(),
          podium.api.get("/api/v1/instance").send()
        }) {
      assertThat(response.header("Access-Control-Allow-Origin"))
          .as(response.toString())
          .isEqualTo("*");
      assertThat(response.header("Access-Control-Expose-Headers"))
          .as(response.toString())
          .contains("Link")
          .contains("X-RateLimit-Remaining");
    }
  }

  @Test
  void aMultipartSignupCreatesTheAccount() {
    String invite = podium.inviteCode(podium.adminToken(), Map.of());
    String boundary = "----formdata-undici-041839254963";
    StringBuilder body = new StringBuilder();
    Map.of(
            "username",
            "multi",
            "email",
            "multi@example.com",
            "password",
            "correct horse battery",
            "agreement",
            "true",
            "locale",
            "en",
            "invite_code",
            invite)
        .forEach(
            (name, value) ->
                body.append("--")
                    .append(boundary)
                    .append("\r\nContent-Disposition: form-data; name=\"")
                    .append(name)
                    .append("\"\r\n\r\n")
                    .append(value)
                    .append("\r\n"));
    body.append("--").append(boundary).append("--\r\n");
    ApiClient.Response response =
        podium
            .api
            .post("/api/v1/accounts")
            .token(podium.appToken)
            .header("CloudFront-Viewer-Address", Podium.freshAddress() + ":4000")
            .bytes(
                "multipart/form-data; boundary=" + boundary,
                body.toString().getBytes(StandardCharsets.UTF_8))
            .send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.field("access_token")).isNotBlank();

    ApiClient.Response malformed =
        podium
            .api
            .post("/api/v1/accounts")
            .token(podium.appToken)
            .bytes(
                "multipart/form-data; boundary=" + boundary,
                ("--" + boundary + "\r\nno headers end").getBytes(StandardCharsets.UTF_8))
            .send();
    assertThat(malformed.status()).as(malformed.toString()).isEqualTo(400);
  }
}
