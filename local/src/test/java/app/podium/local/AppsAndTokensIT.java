package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Registering apps, the OAuth grants, revocation and what a token may do, all through the HTTP API.
 */
@PodiumIT
class AppsAndTokensIT {
  static final String PASSWORD = "correct horse battery";

  static LocalStack stack;
  static Podium podium;
  static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    podium.member("alice");
  }

  // --- POST /api/v1/apps -------------------------------------------------------------------------

  @Test
  void registeringAnAppFromAFormReturnsItsCredentialsScopesAndRedirectUris() {
    var app =
        api.post("/api/v1/apps")
            .form(
                Map.of(
                    "client_name",
                    "Form client",
                    "redirect_uris",
                    "https://client.example/callback",
                    "scopes",
                    "read write:accounts",
                    "website",
                    "https://client.example"))
            .send();

    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    JsonNode json = app.json();
    assertThat(json.get("client_id").asText()).isNotBlank();
    assertThat(json.get("client_secret").asText())
        .isNotBlank()
        .isNotEqualTo(json.get("client_id").asText());
    assertThat(json.get("name").asText()).isEqualTo("Form client");
    assertThat(json.get("website").asText()).isEqualTo("https://client.example");
    assertThat(strings(json.get("scopes"))).containsExactly("read", "write:accounts");
    assertThat(strings(json.get("redirect_uris")))
        .containsExactly("https://client.example/callback");
    assertThat(json.get("redirect_uri").asText()).isEqualTo("https://client.example/callback");
  }

  @Test
  void registeringAnAppFromJsonReturnsItsCredentialsScopesAndRedirectUris() {
    var app =
        api.post("/api/v1/apps").json(Podium.appForm("JSON client", "read write follow")).send();

    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    JsonNode json = app.json();
    assertThat(json.get("client_id").asText()).isNotBlank();
    assertThat(json.get("client_secret").asText()).isNotBlank();
    assertThat(strings(json.get("scopes"))).containsExactly("follow", "read", "write");
    assertThat(strings(json.get("redirect_uris"))).containsExactly("urn:ietf:wg:oauth:2.0:oob");
  }

  @Test
  void registeringAnAppWithoutScopesGetsTheDefaultReadScope() {
    var app =
        api.post("/api/v1/apps")
            .form(Map.of("client_name", "Defaults", "redirect_uris", "urn:ietf:wg:oauth:2.0:oob"))
            .send();

    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    assertThat(strings(app.json().get("scopes"))).containsExactly("read");
  }

  /** Mastodon takes {@code redirect_uris} as a string or, since 4.3, an array of strings. */
  @Test
  void registeringAnAppWithAnArrayOfRedirectUrisKeepsEveryUri() {
    var json =
        api.post("/api/v1/apps")
            .json(
                Map.of(
                    "client_name",
                    "Two callbacks",
                    "redirect_uris",
                    List.of("https://client.example/a", "https://client.example/b")))
            .send();
    var form =
        api.post("/api/v1/apps")
            .raw(
                "application/x-www-form-urlencoded",
                "client_name=Two+callbacks&redirect_uris[]=https%3A%2F%2Fclient.example%2Fa"
                    + "&redirect_uris[]=https%3A%2F%2Fclient.example%2Fb")
            .send();
    var spaced =
        api.post("/api/v1/apps")
            .form(
                Map.of(
                    "client_name",
                    "Two callbacks",
                    "redirect_uris",
                    "https://client.example/a\nhttps://client.example/b"))
            .send();

    for (var app : List.of(json, form, spaced)) {
      assertThat(app.status()).as(app.toString()).isEqualTo(200);
      assertThat(strings(app.json().get("redirect_uris")))
          .containsExactly("https://client.example/a", "https://client.example/b");
    }
  }

  @Test
  void registeringAnAppWithoutClientNameAndRedirectUrisIs422WithErrBlankAndWritesNothing() {
    int apps = podium.count(Tables.APPS);

    var form = api.post("/api/v1/apps").form(Map.of("scopes", "read")).send();
    var json =
        api.post("/api/v1/apps").json(Map.of("client_name", " ", "redirect_uris", "")).send();

    for (var response : List.of(form, json)) {
      response.invalid("client_name", "ERR_BLANK").invalid("redirect_uris", "ERR_BLANK");
      assertThat(response.field("error")).isNotBlank();
    }
    assertThat(podium.count(Tables.APPS)).isEqualTo(apps);
  }

  @Test
  void registeringAnAppWithARelativeOrFragmentRedirectUriIs422AndWritesNothing() {
    int apps = podium.count(Tables.APPS);

    for (String uri : List.of("/callback", "not a uri", "https://client.example/cb#fragment")) {
      var response =
          api.post("/api/v1/apps")
              .form(Map.of("client_name", "Bad redirect", "redirect_uris", uri))
              .send();
      response.invalid("redirect_uris", "ERR_INVALID");
    }
    assertThat(podium.count(Tables.APPS)).isEqualTo(apps);
  }

  @Test
  void registeringAnAppWithAnUnknownScopeIs422AndWritesNothing() {
    int apps = podium.count(Tables.APPS);

    var response =
        api.post("/api/v1/apps").form(Podium.appForm("Greedy", "read everything")).send();

    response.invalid("scopes", "ERR_INVALID");
    assertThat(podium.count(Tables.APPS)).isEqualTo(apps);
  }

  // --- client credentials ----------------------------------------------------------------------

  @Test
  void clientCredentialsFromAFormGiveAnAppTokenThatVerifiesTheAppWithoutItsSecret() {
    var token =
        api.post("/oauth/token")
            .form(Podium.clientCredentials(podium.clientId, podium.clientSecret))
            .send();
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    assertThat(token.field("token_type")).isEqualTo("Bearer");
    assertThat(token.json().get("created_at").isNumber()).isTrue();

    var app = api.get("/api/v1/apps/verify_credentials").token(token.field("access_token")).send();

    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    assertThat(app.field("name")).isEqualTo("tests");
    assertThat(app.json().has("client_secret")).as(app.body()).isFalse();
    assertThat(app.body()).doesNotContain(podium.clientSecret);
  }

  @Test
  void clientCredentialsFromJsonGiveAnAppTokenWithTheRequestedScope() {
    var token =
        api.post("/oauth/token")
            .json(Podium.clientCredentials(podium.clientId, podium.clientSecret, "read"))
            .send();
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    assertThat(token.field("scope")).isEqualTo("read");

    var app = api.get("/api/v1/apps/verify_credentials").token(token.field("access_token")).send();
    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    assertThat(app.json().has("client_secret")).isFalse();
  }

  @Test
  void anAppTokenGets422OnAccountVerifyCredentialsBecauseItHasNoUser() {
    var response = api.get("/api/v1/accounts/verify_credentials").token(podium.appToken).send();

    assertThat(response.status()).as(response.toString()).isEqualTo(422);
    assertThat(response.field("error")).isEqualTo("This method requires an authenticated user");
  }

  /**
   * Found by AuthorizationMatrixIT: Mastodon checks a token's scopes before whether it has a user
   * (doorkeeper_authorize! runs before require_user!), so an app token without the admin scopes
   * gets 403 on an admin route, where Podium answered 422.
   */
  @Test
  void anAppTokenWithoutTheRoutesScopeGets403BeforeTheUserCheck() {
    for (var call :
        List.of(
            api.get("/api/v1/admin/accounts/1"),
            api.get("/api/v1/admin/accounts/1/invitees"),
            api.post("/api/v1/admin/waitlist/release"))) {
      var response = call.token(podium.appToken).send();

      assertThat(response.status()).as(response.toString()).isEqualTo(403);
      assertThat(response.field("error")).isEqualTo("This action is outside the authorized scopes");
    }
  }

  // --- password grant --------------------------------------------------------------------------

  @Test
  void thePasswordGrantAcceptsTheUsernameOrTheEmail() {
    var byUsername = podium.login("alice", PASSWORD);
    var byEmail = podium.login("alice@example.com", PASSWORD);

    for (var login : List.of(byUsername, byEmail)) {
      assertThat(login.status()).as(login.toString()).isEqualTo(200);
      var me =
          api.get("/api/v1/accounts/verify_credentials").token(login.field("access_token")).send();
      assertThat(me.status()).as(me.toString()).isEqualTo(200);
      assertThat(me.field("username")).isEqualTo("alice");
    }
    assertThat(byUsername.field("access_token")).isNotEqualTo(byEmail.field("access_token"));
  }

  @Test
  void aWrongPasswordAndAnUnknownUserGetByteIdenticalInvalidGrantAnswers() {
    var wrongPassword = podium.login("alice", "not the password");
    var unknownUser = podium.login("nobody_here", "not the password");
    var unknownEmail = podium.login("nobody@example.com", "not the password");

    assertThat(wrongPassword.status()).isEqualTo(400);
    assertThat(wrongPassword.field("error")).isEqualTo("invalid_grant");
    for (var other : List.of(unknownUser, unknownEmail)) {
      assertThat(other.status()).isEqualTo(wrongPassword.status());
      assertThat(other.body()).isEqualTo(wrongPassword.body());
      assertThat(other.header("content-type")).isEqualTo(wrongPassword.header("content-type"));
    }
  }

  @Test
  void aWrongClientSecretIs401InvalidClient() {
    var password =
        api.post("/oauth/token")
            .form(Podium.passwordGrant("alice", PASSWORD, podium.clientId, "wrong"))
            .send();
    var credentials =
        api.post("/oauth/token")
            .form(Podium.clientCredentials(podium.clientId, podium.clientSecret + "x"))
            .send();
    var unknownClient =
        api.post("/oauth/token")
            .form(Podium.clientCredentials("no-such-client", podium.clientSecret))
            .send();

    for (var response : List.of(password, credentials, unknownClient)) {
      assertThat(response.status()).as(response.toString()).isEqualTo(401);
      assertThat(response.field("error")).isEqualTo("invalid_client");
      assertThat(response.json().has("access_token")).isFalse();
    }
  }

  @Test
  void requestingAScopeTheAppLacksIs400InvalidScopeAndIssuesNoToken() {
    var narrow = api.post("/api/v1/apps").form(Podium.appForm("Reader", "read")).send();
    int tokens = podium.count(Tables.TOKENS);

    var credentials =
        api.post("/oauth/token")
            .form(
                Podium.clientCredentials(
                    narrow.field("client_id"), narrow.field("client_secret"), "read write"))
            .send();
    var password =
        api.post("/oauth/token")
            .form(
                Podium.passwordGrant(
                    "alice",
                    PASSWORD,
                    narrow.field("client_id"),
                    narrow.field("client_secret"),
                    "admin:read"))
            .send();

    for (var response : List.of(credentials, password)) {
      assertThat(response.status()).as(response.toString()).isEqualTo(400);
      assertThat(response.field("error")).isEqualTo("invalid_scope");
    }
    assertThat(podium.count(Tables.TOKENS)).isEqualTo(tokens);
  }

  @Test
  void anUnsupportedOrMissingGrantTypeIs400() {
    for (String grant : List.of("refresh_token", "", "PASSWORD", "implicit")) {
      var response =
          api.post("/oauth/token")
              .form(
                  Map.of(
                      "grant_type",
                      grant,
                      "client_id",
                      podium.clientId,
                      "client_secret",
                      podium.clientSecret,
                      "username",
                      "alice",
                      "password",
                      PASSWORD))
              .send();
      assertThat(response.status()).as(grant + " -> " + response).isEqualTo(400);
      assertThat(response.field("error")).isEqualTo("unsupported_grant_type");
    }
    var missing =
        api.post("/oauth/token")
            .form(Map.of("client_id", podium.clientId, "client_secret", podium.clientSecret))
            .send();
    assertThat(missing.status()).as(missing.toString()).isEqualTo(400);
    assertThat(missing.field("error")).isEqualTo("unsupported_grant_type");
  }

  // --- revocation ------------------------------------------------------------------------------

  @Test
  void aRevokedTokenGets401OnVerifyCredentials() {
    String token = podium.loginToken("alice", PASSWORD);
    assertThat(api.get("/api/v1/accounts/verify_credentials").token(token).send().status())
        .isEqualTo(200);

    var revoke = podium.revoke(token);

    assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
    assertThat(revoke.json().isObject()).isTrue();
    assertThat(revoke.json().size()).isZero();
    var after = api.get("/api/v1/accounts/verify_credentials").token(token).send();
    assertThat(after.status()).as(after.toString()).isEqualTo(401);
    assertThat(after.field("error")).isNotBlank();
    var appAfter = api.get("/api/v1/apps/verify_credentials").token(token).send();
    assertThat(appAfter.status()).isEqualTo(401);
  }

  @Test
  void revokingAnUnknownTokenAnswers200AndDeletesNothing() {
    int tokens = podium.count(Tables.TOKENS);

    var revoke = api.post("/oauth/revoke").json(podium.revokeForm("never-issued")).send();

    assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
    assertThat(revoke.body()).isEqualTo("{}");
    assertThat(podium.count(Tables.TOKENS)).isEqualTo(tokens);
  }

  @Test
  void revokingWithAnotherAppsCredentialsLeavesTheTokenWorking() {
    String token = podium.loginToken("alice", PASSWORD);
    var other = api.post("/api/v1/apps").form(Podium.appForm("Other", "read write")).send();
    int tokens = podium.count(Tables.TOKENS);

    var revoke =
        api.post("/oauth/revoke")
            .form(
                Map.of(
                    "client_id",
                    other.field("client_id"),
                    "client_secret",
                    other.field("client_secret"),
                    "token",
                    token))
            .send();

    assertThat(revoke.status()).as(revoke.toString()).isEqualTo(200);
    assertThat(podium.count(Tables.TOKENS)).isEqualTo(tokens);
    var me = api.get("/api/v1/accounts/verify_credentials").token(token).send();
    assertThat(me.status()).as(me.toString()).isEqualTo(200);
  }

  @Test
  void revokingWithAWrongClientSecretIs401AndLeavesTheTokenWorking() {
    String token = podium.loginToken("alice", PASSWORD);

    var revoke =
        api.post("/oauth/revoke")
            .form(Map.of("client_id", podium.clientId, "client_secret", "wrong", "token", token))
            .send();

    assertThat(revoke.status()).as(revoke.toString()).isEqualTo(401);
    assertThat(revoke.field("error")).isEqualTo("invalid_client");
    assertThat(api.get("/api/v1/accounts/verify_credentials").token(token).send().status())
        .isEqualTo(200);
  }

  // --- access checks ---------------------------------------------------------------------------

  @Test
  void aTokenWithoutTheRoutesScopeGets403AndChangesNothing() {
    var login =
        api.post("/oauth/token")
            .form(
                Podium.passwordGrant(
                    "alice", PASSWORD, podium.clientId, podium.clientSecret, "read"))
            .send();
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    assertThat(login.field("scope")).isEqualTo("read");
    String readOnly = login.field("access_token");

    var patch =
        api.patch("/api/v1/accounts/update_credentials")
            .token(readOnly)
            .form(Map.of("display_name", "Scope creep"))
            .send();

    assertThat(patch.status()).as(patch.toString()).isEqualTo(403);
    assertThat(patch.field("error")).isNotBlank();
    var me = api.get("/api/v1/accounts/verify_credentials").token(readOnly).send();
    assertThat(me.status()).isEqualTo(200);
    assertThat(me.field("display_name")).isNotEqualTo("Scope creep");
  }

  @Test
  void aProtectedRouteWithoutAValidBearerTokenIs401WithAJsonError() {
    String valid = podium.loginToken("alice", PASSWORD);
    List<ApiClient.Response> answers = new ArrayList<>();
    answers.add(api.get("/api/v1/accounts/verify_credentials").send());
    answers.add(
        api.get("/api/v1/accounts/verify_credentials")
            .header("Authorization", "Bearer xyz")
            .send());
    answers.add(
        api.get("/api/v1/accounts/verify_credentials").header("Authorization", valid).send());
    answers.add(
        api.get("/api/v1/accounts/verify_credentials")
            .header("Authorization", "Basic " + valid)
            .send());
    answers.add(
        api.get("/api/v1/accounts/verify_credentials").header("Authorization", "Bearer ").send());
    answers.add(
        api.get("/api/v1/accounts/verify_credentials")
            .header("Authorization", "Bearer " + "x".repeat(5000))
            .send());
    answers.add(
        api.get("/api/v1/apps/verify_credentials").header("Authorization", "Bearer xyz").send());
    answers.add(api.post("/api/v1/invites").json(Map.of()).send());

    for (var response : answers) {
      assertThat(response.status()).as(response.toString()).isEqualTo(401);
      assertThat(response.header("content-type")).startsWith("application/json");
      assertThat(response.json().get("error").isTextual()).as(response.body()).isTrue();
    }
  }

  // --- storage ---------------------------------------------------------------------------------

  @Test
  void theTokensTableHoldsOnlyHashesOfTheTokens() throws Exception {
    List<String> issued =
        List.of(
            podium.appToken,
            podium.loginToken("alice", PASSWORD),
            podium.login("alice@example.com", PASSWORD).field("access_token"));
    String table = Tables.TOKENS.physicalName(stack.backend().settings().tablePrefix());

    List<Map<String, AttributeValue>> items = new ArrayList<>();
    stack.dynamoDbClient().scanPaginator(r -> r.tableName(table)).items().forEach(items::add);

    assertThat(items).isNotEmpty();
    List<String> storedHashes = items.stream().map(i -> i.get("token_hash").s()).toList();
    for (String token : issued) {
      assertThat(storedHashes)
          .as("the SHA-256 of each issued token is a key")
          .contains(sha256(token));
      for (Map<String, AttributeValue> item : items) {
        assertThat(values(item.values()))
            .as("no stored value contains a plain token")
            .noneMatch(v -> v.contains(token));
      }
    }
  }

  private static List<String> strings(JsonNode array) {
    assertThat(array).isNotNull();
    assertThat(array.isArray()).as(array.toString()).isTrue();
    List<String> values = new ArrayList<>();
    array.forEach(v -> values.add(v.asText()));
    return values;
  }

  /** Every string and number in the attribute values, however deeply nested. */
  private static List<String> values(Iterable<AttributeValue> attributes) {
    List<String> values = new ArrayList<>();
    for (AttributeValue value : attributes) {
      if (value.s() != null) {
        values.add(value.s());
      }
      if (value.n() != null) {
        values.add(value.n());
      }
      values.addAll(value.ss());
      values.addAll(value.ns());
      values.addAll(values(value.l()));
      values.addAll(values(value.m().values()));
    }
    return values;
  }

  private static String sha256(String value) throws Exception {
    return HexFormat.of()
        .formatHex(
            MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
  }
}
