package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.TestStacks;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The waitlist phase: anyone in an allowed country joins with an email; admins release the longest
 * waiting in batches, each with a single-use invite; signup still needs an invite. Release always
 * takes the oldest entries of the whole stack, so the tests that release first release everything
 * waiting.
 */
@PodiumIT(settings = {"SIGNUP_MODE", "waitlist"})
class WaitlistIT {
  static LocalStack stack;
  static Podium podium;
  @PodiumIT.Admin static String admin;

  @Test
  void joiningWithAnEmailPutsItOnTheWaitlist() {
    int waitlist = podium.count(Tables.WAITLIST);
    Instant before = Instant.now().minusSeconds(1);

    var joined = join(podium, "  Joiner@Example.COM ");

    assertThat(joined.status()).as(joined.toString()).isEqualTo(200);
    assertThat(joined.field("status")).isEqualTo("waiting");
    assertThat(joined.field("email")).isEqualTo("joiner@example.com");
    assertThat(Instant.parse(joined.field("joined_at"))).isAfter(before);
    assertThat(joined.field("invite_code")).isNull();
    assertThat(podium.count(Tables.WAITLIST)).isEqualTo(waitlist + 1);

    var again = join(podium, "joiner@example.com");
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(podium.count(Tables.WAITLIST)).as("one entry per email").isEqualTo(waitlist + 1);
  }

  @Test
  void aBlankOrInvalidEmailIsRefusedWithDetailsAndWritesNothing() {
    int waitlist = podium.count(Tables.WAITLIST);
    Map<String, String> cases =
        Map.of(
            "",
            "ERR_BLANK",
            "   ",
            "ERR_BLANK",
            "not-an-email",
            "ERR_INVALID",
            "someone@localhost",
            "ERR_INVALID",
            "two@@example.com",
            "ERR_INVALID",
            "spaced out@example.com",
            "ERR_INVALID",
            "x".repeat(250) + "@example.com",
            "ERR_INVALID",
            // the Kelvin sign, which lower case turned into the k of kate@example.com
            "\u212Aate@example.com",
            "ERR_INVALID");

    cases.forEach(
        (email, error) -> {
          var response = join(podium, email);
          assertThat(response.status()).as("'%s': %s", email, response).isEqualTo(422);
          assertThat(response.json().at("/details/email/0/error").asText())
              .as("'%s'", email)
              .isEqualTo(error);
        });
    var missing = podium.api.post("/api/v1/waitlist").form(Map.of()).send();
    missing.invalid("email", "ERR_BLANK");

    assertThat(podium.count(Tables.WAITLIST)).isEqualTo(waitlist);
  }

  @Test
  void joiningFromADisallowedCountryIsForbiddenAndWritesNothing() {
    int waitlist = podium.count(Tables.WAITLIST);

    var abroad =
        podium
            .api
            .post("/api/v1/waitlist")
            .header("CloudFront-Viewer-Country", "FR")
            .header("CloudFront-Viewer-Address", Podium.freshAddress() + ":1234")
            .form(Map.of("email", "abroad@example.com"))
            .send();

    assertThat(abroad.status()).as(abroad.toString()).isEqualTo(403);
    assertThat(abroad.field("error")).contains("country");
    assertThat(podium.count(Tables.WAITLIST)).isEqualTo(waitlist);
    var home =
        podium
            .api
            .post("/api/v1/waitlist")
            .header("CloudFront-Viewer-Country", "US")
            .form(Map.of("email", "home@example.com"))
            .send();
    assertThat(home.status()).as(home.toString()).isEqualTo(200);
  }

  @Test
  void releaseGivesTheLongestWaitingAnInviteEachOldestFirstAndNeverTheSameEmailTwice()
      throws Exception {
    drain();
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      emails.add("queued" + i + "@example.com");
      assertThat(join(podium, emails.getLast()).status()).isEqualTo(200);
      Thread.sleep(5);
    }
    // Joining again keeps the original place in the queue.
    assertThat(join(podium, emails.getFirst()).status()).isEqualTo(200);
    int waitlist = podium.count(Tables.WAITLIST);
    int invites = podium.count(Tables.INVITES);

    JsonNode first = release(admin, 2);
    JsonNode second = release(admin, 2);
    JsonNode third = release(admin, 2);
    JsonNode fourth = release(admin, 2);

    assertThat(emailsOf(first)).containsExactly(emails.get(0), emails.get(1));
    assertThat(emailsOf(second)).containsExactly(emails.get(2), emails.get(3));
    assertThat(emailsOf(third)).containsExactly(emails.get(4));
    assertThat(fourth).isEmpty();

    List<JsonNode> released = new ArrayList<>();
    for (JsonNode batch : List.of(first, second, third)) {
      batch.forEach(released::add);
    }
    Map<String, JsonNode> adminInvites = new HashMap<>();
    podium
        .api
        .get("/api/v1/invites")
        .token(admin)
        .send()
        .json()
        .forEach(invite -> adminInvites.put(invite.get("code").asText(), invite));
    for (JsonNode entry : released) {
      assertThat(entry.get("status").asText()).isEqualTo("released");
      assertThat(entry.get("released_at").asText()).isNotBlank();
      String code = entry.get("invite_code").asText();
      assertThat(adminInvites).containsKey(code);
      assertThat(adminInvites.get(code).get("max_uses").asInt()).isEqualTo(1);
      assertThat(adminInvites.get(code).get("usable").asBoolean()).isTrue();
    }
    assertThat(released.stream().map(e -> e.get("invite_code").asText())).doesNotHaveDuplicates();
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites + 5);
    assertThat(podium.count(Tables.WAITLIST))
        .as("release changes entries, adds none")
        .isEqualTo(waitlist);

    // A released email that joins again is not queued a second time.
    assertThat(join(podium, emails.get(1)).status()).isEqualTo(200);
    assertThat(release(admin, 5)).isEmpty();
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites + 5);
  }

  /**
   * Four releases of 3 race over 6 waiting: together they release all 6, each once. A release that
   * loses an entry to another moves on to the next waiting instead of coming back short, and the
   * invite it made for the lost entry is revoked.
   */
  @Test
  void concurrentReleasesReleaseEveryoneWaitingOnceAndLeaveNoSpareInviteUsable() {
    drain();
    List<String> emails = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      emails.add("contended" + i + "@example.com");
      assertThat(join(podium, emails.getLast()).status()).isEqualTo(200);
    }
    String otherAdmin = podium.adminToken();
    List<String> before =
        ApiClient.texts(
            ApiClient.ok(podium.api.get("/api/v1/invites").token(admin).send()), "code");

    List<ApiClient.Response> responses =
        Concurrently.run(
            4,
            i ->
                podium
                    .api
                    .post("/api/v1/admin/waitlist/release")
                    .token(i % 2 == 0 ? admin : otherAdmin)
                    .form(Map.of("count", 3))
                    .send());

    List<JsonNode> released = new ArrayList<>();
    for (ApiClient.Response response : responses) {
      assertThat(response.status()).as(response.toString()).isEqualTo(200);
      assertThat(response.json().size()).as(response.toString()).isLessThanOrEqualTo(3);
      response.json().forEach(released::add);
    }
    assertThat(released.stream().map(e -> e.get("email").asText()))
        .as(responses.toString())
        .containsExactlyInAnyOrderElementsOf(emails);
    assertThat(release(admin, 500)).as("nobody left waiting").isEmpty();
    List<String> releasedCodes = released.stream().map(e -> e.get("invite_code").asText()).toList();
    assertThat(releasedCodes).doesNotHaveDuplicates();

    List<JsonNode> made =
        StreamSupport.stream(
                podium.api.get("/api/v1/invites").token(admin).send().json().spliterator(), false)
            .filter(i -> !before.contains(i.get("code").asText()))
            .toList();
    assertThat(
            made.stream().filter(i -> i.get("usable").asBoolean()).map(i -> i.get("code").asText()))
        .as("exactly the invites handed out stay usable")
        .containsExactlyInAnyOrderElementsOf(releasedCodes);
  }

  @Test
  void sixteenConcurrentJoinsWithOneEmailMakeOneEntry() {
    int waitlist = podium.count(Tables.WAITLIST);

    List<ApiClient.Response> responses =
        Concurrently.run(
            16, i -> join(podium, i % 2 == 0 ? "Crowd@Example.com" : "crowd@example.com"));

    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.toString()).isEqualTo(200));
    assertThat(podium.count(Tables.WAITLIST)).isEqualTo(waitlist + 1);
  }

  @Test
  void aReleasedCodeSignsUpOnce() {
    drain();
    assertThat(join(podium, "released.signup@example.com").status()).isEqualTo(200);
    JsonNode released = release(admin, 1);
    assertThat(emailsOf(released)).containsExactly("released.signup@example.com");
    String code = released.get(0).get("invite_code").asText();

    var signup =
        podium.signup(
            Podium.signupForm(
                "from_waitlist", "released.signup@example.com", "correct horse battery", code));
    assertThat(signup.status()).as(signup.toString()).isEqualTo(200);
    var me = podium.me(signup.field("access_token"));
    assertThat(me.field("username")).isEqualTo("from_waitlist");

    podium.assertSignupRefused("second_from_waitlist", code, "ERR_INVALID");
  }

  @Test
  void aMemberOrAnAnonymousCallerCannotRelease() {
    String member = podium.member("waitlist_member");
    assertThat(join(podium, "hopeful@example.com").status()).isEqualTo(200);
    int invites = podium.count(Tables.INVITES);

    var asMember =
        podium
            .api
            .post("/api/v1/admin/waitlist/release")
            .token(member)
            .form(Map.of("count", 2))
            .send();
    assertThat(asMember.status()).as(asMember.toString()).isEqualTo(403);
    var anonymous =
        podium.api.post("/api/v1/admin/waitlist/release").form(Map.of("count", 2)).send();
    assertThat(anonymous.status()).as(anonymous.toString()).isEqualTo(401);

    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites);
    assertThat(emailsOf(release(admin, 500))).contains("hopeful@example.com");
  }

  @Test
  void aReleaseCountOutsideOneTo500IsRefusedAndWritesNothing() {
    assertThat(join(podium, "patient@example.com").status()).isEqualTo(200);
    int invites = podium.count(Tables.INVITES);

    for (Object count : List.of(0, 501, -1, "abc")) {
      var response =
          podium
              .api
              .post("/api/v1/admin/waitlist/release")
              .token(admin)
              .form(Map.of("count", count))
              .send();
      assertThat(response.status()).as("count=%s: %s", count, response).isEqualTo(422);
      assertThat(response.json().at("/details/count/0/error").asText())
          .as("count=%s", count)
          .isNotBlank();
    }

    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites);
    assertThat(emailsOf(release(admin, 500))).as("still waiting").contains("patient@example.com");
  }

  @Test
  void signupWithoutAnInviteIsStillRefusedInWaitlistMode() {
    podium.assertSignupRefused("no_invite", null, "ERR_BLANK");
  }

  @Test
  void theInstanceAnnouncesTheWaitlistPhase() {
    var instance = podium.api.get("/api/v2/instance").send();
    assertThat(instance.status()).isEqualTo(200);
    assertThat(instance.json().at("/registrations/mode").asText()).isEqualTo("waitlist");
    assertThat(instance.json().at("/registrations/invite_required").asBoolean()).isTrue();
  }

  @Test
  void inInviteOnlyModeTheWaitlistIsClosed() throws Exception {
    try (LocalStack inviteOnly = TestStacks.start(Map.of("SIGNUP_MODE", "invite_only"))) {
      Podium closed = new Podium(inviteOnly);
      int waitlist = closed.count(Tables.WAITLIST);

      var joined = join(closed, "early@example.com");

      assertThat(joined.status()).as(joined.toString()).isEqualTo(403);
      assertThat(joined.field("error")).isNotBlank();
      assertThat(closed.count(Tables.WAITLIST)).isEqualTo(waitlist);
    }
  }

  // ---------------------------------------------------------------------------------------------------

  @Test
  void waitingEntriesSpreadOverSeveralQueueIndexKeysSoARushOfJoinsHasNoHotKey() {
    for (int i = 0; i < 40; i++) {
      assertThat(join(podium, "spread" + i + "@example.com").status()).isEqualTo(200);
    }
    String table = Tables.WAITLIST.physicalName(stack.backend().settings().tablePrefix());
    var queues =
        stack.dynamoDbClient().scan(r -> r.tableName(table)).items().stream()
            .filter(item -> item.get("email").s().startsWith("spread") && item.containsKey("queue"))
            .map(item -> item.get("queue").s())
            .collect(java.util.stream.Collectors.toSet());
    assertThat(queues).allMatch(queue -> queue.startsWith("waiting#"));
    assertThat(queues).hasSizeGreaterThanOrEqualTo(8);
  }

  static ApiClient.Response join(Podium podium, String email) {
    return podium
        .api
        .post("/api/v1/waitlist")
        .header("CloudFront-Viewer-Address", Podium.freshAddress() + ":1234")
        .form(Map.of("email", email))
        .send();
  }

  static JsonNode release(String token, int count) {
    return ApiClient.okArray(
        podium
            .api
            .post("/api/v1/admin/waitlist/release")
            .token(token)
            .form(Map.of("count", count))
            .send());
  }

  static List<String> emailsOf(JsonNode entries) {
    return ApiClient.texts(entries, "email");
  }

  /** Releases everyone waiting, so that the next release starts from entries this test made. */
  static void drain() {
    while (!release(admin, 500).isEmpty()) {
      // keep releasing
    }
  }
}
