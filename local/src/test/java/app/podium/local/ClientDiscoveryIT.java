package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What Mastodon clients call on first contact after logging in (emoji, preferences, markers,
 * notifications), and the OpenAPI document.
 */
@PodiumIT
class ClientDiscoveryIT {
  static LocalStack stack;
  static Podium podium;

  @PodiumIT.Member("discoverer")
  static String token;

  @Test
  void customEmojisAreAnEmptyListForAnyone() {
    ApiClient.Response response = podium.api.get("/api/v1/custom_emojis").send();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.json().isArray()).isTrue();
    assertThat(response.json()).isEmpty();
  }

  @Test
  void preferencesHaveMastodonsKeysAndNeedAMember() {
    ApiClient.Response response = podium.api.get("/api/v1/preferences").token(token).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode preferences = response.json();
    assertThat(preferences.get("posting:default:visibility").asText()).isEqualTo("public");
    assertThat(preferences.get("posting:default:sensitive").isBoolean()).isTrue();
    assertThat(preferences.has("posting:default:language")).isTrue();
    assertThat(preferences.get("reading:expand:media").asText()).isEqualTo("default");
    assertThat(preferences.get("reading:expand:spoilers").isBoolean()).isTrue();
    assertThat(podium.api.get("/api/v1/preferences").send().status()).isEqualTo(401);
    assertThat(podium.api.get("/api/v1/preferences").token(podium.appToken).send().status())
        .isEqualTo(422);
  }

  @Test
  void notificationsAreAnEmptyPageWithoutALinkHeader() {
    ApiClient.Response response =
        podium.api.get("/api/v1/notifications?limit=5").token(token).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json()).isEmpty();
    assertThat(response.header("Link")).isNull();
    assertThat(podium.api.get("/api/v1/notifications").send().status()).isEqualTo(401);
  }

  @Test
  void theHomeMarkerIsSavedVersionedAndReadBackPerMember() {
    String other = podium.member("otherreader");
    assertThat(podium.api.get("/api/v1/markers?timeline[]=home").token(token).send().json())
        .isEmpty();

    String first = podium.post(token, "marked");
    ApiClient.Response saved =
        podium
            .api
            .post("/api/v1/markers")
            .token(token)
            .form(Map.of("home[last_read_id]", first))
            .send();
    assertThat(saved.status()).as(saved.toString()).isEqualTo(200);
    assertThat(saved.json().at("/home/last_read_id").asText()).isEqualTo(first);
    assertThat(saved.json().at("/home/version").asLong()).isEqualTo(1);
    assertThat(saved.json().at("/home/updated_at").asText()).endsWith("Z");

    ApiClient.Response again =
        podium
            .api
            .post("/api/v1/markers")
            .token(token)
            .json(Map.of("home", Map.of("last_read_id", "12345")))
            .send();
    assertThat(again.json().at("/home/version").asLong()).isEqualTo(2);

    JsonNode read =
        podium
            .api
            .get("/api/v1/markers?timeline[]=home&timeline[]=notifications")
            .token(token)
            .send()
            .json();
    assertThat(read.at("/home/last_read_id").asText()).isEqualTo("12345");
    assertThat(read.has("notifications")).isFalse();
    assertThat(podium.api.get("/api/v1/markers?timeline[]=home").token(other).send().json())
        .isEmpty();

    ApiClient.Response invalid =
        podium
            .api
            .post("/api/v1/markers")
            .token(token)
            .form(Map.of("home[last_read_id]", "not-an-id"))
            .send();
    assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
    assertThat(podium.api.get("/api/v1/markers").send().status()).isEqualTo(401);
  }

  @Test
  void theOpenApiDocumentIsServedAsJson() {
    ApiClient.Response response = podium.api.get("/api/openapi.json").send();
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("Content-Type")).startsWith("application/json");
    assertThat(response.json().get("openapi").asText()).startsWith("3.1.");
    assertThat(response.json().at("/paths/~1api~1v1~1markers/post/operationId").asText())
        .isEqualTo("saveMarkers");
  }
}
