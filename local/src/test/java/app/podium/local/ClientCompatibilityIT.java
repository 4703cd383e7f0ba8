package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.StoredState;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * What third-party clients met as a new user would (issue 17, item 4), over HTTP: Mastodon.py's
 * {@code GET /api/v1/instance/}, Mastodon's 404 body for what no route serves, megalodon's detector
 * reading nodeinfo, and parameters in a shape no route reads them in.
 */
@PodiumIT
class ClientCompatibilityIT {
  /** Rate-limit counters may move on a refused request; nothing else may. */
  static final Set<Tables.Table> NOT_COMPARED = Set.of(Tables.RATE_LIMITS);

  static LocalStack stack;
  static Podium podium;
  static ApiClient api;

  @PodiumIT.Member("compat_alice")
  static String alice;

  @Test
  void aTrailingSlashReachesTheSameRouteWithItsQueryAndToken() {
    var withSlash = api.get("/api/v1/instance/").send().expect(200);
    assertThat(withSlash.json()).isEqualTo(api.get("/api/v1/instance").send().expect(200).json());

    podium.post(alice, "seen through a trailing slash");
    var home = api.get("/api/v1/timelines/home/?limit=1").token(alice).send().expect(200);
    assertThat(home.json())
        .isEqualTo(api.get("/api/v1/timelines/home?limit=1").token(alice).send().json());
    assertThat(home.json()).hasSize(1);
    assertThat(api.get("/api/v1/timelines/home/").send().status())
        .isEqualTo(api.get("/api/v1/timelines/home").send().status())
        .isEqualTo(401);
  }

  @Test
  void whatNoRouteServesIsMastodons404WithNothingWritten() {
    for (Supplier<ApiClient.Call> call :
        List.<Supplier<ApiClient.Call>>of(
            () -> api.get("/api/v1/nope"),
            () -> api.get("/api/v1/nope/"),
            () -> api.get("/api/v1/instance//"),
            () -> api.delete("/api/v1/instance"),
            () -> api.post("/api/v1/timelines/home").token(alice),
            () -> api.get("/"))) {
      StoredState before = StoredState.of(stack, NOT_COMPARED);
      var response = call.get().send();

      assertThat(response.status()).as(response.toString()).isEqualTo(404);
      assertThat(response.header("content-type")).startsWith("application/json");
      assertThat(response.json().size()).as(response.body()).isOne();
      assertThat(response.field("error")).isEqualTo("Record not found");
      assertThat(StoredState.of(stack, NOT_COMPARED)).isEqualTo(before);
    }
  }

  /** megalodon's detector() threw "Unknown SNS": it knows a server by software or upstream name. */
  @Test
  void nodeinfoSaysTheApiIsMastodonsAndKeepsItsOwnName() {
    var info = api.get("/nodeinfo/2.0").send().expect(200).json();

    assertThat(info.at("/software/name").asText()).isEqualTo("podium");
    assertThat(info.at("/metadata/upstream/name").asText()).isEqualTo("mastodon");
    assertThat(info.at("/metadata/upstream/version").asText())
        .isEqualTo(api.get("/api/v2/instance").send().json().get("version").asText().split(" ")[0]);
    assertThat(info.at("/metadata/nodeName").asText()).isEqualTo("Podium");
    assertThat(info.at("/metadata/nodeDescription").asText()).isNotBlank();
  }

  /** {@code {"status": ["a"]}} posted "a" and {@code {"status": "\ud800"}} posted "?", with 200. */
  @Test
  void aListForOneValueALoneSurrogateAndANumberOutOfRangeAre422sWritingNothing() {
    record Malformed(String field, ApiClient.Call call) {}
    for (Malformed malformed :
        List.of(
            new Malformed(
                "status",
                api.post("/api/v1/statuses")
                    .token(alice)
                    .raw("application/json", "{\"status\":[\"a\"]}")),
            new Malformed(
                "status",
                api.post("/api/v1/statuses")
                    .token(alice)
                    .raw("application/json", "{\"status\":\"a \\ud800\"}")),
            new Malformed(
                "status",
                api.post("/api/v1/statuses")
                    .token(alice)
                    .raw("application/x-www-form-urlencoded", "status%5B%5D=a")),
            new Malformed(
                "id", api.get("/api/v1/accounts/relationships?id%5B%5D=1&id=2").token(alice)),
            new Malformed(
                "limit", api.get("/api/v1/timelines/home?limit=99999999999999999999").token(alice)),
            new Malformed(
                "display_name",
                api.patch("/api/v1/accounts/update_credentials")
                    .token(alice)
                    .raw("application/json", "{\"display_name\":[\"Alice\"]}")))) {
      StoredState before = StoredState.of(stack, NOT_COMPARED);
      var response = malformed.call().send();

      response.invalid(malformed.field(), "ERR_INVALID");
      assertThat(StoredState.of(stack, NOT_COMPARED)).as(malformed.field()).isEqualTo(before);
    }
  }
}
