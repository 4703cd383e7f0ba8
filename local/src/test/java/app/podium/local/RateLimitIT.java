package app.podium.local;

import static app.podium.local.support.Throttling.assertThrottled;
import static app.podium.local.support.Throttling.tableCounts;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.TestStacks;
import app.podium.local.support.Throttling;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Per-address limits on login and signup (IPv4 clients by address, IPv6 clients by /64), and the
 * CDN's origin secret that makes the address trustworthy. The stack runs as in AWS: with {@code
 * ORIGIN_SECRET} set, so every request here carries it unless a test is about leaving it out.
 */
@PodiumIT(
    settings = {
      "LOGIN_RATE_LIMIT",
      "" + RateLimitIT.LOGIN_LIMIT,
      "SIGNUP_RATE_LIMIT",
      "" + RateLimitIT.SIGNUP_LIMIT,
      "LOGIN_RATE_WINDOW_SECONDS",
      "" + RateLimitIT.WINDOW_SECONDS,
      "SIGNUP_RATE_WINDOW_SECONDS",
      "" + RateLimitIT.WINDOW_SECONDS,
      "ORIGIN_SECRET",
      RateLimitIT.SECRET
    })
class RateLimitIT {
  static final int LOGIN_LIMIT = 5;
  static final int SIGNUP_LIMIT = 3;

  /**
   * Windows are fixed and aligned to the epoch; a day-long window keeps a test from straddling a
   * window boundary (which would reset the count mid-test) while the limits stay small.
   */
  static final long WINDOW_SECONDS = 86_400;

  static final String SECRET = "s3cret";
  static final String PASSWORD = "correct horse battery";

  static LocalStack stack;
  static ApiClient api;
  static String clientId;
  static String clientSecret;
  static String appToken;
  static String adminToken;

  @BeforeAll
  static void start() throws Exception {
    var app =
        viaCdn(api.post("/api/v1/apps")).form(Podium.appForm("rate limits", "read write")).send();
    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    clientId = app.field("client_id");
    clientSecret = app.field("client_secret");
    var token =
        viaCdn(api.post("/oauth/token"))
            .form(Podium.clientCredentials(clientId, clientSecret))
            .send();
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    appToken = token.field("access_token");
    var admin = login(Podium.freshAddress(), stack.adminUsername(), TestStacks.ADMIN_PASSWORD);
    assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
    adminToken = admin.field("access_token");
  }

  // --- login -----------------------------------------------------------------------------------

  @Test
  void theSixthLoginAttemptFromOneAddressIs429WithRateLimitHeaders() {
    String address = Podium.freshAddress();
    for (int i = 1; i <= LOGIN_LIMIT; i++) {
      var attempt = login(address + ":" + (40000 + i), "admin", "wrong password");
      assertThat(attempt.status()).as("attempt " + i + ": " + attempt).isEqualTo(400);
      assertThat(attempt.field("error")).isEqualTo("invalid_grant");
    }

    Instant before = Instant.now();
    var limited = login(address + ":40006", "admin", "wrong password");

    assertThrottled(limited, LOGIN_LIMIT, WINDOW_SECONDS, before);
    Instant reset = Instant.parse(limited.header("X-RateLimit-Reset"));
    assertThat(reset.getEpochSecond() % WINDOW_SECONDS).as("a window boundary").isZero();
    assertThat(limited.json().has("access_token")).isFalse();

    var rightPassword = login(address, stack.adminUsername(), TestStacks.ADMIN_PASSWORD);
    assertThat(rightPassword.status())
        .as("the right password is limited too: " + rightPassword)
        .isEqualTo(429);
  }

  @Test
  void anotherAddressIsNotLimitedByOnesExhaustedLimit() {
    String exhausted = Podium.freshAddress();
    for (int i = 0; i <= LOGIN_LIMIT; i++) {
      login(exhausted, "admin", "wrong password");
    }
    assertThat(login(exhausted, "admin", "wrong password").status()).isEqualTo(429);

    var other =
        login(Podium.freshAddress() + ":443", stack.adminUsername(), TestStacks.ADMIN_PASSWORD);

    assertThat(other.status()).as(other.toString()).isEqualTo(200);
    assertThat(other.field("access_token")).isNotBlank();
  }

  @Test
  void theSameAddressWithADifferentPortCountsAsTheSameClient() {
    String v4 = Podium.freshAddress();
    List<String> v4Variants = List.of(v4 + ":1", v4 + ":2", v4, v4 + ":65535", v4 + ":3");
    for (String variant : v4Variants) {
      assertThat(login(variant, "admin", "wrong password").status()).as(variant).isEqualTo(400);
    }
    assertThat(login(v4 + ":4", "admin", "wrong password").status()).isEqualTo(429);

    String v6 = "2001:db8::77";
    List<String> v6Variants =
        List.of("[" + v6 + "]:1", "[" + v6 + "]:2", v6, "[" + v6 + "]:443", "[" + v6 + "]");
    for (String variant : v6Variants) {
      assertThat(login(variant, "admin", "wrong password").status()).as(variant).isEqualTo(400);
    }
    assertThat(login("[" + v6 + "]:5", "admin", "wrong password").status()).isEqualTo(429);
  }

  /**
   * Issue 15, finding 1: CloudFront's unbracketed IPv6 form with a new port each time was a new
   * client each time.
   */
  @Test
  void thirtyLoginsFromOneIpv6AddressWithANewPortEachTimeAreThrottledAtTheLimitPlusOne() {
    List<Integer> statuses = new ArrayList<>();
    Instant before = Instant.now();
    for (int i = 1; i <= 30; i++) {
      var attempt = login("2001:db8:5ec::1:" + (46500 + i), "admin", "wrong password");
      statuses.add(attempt.status());
      if (i == LOGIN_LIMIT + 1) {
        assertThrottled(attempt, LOGIN_LIMIT, WINDOW_SECONDS, before);
      }
    }
    assertThat(statuses.subList(0, LOGIN_LIMIT)).containsOnly(400);
    assertThat(statuses.subList(LOGIN_LIMIT, statuses.size())).containsOnly(429);
  }

  /**
   * One subscriber holds a /64: any address in it, in any spelling, is the same client; the next
   * /64 is not.
   */
  @Test
  void addressesInOneIpv6Slash64ShareALimitAndAnotherSlash64HasItsOwn() {
    List<String> sameSlash64 =
        List.of(
            "2001:db8:a11::1:443",
            "[2001:DB8:A11:0:ffff::9]:50000",
            "2001:db8:a11:0:1:2:3:4:1",
            "[2001:db8:a11::abcd]",
            "2001:0db8:0a11:0000::7:2");
    for (String address : sameSlash64) {
      assertThat(login(address, "admin", "wrong password").status()).as(address).isEqualTo(400);
    }
    Instant before = Instant.now();
    assertThrottled(
        login("2001:db8:a11::2:443", "admin", "wrong password"),
        LOGIN_LIMIT,
        WINDOW_SECONDS,
        before);

    var nextSlash64 =
        login("2001:db8:a11:1::1:443", stack.adminUsername(), TestStacks.ADMIN_PASSWORD);
    assertThat(nextSlash64.status()).as(nextSlash64.toString()).isEqualTo(200);
  }

  @Test
  void concurrentLoginsFromOneAddressGetExactlyTheLimitThrough() throws Exception {
    String address = Podium.freshAddress();
    int clients = 8;
    int attemptsEach = 5;
    CountDownLatch go = new CountDownLatch(1);
    List<Future<List<Integer>>> results = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
      for (int c = 0; c < clients; c++) {
        int client = c;
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  List<Integer> statuses = new ArrayList<>();
                  for (int i = 0; i < attemptsEach; i++) {
                    statuses.add(
                        login(address + ":" + (50000 + client), "admin", "wrong password")
                            .status());
                  }
                  return statuses;
                }));
      }
      go.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var result : results) {
        statuses.addAll(result.get());
      }

      assertThat(statuses).hasSize(clients * attemptsEach);
      assertThat(statuses).containsOnly(400, 429);
      assertThat(statuses.stream().filter(s -> s != 429).count()).isEqualTo(LOGIN_LIMIT);
    }
  }

  // --- signup ----------------------------------------------------------------------------------

  @Test
  void theFourthSignupFromOneAddressIs429AndWritesNoAccount() {
    String code = inviteCode(10);
    String address = Podium.freshAddress();
    for (int i = 1; i <= SIGNUP_LIMIT; i++) {
      var signup = signup(address + ":" + (1000 + i), "limited" + i, code);
      assertThat(signup.status()).as("signup " + i + ": " + signup).isEqualTo(200);
    }
    Map<String, Integer> before = tableCounts(stack);
    int usesBefore = inviteUses(code);

    Instant sent = Instant.now();
    var fourth = signup(address + ":2000", "limited4", code);

    assertThrottled(fourth, SIGNUP_LIMIT, WINDOW_SECONDS, sent);
    assertThat(tableCounts(stack)).isEqualTo(before);
    assertThat(inviteUses(code)).isEqualTo(usesBefore);
    var lookup = viaCdn(api.get("/api/v1/accounts/lookup?acct=limited4")).send();
    assertThat(lookup.status()).isEqualTo(404);

    var elsewhere = signup(Podium.freshAddress(), "limited5", code);
    assertThat(elsewhere.status())
        .as("another address still signs up: " + elsewhere)
        .isEqualTo(200);
  }

  /**
   * Issue 15, finding 3: guessed invite codes were looked up before the limit, so guessing was
   * never throttled.
   */
  @Test
  void guessedInviteCodesCountAsSignupAttemptsAndAreThrottledAtTheLimitPlusOne() {
    String address = Podium.freshAddress();
    for (int i = 1; i <= SIGNUP_LIMIT; i++) {
      var guess = signup(address + ":" + i, "guesser" + i, "GUESS" + i);
      guess.invalid("invite_code", "ERR_INVALID");
    }
    String code = inviteCode(1);
    Map<String, Integer> before = tableCounts(stack);

    Instant sent = Instant.now();
    assertThrottled(
        signup(address + ":9", "guesser9", "GUESS9"), SIGNUP_LIMIT, WINDOW_SECONDS, sent);
    assertThrottled(signup(address + ":10", "guesser10", code), SIGNUP_LIMIT, WINDOW_SECONDS, sent);

    assertThat(tableCounts(stack)).isEqualTo(before);
    assertThat(inviteUses(code)).isZero();
    assertThat(Throttling.counted(stack, "signup", address)).isEqualTo(SIGNUP_LIMIT + 2);
  }

  /**
   * Joining the waitlist is a signup attempt too: the same limit, from an IPv6 /64 with a new port
   * each time.
   */
  @Test
  void waitlistJoinsCountOnTheSignupLimit() throws Exception {
    try (LocalStack waitlist =
        TestStacks.start(
            Map.of(
                "SIGNUP_MODE",
                "waitlist",
                "SIGNUP_RATE_LIMIT",
                Integer.toString(SIGNUP_LIMIT),
                "SIGNUP_RATE_WINDOW_SECONDS",
                Long.toString(WINDOW_SECONDS)))) {
      ApiClient client = new ApiClient(waitlist.url());
      for (int i = 1; i <= SIGNUP_LIMIT; i++) {
        var join = join(client, "2001:db8:3a17::1:" + (5000 + i), "waiting" + i + "@example.com");
        assertThat(join.status()).as(join.toString()).isEqualTo(200);
      }
      Map<String, Integer> before = tableCounts(waitlist);

      Instant sent = Instant.now();
      assertThrottled(
          join(client, "2001:db8:3a17::2:6000", "waiting9@example.com"),
          SIGNUP_LIMIT,
          WINDOW_SECONDS,
          sent);

      assertThat(tableCounts(waitlist)).isEqualTo(before);
    }
  }

  @Test
  void concurrentSignupsFromOneAddressGetExactlyTheLimitThrough() {
    String code = inviteCode(20);
    String address = Podium.freshAddress();
    List<Integer> statuses =
        Concurrently.run(8, i -> signup(address + ":" + (3000 + i), "racing" + i, code).status());

    assertThat(statuses).containsOnly(200, 429);
    assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(SIGNUP_LIMIT);
    assertThat(inviteUses(code)).isEqualTo(SIGNUP_LIMIT);
  }

  // --- the origin secret -----------------------------------------------------------------------

  @Test
  void aRequestWithoutTheOriginSecretIs403AndWritesNothing() {
    int apps = Throttling.count(stack, Tables.APPS);
    Map<String, String> app =
        Map.of("client_name", "direct", "redirect_uris", "urn:ietf:wg:oauth:2.0:oob");

    var missing = api.post("/api/v1/apps").form(app).send();
    var wrong = api.post("/api/v1/apps").header("X-Origin-Verify", "s3cre").form(app).send();
    var longer = api.post("/api/v1/apps").header("X-Origin-Verify", SECRET + "t").form(app).send();
    var discovery = api.get("/api/v2/instance").send();

    for (var response : List.of(missing, wrong, longer, discovery)) {
      assertThat(response.status()).as(response.toString()).isEqualTo(403);
      assertThat(response.header("content-type")).startsWith("application/json");
      assertThat(response.json().get("error").isTextual()).isTrue();
    }
    assertThat(Throttling.count(stack, Tables.APPS)).isEqualTo(apps);

    var through = viaCdn(api.post("/api/v1/apps")).form(app).send();
    assertThat(through.status()).as(through.toString()).isEqualTo(200);
    assertThat(Throttling.count(stack, Tables.APPS)).isEqualTo(apps + 1);
  }

  @Test
  void requestsWithAForgedViewerAddressButNoOriginSecretAreRefusedAndDoNotCount() {
    String address = Podium.freshAddress();
    for (int i = 0; i < LOGIN_LIMIT * 2; i++) {
      var forged =
          api.post("/oauth/token")
              .header("CloudFront-Viewer-Address", address + ":1")
              .form(Podium.passwordGrant("admin", "wrong password", clientId, clientSecret))
              .send();
      assertThat(forged.status()).as(forged.toString()).isEqualTo(403);
    }

    var real = login(address + ":1", stack.adminUsername(), TestStacks.ADMIN_PASSWORD);

    assertThat(real.status())
        .as("refused requests spent none of the limit: " + real)
        .isEqualTo(200);
  }

  // --- helpers ---------------------------------------------------------------------------------

  /** What CloudFront adds on its way to the origin. */
  static ApiClient.Call viaCdn(ApiClient.Call call) {
    return call.header("X-Origin-Verify", SECRET);
  }

  static ApiClient.Response login(String viewerAddress, String username, String password) {
    return viaCdn(api.post("/oauth/token"))
        .header("CloudFront-Viewer-Address", viewerAddress)
        .form(Podium.passwordGrant(username, password, clientId, clientSecret))
        .send();
  }

  static ApiClient.Response signup(String viewerAddress, String username, String inviteCode) {
    return viaCdn(api.post("/api/v1/accounts"))
        .token(appToken)
        .header("CloudFront-Viewer-Address", viewerAddress)
        .header("CloudFront-Viewer-Country", "US")
        .form(Podium.signupForm(username, username + "@example.com", PASSWORD, inviteCode))
        .send();
  }

  static ApiClient.Response join(ApiClient client, String viewerAddress, String email) {
    return client
        .post("/api/v1/waitlist")
        .header("CloudFront-Viewer-Address", viewerAddress)
        .header("CloudFront-Viewer-Country", "US")
        .form(Map.of("email", email))
        .send();
  }

  static String inviteCode(int maxUses) {
    var invite =
        viaCdn(api.post("/api/v1/invites"))
            .token(adminToken)
            .json(Map.of("max_uses", maxUses))
            .send();
    assertThat(invite.status()).as(invite.toString()).isEqualTo(200);
    return invite.field("code");
  }

  static int inviteUses(String code) {
    var invites = viaCdn(api.get("/api/v1/invites")).token(adminToken).send();
    assertThat(invites.status()).as(invites.toString()).isEqualTo(200);
    for (var invite : invites.json()) {
      if (invite.get("code").asText().equals(code)) {
        return invite.get("uses").asInt();
      }
    }
    throw new AssertionError("no invite " + code + " in " + invites.body());
  }
}
