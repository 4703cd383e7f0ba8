package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.TestStacks;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Reading accounts by id and by acct, and editing one's own profile, through the HTTP API. */
@PodiumIT
class AccountsIT {
  static LocalStack stack;
  static Podium podium;
  static ApiClient api;

  /** The {@code host:port} of the stack's public URL: the domain in a local {@code acct}. */
  static String domain;

  @PodiumIT.Member("alice")
  static String aliceToken;

  static String aliceId;

  @BeforeAll
  static void start() throws Exception {
    domain = TestStacks.domain(stack);
    aliceId = podium.accountId(aliceToken);
  }

  /** A signup with a fresh invite of the admin's, under this username and email. */
  static ApiClient.Response signupInvited(String admin, String username, String email) {
    String code = podium.inviteCode(admin, Map.of());
    return podium.signup(Podium.signupForm(username, email, "correct horse battery", code));
  }

  /** A PATCH of the member's own profile, its body still to give (a form or JSON). */
  static ApiClient.Call updateCredentials(String token) {
    return api.patch("/api/v1/accounts/update_credentials").token(token);
  }

  @Test
  void anEmailThatNfkcWouldChangeIsRefusedWritingNothingAndNoLookAlikeLogsIntoAnotherMember() {
    String admin = podium.adminToken();
    var kate = signupInvited(admin, "kate", "kate@example.com");
    assertThat(kate.status()).as(kate.toString()).isEqualTo(200);
    int accounts = podium.count(Tables.ACCOUNTS);
    int claims = podium.count(Tables.UNIQUE_KEYS);
    // the Kelvin sign (kate's key under toLowerCase), a fresh one, full-width letters, a ligature,
    // a combining mark
    List<String> lookAlikes =
        List.of(
            "\u212Aate@example.com",
            "\u212Aelvin@example.com",
            "\uFF4B\uFF41\uFF54\uFF45@example.com",
            "\uFB01le@example.com",
            "e\u0301mile@example.com");
    int n = 0;
    for (String email : lookAlikes) {
      var response = signupInvited(admin, "lookalike" + n++, email);
      assertThat(response.status()).as(email + ": " + response).isEqualTo(422);
      assertThat(response.json().at("/details/email/0/error").asText())
          .as(email)
          .isEqualTo("ERR_INVALID");
      assertThat(response.json().at("/details").size()).as(email + ": only the email").isEqualTo(1);
    }
    assertThat(podium.count(Tables.ACCOUNTS)).isEqualTo(accounts);
    assertThat(podium.count(Tables.UNIQUE_KEYS)).isEqualTo(claims);

    assertThat(podium.login("\u212Aate@example.com", "correct horse battery").status())
        .as("Kelvin email login")
        .isEqualTo(400);
    assertThat(podium.login("\u212Aate", "correct horse battery").status())
        .as("Kelvin username login")
        .isEqualTo(400);
    assertThat(podium.login("KATE@Example.com", "correct horse battery").status())
        .as("case still folds")
        .isEqualTo(200);
    var emile = signupInvited(admin, "emile", "\u00E9mile@example.com");
    assertThat(emile.status()).as("a precomposed letter: " + emile).isEqualTo(200);
  }

  @Test
  void anAccountByIdHasMastodonsAccountFields() {
    var response = api.get("/api/v1/accounts/" + aliceId).send();

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.header("content-type")).startsWith("application/json");
    assertIsAlice(response.json());
  }

  @Test
  void lookupFindsAnAccountByUsernameByAtUsernameAndByUsernameAtThisDomain() {
    for (String acct : List.of("alice", "@alice", "alice@" + domain, "@alice@" + domain, "Alice")) {
      var response = api.get("/api/v1/accounts/lookup?acct=" + encode(acct)).send();

      assertThat(response.status()).as(acct + " -> " + response).isEqualTo(200);
      assertIsAlice(response.json());
    }
  }

  @Test
  void lookupOfAnUnknownNameOrAnotherDomainIs404Json() {
    for (String query :
        List.of(
            "acct=nobody",
            "acct=" + encode("alice@elsewhere.example"),
            "acct=" + encode("alice@" + domain + "0"),
            "acct=",
            "",
            "acct=" + encode("../alice"),
            "acct=" + encode("alice@"),
            "acct=" + "a".repeat(400))) {
      var response = api.get("/api/v1/accounts/lookup?" + query).send();

      assertThat(response.status()).as(query + " -> " + response).isEqualTo(404);
      assertThat(response.field("error")).isEqualTo("Record not found");
    }
  }

  @Test
  void anUnknownANonNumericOrATraversalIdIs404Json() {
    for (String id :
        List.of(
            "999999999999999",
            "abc",
            "-1",
            "1".repeat(25),
            "..%2F..%2Fetc",
            "%2e%2e",
            aliceId + "%00",
            aliceId + "x")) {
      var response = api.get("/api/v1/accounts/" + id).send();

      assertThat(response.status()).as(id + " -> " + response).isEqualTo(404);
      assertThat(response.header("content-type")).startsWith("application/json");
      assertThat(response.field("error")).isEqualTo("Record not found");
    }
  }

  /** Unencoded, the traversal has more segments than any route: API Gateway itself answers 404. */
  @Test
  void aLiteralTraversalPathIs404JsonFromTheGateway() {
    var response = api.get("/api/v1/accounts/../../etc/passwd").send();

    assertThat(response.status()).as(response.toString()).isEqualTo(404);
    assertThat(response.header("content-type")).startsWith("application/json");
    assertThat(response.json().isObject()).isTrue();
    assertThat(response.body()).doesNotContain("root:");
  }

  @Test
  void updateCredentialsFromAFormChangesDisplayNameAndNote() {
    String token = podium.member("bob");

    var update =
        updateCredentials(token)
            .form(Map.of("display_name", "Bob the Builder", "note", "Can we fix it?"))
            .send();

    assertThat(update.status()).as(update.toString()).isEqualTo(200);
    assertThat(update.field("display_name")).isEqualTo("Bob the Builder");
    assertThat(update.field("note")).isEqualTo("<p>Can we fix it?</p>");
    var stored = api.get("/api/v1/accounts/" + update.field("id")).send();
    assertThat(stored.field("display_name")).isEqualTo("Bob the Builder");
    assertThat(stored.field("note")).isEqualTo("<p>Can we fix it?</p>");
  }

  @Test
  void updateCredentialsFromJsonChangesDisplayNameAndNote() {
    String token = podium.member("carol");

    var update =
        updateCredentials(token)
            .json(
                Map.of(
                    "display_name", "Carol ✨", "note", "First line\nsecond line\n\nNew paragraph"))
            .send();

    assertThat(update.status()).as(update.toString()).isEqualTo(200);
    var stored = api.get("/api/v1/accounts/" + update.field("id")).send();
    assertThat(stored.field("display_name")).isEqualTo("Carol ✨");
    assertThat(stored.field("note"))
        .isEqualTo("<p>First line<br />second line</p><p>New paragraph</p>");
  }

  @Test
  void updateCredentialsWithOnlyANoteKeepsTheDisplayName() {
    String token = podium.member("dave");
    updateCredentials(token).form(Map.of("display_name", "Dave")).send();

    var update = updateCredentials(token).json(Map.of("note", "hello")).send();

    assertThat(update.status()).as(update.toString()).isEqualTo(200);
    assertThat(update.field("display_name")).isEqualTo("Dave");
    assertThat(update.field("note")).isEqualTo("<p>hello</p>");
  }

  @Test
  void aNoteWithHtmlComesBackEscapedInsideAParagraphAndRawInSource() {
    String token = podium.member("erin");
    String note = "<script>x</script>";

    var update =
        updateCredentials(token).form(Map.of("note", note, "display_name", "<b>Erin</b>")).send();

    assertThat(update.status()).as(update.toString()).isEqualTo(200);
    assertThat(update.field("note")).isEqualTo("<p>&lt;script&gt;x&lt;/script&gt;</p>");
    assertThat(update.json().at("/source/note").asText()).isEqualTo(note);
    var me = api.get("/api/v1/accounts/verify_credentials").token(token).send();
    assertThat(me.field("note")).isEqualTo("<p>&lt;script&gt;x&lt;/script&gt;</p>");
    assertThat(me.json().at("/source/note").asText()).isEqualTo(note);
    var shown = api.get("/api/v1/accounts/" + me.field("id")).send();
    assertThat(shown.field("note")).isEqualTo("<p>&lt;script&gt;x&lt;/script&gt;</p>");
    assertThat(shown.body()).doesNotContain("<script>");
    // display_name is plain text in Mastodon's entity: clients escape it, so it is returned as
    // entered
    assertThat(shown.field("display_name")).isEqualTo("<b>Erin</b>");
  }

  @Test
  void aDisplayNameOver30CharactersOrANoteOver500Is422AndChangesNothing() {
    String token = podium.member("frank");
    updateCredentials(token).form(Map.of("display_name", "Frank", "note", "before")).send();
    var before = api.get("/api/v1/accounts/verify_credentials").token(token).send();
    int accounts = podium.count(Tables.ACCOUNTS);

    var longName =
        updateCredentials(token)
            .form(Map.of("display_name", "x".repeat(31), "note", "after"))
            .send();
    var longNote =
        updateCredentials(token)
            .json(Map.of("display_name", "Frank 2", "note", "y".repeat(501)))
            .send();

    longName.invalid("display_name", "ERR_TOO_LONG");
    longNote.invalid("note", "ERR_TOO_LONG");
    var after = api.get("/api/v1/accounts/verify_credentials").token(token).send();
    assertThat(after.body()).isEqualTo(before.body());
    assertThat(after.field("display_name")).isEqualTo("Frank");
    assertThat(podium.count(Tables.ACCOUNTS)).isEqualTo(accounts);
  }

  @Test
  void theLengthLimitsCountCharactersNotUtf16Units() {
    String token = podium.member("grace");
    String thirtyEmoji = "😀".repeat(30);
    String fiveHundredEmoji = "🎉".repeat(500);

    var update =
        updateCredentials(token)
            .json(Map.of("display_name", thirtyEmoji, "note", fiveHundredEmoji))
            .send();

    assertThat(update.status()).as(update.toString()).isEqualTo(200);
    assertThat(update.field("display_name")).isEqualTo(thirtyEmoji);
    assertThat(update.json().at("/source/note").asText()).isEqualTo(fiveHundredEmoji);
  }

  @Test
  void verifyCredentialsShowsSourceAndRole() {
    var member = api.get("/api/v1/accounts/verify_credentials").token(aliceToken).send();

    assertThat(member.status()).as(member.toString()).isEqualTo(200);
    assertIsAlice(member.json());
    JsonNode source = member.json().get("source");
    assertThat(source).as(member.body()).isNotNull();
    assertThat(source.get("privacy").asText()).isEqualTo("public");
    assertThat(source.get("sensitive").isBoolean()).isTrue();
    assertThat(source.get("language").asText()).isEqualTo("en");
    assertThat(source.get("note").isTextual()).isTrue();
    assertThat(source.get("fields").isArray()).isTrue();
    JsonNode role = member.json().get("role");
    assertThat(role.get("id").isTextual()).isTrue();
    assertThat(role.get("permissions").isTextual()).isTrue();
    assertThat(role.get("highlighted").asBoolean()).isFalse();

    var admin = api.get("/api/v1/accounts/verify_credentials").token(podium.adminToken()).send();
    assertThat(admin.json().at("/role/name").asText()).isEqualTo("Owner");
    assertThat(admin.json().at("/role/highlighted").asBoolean()).isTrue();
    // what only the owner sees stays out of the public entity
    var publicView = api.get("/api/v1/accounts/" + aliceId).send();
    assertThat(publicView.json().has("source")).isFalse();
    assertThat(publicView.json().has("role")).isFalse();
    assertThat(publicView.body()).doesNotContain("alice@example.com");
  }

  private static void assertIsAlice(JsonNode account) {
    assertThat(account.get("id").isTextual()).as(account.toString()).isTrue();
    assertThat(account.get("id").asText()).isEqualTo(aliceId).matches("[0-9]+");
    assertThat(account.get("username").asText()).isEqualTo("alice");
    assertThat(account.get("acct").asText()).isEqualTo("alice");
    assertThat(account.get("display_name").isTextual()).isTrue();
    assertThat(account.get("created_at").asText())
        .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.000Z");
    assertThat(account.get("note").isTextual()).isTrue();
    assertThat(account.get("url").asText()).isEqualTo(stack.url() + "/@alice");
    assertThat(account.get("emojis").isArray()).isTrue();
    assertThat(account.get("emojis")).isEmpty();
    assertThat(account.get("fields").isArray()).isTrue();
    assertThat(account.get("fields")).isEmpty();
    assertThat(account.get("followers_count").isNumber()).isTrue();
    assertThat(account.get("locked").isBoolean()).isTrue();
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
