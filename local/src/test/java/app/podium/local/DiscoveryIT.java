package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.ApiClient;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.TestStacks;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What a client or a crawler reads first: the instance (v1 and v2) and NodeInfo, with no token. */
@PodiumIT
class DiscoveryIT {
  static final String NODEINFO_20 = "http://nodeinfo.diaspora.software/ns/schema/2.0";

  static LocalStack stack;
  static ApiClient api;
  static String domain;

  @BeforeAll
  static void start() throws Exception {
    domain = TestStacks.domain(stack);
  }

  @Test
  void instanceV2ShowsTheStatusLimitAndThatInvitesAreRequiredByDefault() {
    JsonNode instance = getJson("/api/v2/instance");

    assertThat(instance.get("domain").asText()).isEqualTo(domain);
    assertThat(instance.get("title").asText()).isEqualTo("Podium");
    assertThat(instance.get("version").asText()).startsWith("4.");
    assertThat(instance.at("/configuration/statuses/max_characters").isInt()).isTrue();
    assertThat(instance.at("/configuration/statuses/max_characters").asInt()).isEqualTo(1000);
    assertThat(instance.at("/configuration/urls/status").asText()).startsWith(stack.url());
    assertThat(instance.at("/registrations/enabled").asBoolean()).isTrue();
    assertThat(instance.at("/registrations/approval_required").isBoolean()).isTrue();
    assertThat(instance.at("/registrations/invite_required").isBoolean()).isTrue();
    assertThat(instance.at("/registrations/invite_required").asBoolean()).isTrue();
    assertThat(instance.at("/registrations/mode").asText()).isEqualTo("invite_only");
    assertThat(instance.at("/usage/users/active_month").isNumber()).isTrue();
    assertThat(instance.at("/thumbnail/url").asText()).startsWith(stack.url());
    assertThat(instance.at("/api_versions/mastodon").isInt()).isTrue();
    assertThat(instance.get("languages").isArray()).isTrue();
    assertThat(instance.get("rules").isArray()).isTrue();
    assertThat(instance.get("contact").isObject()).isTrue();
  }

  @Test
  void instanceV1ShowsTheSameLimitAndInviteRule() {
    JsonNode instance = getJson("/api/v1/instance");

    assertThat(instance.get("uri").asText()).isEqualTo(domain);
    assertThat(instance.get("title").asText()).isEqualTo("Podium");
    assertThat(instance.at("/configuration/statuses/max_characters").asInt()).isEqualTo(1000);
    assertThat(instance.get("registrations").asBoolean()).isTrue();
    assertThat(instance.get("invite_required").asBoolean()).isTrue();
    assertThat(instance.get("approval_required").isBoolean()).isTrue();
    assertThat(instance.at("/stats/user_count").isNumber()).isTrue();
    assertThat(instance.get("thumbnail").asText()).startsWith(stack.url());
    assertThat(instance.get("version").asText())
        .isEqualTo(getJson("/api/v2/instance").get("version").asText());
  }

  @Test
  void wellKnownNodeinfoLinksToNodeinfo20WithAnAbsoluteHrefThatServesIt() {
    JsonNode links = getJson("/.well-known/nodeinfo").get("links");

    assertThat(links.isArray()).isTrue();
    assertThat(links).hasSize(1);
    assertThat(links.get(0).get("rel").asText()).isEqualTo(NODEINFO_20);
    String href = links.get(0).get("href").asText();
    assertThat(URI.create(href).isAbsolute()).as(href).isTrue();
    assertThat(href).isEqualTo(stack.url() + "/nodeinfo/2.0");

    var followed = api.get(URI.create(href).getRawPath()).send();
    assertThat(followed.status()).as(followed.toString()).isEqualTo(200);
    assertThat(followed.field("version")).isEqualTo("2.0");
  }

  @Test
  void nodeinfo20HasVersionSoftwareAndTheRequiredFields() {
    JsonNode info = getJson("/nodeinfo/2.0");

    assertThat(info.get("version").asText()).isEqualTo("2.0");
    assertThat(info.at("/software/name").asText()).isEqualTo("podium").matches("^[a-z0-9-]+$");
    assertThat(info.at("/software/version").isTextual()).isTrue();
    assertThat(info.get("protocols").isArray()).isTrue();
    assertThat(info.at("/services/inbound").isArray()).isTrue();
    assertThat(info.at("/services/outbound").isArray()).isTrue();
    assertThat(info.get("openRegistrations").isBoolean()).isTrue();
    assertThat(info.get("openRegistrations").asBoolean()).as("invite-only by default").isFalse();
    assertThat(info.at("/usage/users").isObject()).isTrue();
    assertThat(info.get("metadata").isObject()).isTrue();
  }

  @Test
  void discoveryNeedsNoTokenAndAnswersJson() {
    for (String path :
        new String[] {
          "/api/v1/instance", "/api/v2/instance", "/.well-known/nodeinfo", "/nodeinfo/2.0"
        }) {
      var response = api.get(path).send();

      assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
      assertThat(response.header("content-type")).startsWith("application/json");
      assertThat(response.json().isObject()).isTrue();
    }
  }

  private static JsonNode getJson(String path) {
    var response = api.get(path).send();
    assertThat(response.status()).as(path + " -> " + response).isEqualTo(200);
    assertThat(response.header("content-type")).as(path).startsWith("application/json");
    return response.json();
  }
}
