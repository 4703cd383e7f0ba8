package app.podium.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.LocalStack;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The steps most integration tests take, each through the real API: register an app, take tokens,
 * log in as the admin, invite, sign up. Each step asserts it succeeded, so a test reads as its
 * scenario.
 */
public final class Podium {
  private static final AtomicInteger ADDRESS = new AtomicInteger();

  public final LocalStack stack;
  public final ApiClient api;
  public final String clientId;
  public final String clientSecret;

  /** A client-credentials token of the app, as Mastodon clients use for signup. */
  public final String appToken;

  public Podium(LocalStack stack) {
    this.stack = stack;
    this.api = new ApiClient(stack.url());
    var app =
        api.post("/api/v1/apps")
            .form(appForm("tests", "read write follow admin:read admin:write"))
            .send();
    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    this.clientId = app.field("client_id");
    this.clientSecret = app.field("client_secret");
    var token =
        api.post("/oauth/token")
            .form(clientCredentials(clientId, clientSecret, "read write"))
            .send();
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    this.appToken = token.field("access_token");
  }

  /** An app's registration form, for the out-of-band redirect Mastodon's own clients use. */
  public static Map<String, String> appForm(String name, String scopes) {
    return Map.of(
        "client_name", name, "redirect_uris", "urn:ietf:wg:oauth:2.0:oob", "scopes", scopes);
  }

  /**
   * A password grant's form: the member's credentials through the given client, in the client's
   * scopes, or in {@code scope} when one is given.
   */
  public static Map<String, String> passwordGrant(
      String username, String password, String clientId, String clientSecret, String... scope) {
    Map<String, String> form = clientForm("password", clientId, clientSecret, scope);
    form.put("username", username);
    form.put("password", password);
    return form;
  }

  /** A client-credentials grant's form, in the client's scopes or in {@code scope}. */
  public static Map<String, String> clientCredentials(
      String clientId, String clientSecret, String... scope) {
    return clientForm("client_credentials", clientId, clientSecret, scope);
  }

  private static Map<String, String> clientForm(
      String grant, String clientId, String clientSecret, String... scope) {
    Map<String, String> form = new java.util.HashMap<>();
    form.put("grant_type", grant);
    form.put("client_id", clientId);
    form.put("client_secret", clientSecret);
    if (scope.length > 0) {
      form.put("scope", scope[0]);
    }
    return form;
  }

  /** A distinct client address, so rate limits keyed on the address do not mix tests up. */
  public static String freshAddress() {
    int n = ADDRESS.incrementAndGet();
    return "198.51." + (n / 250 % 250) + "." + (n % 250 + 1);
  }

  public ApiClient.Response login(String username, String password) {
    return api.post("/oauth/token")
        .form(
            passwordGrant(
                username,
                password,
                clientId,
                clientSecret,
                "read write follow admin:read admin:write"))
        .send();
  }

  public String loginToken(String username, String password) {
    var response = login(username, password);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.field("access_token");
  }

  /** Revokes a token of this app, as a client does at logout. */
  public ApiClient.Response revoke(String token) {
    return api.post("/oauth/revoke").form(revokeForm(token)).send();
  }

  /** A revocation's form: the token, and this app's credentials. */
  public Map<String, String> revokeForm(String token) {
    return Map.of("client_id", clientId, "client_secret", clientSecret, "token", token);
  }

  public String adminToken() {
    return loginToken(stack.adminUsername(), TestStacks.ADMIN_PASSWORD);
  }

  public ApiClient.Response createInvite(String token, Map<String, ?> fields) {
    return api.post("/api/v1/invites").token(token).json(fields).send();
  }

  public String inviteCode(String token, Map<String, ?> fields) {
    return createInvite(token, fields).expect(200).field("code");
  }

  public ApiClient.Response signup(String username, String inviteCode) {
    return signup(
        Map.of(
            "username",
            username,
            "email",
            username + "@example.com",
            "password",
            "correct horse battery",
            "agreement",
            "true",
            "invite_code",
            inviteCode == null ? "" : inviteCode));
  }

  /**
   * Signs up with the invite (none when null) and asserts the refusal: a 422 naming the invite's
   * {@code error}, and no account or username or email claimed.
   */
  public void assertSignupRefused(String username, String inviteCode, String error) {
    var before = counts(app.podium.Tables.ACCOUNTS, app.podium.Tables.UNIQUE_KEYS);
    signup(username, inviteCode).invalid("invite_code", error);
    assertThat(counts(app.podium.Tables.ACCOUNTS, app.podium.Tables.UNIQUE_KEYS)).isEqualTo(before);
  }

  /**
   * A signup's form as Mastodon's clients send it, with the terms agreed to; no {@code invite_code}
   * when {@code inviteCode} is null.
   */
  public static Map<String, String> signupForm(
      String username, String email, String password, String inviteCode) {
    Map<String, String> form = new java.util.HashMap<>();
    form.put("username", username);
    form.put("email", email);
    form.put("password", password);
    form.put("agreement", "true");
    if (inviteCode != null) {
      form.put("invite_code", inviteCode);
    }
    return form;
  }

  public ApiClient.Response signup(Map<String, ?> fields) {
    return api.post("/api/v1/accounts")
        .token(appToken)
        .header("CloudFront-Viewer-Address", freshAddress() + ":4000")
        .form(fields)
        .send();
  }

  /** Signs a member up with a fresh admin invite and returns the member's token. */
  public String member(String username) {
    return member(username, adminToken());
  }

  /**
   * As {@link #member(String)}, with an invite from the given admin token (no login per member).
   */
  public String member(String username, String adminToken) {
    String code = inviteCode(adminToken, Map.of());
    var response = signup(username, code);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.field("access_token");
  }

  /** The number of items in a table (a test's view of "nothing was written"). */
  public int count(app.podium.Tables.Table table) {
    String name = table.physicalName(stack.backend().settings().tablePrefix());
    return stack.dynamoDbClient().scan(r -> r.tableName(name).select("COUNT")).count();
  }

  /** The sizes of the tables, by name, in the order given (a test's view of what was written). */
  public Map<String, Integer> counts(app.podium.Tables.Table... tables) {
    Map<String, Integer> counts = new java.util.LinkedHashMap<>();
    for (app.podium.Tables.Table table : tables) {
      counts.put(table.name(), count(table));
    }
    return counts;
  }

  /** Posts a status as the member and returns its id. */
  public String post(String token, String text) {
    return postForm(token, Map.of("status", text), null).expect(200).field("id");
  }

  /**
   * Posts a status's form as the member, with an {@code Idempotency-Key} when one is given; returns
   * the answer, whatever it is.
   */
  public ApiClient.Response postForm(String token, Map<String, ?> form, String idempotencyKey) {
    var call = api.post("/api/v1/statuses").token(token);
    if (idempotencyKey != null) {
      call.header("Idempotency-Key", idempotencyKey);
    }
    return call.form(form).send();
  }

  /** The token's own account, as verify_credentials answers it (asserted a 200). */
  public ApiClient.Response me(String token) {
    return api.get("/api/v1/accounts/verify_credentials").token(token).send().expect(200);
  }

  public String accountId(String token) {
    return me(token).field("id");
  }

  /** Suspends the account as the admin, as a moderator's action does. */
  public void suspend(String accountId) {
    adminAction(adminToken(), accountId, Map.of("type", "suspend")).expect(200);
  }

  /** A moderator's action on an account ({@code type}, {@code report_id}), as the token's owner. */
  public ApiClient.Response adminAction(String token, String accountId, Map<String, ?> fields) {
    var call = api.post("/api/v1/admin/accounts/" + accountId + "/action").form(fields);
    return (token == null ? call : call.token(token)).send();
  }

  public void follow(String token, String accountId) {
    var response = api.post("/api/v1/accounts/" + accountId + "/follow").token(token).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
  }

  /** Mutes the account for the member, with the mute's options (duration, notifications). */
  public ApiClient.Response mute(String token, String accountId, Map<String, ?> options) {
    return api.post("/api/v1/accounts/" + accountId + "/mute").token(token).form(options).send();
  }

  /** The ids on the member's home timeline, newest first (one page). */
  public java.util.List<String> home(String token, String query) {
    var response = api.get("/api/v1/timelines/home" + query).token(token).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    java.util.List<String> ids = new java.util.ArrayList<>();
    response.json().forEach(status -> ids.add(status.get("id").asText()));
    return ids;
  }

  /**
   * Waits (up to 10 s, polling) until the member's home timeline satisfies the condition; returns
   * it.
   */
  public java.util.List<String> awaitHome(
      String token, java.util.function.Predicate<java.util.List<String>> condition) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(10).toNanos();
    java.util.List<String> ids = home(token, "?limit=40");
    while (!condition.test(ids) && System.nanoTime() < deadline) {
      Feeds.pause(50);
      ids = home(token, "?limit=40");
    }
    return ids;
  }
}
