package app.podium.local;

import static app.podium.local.support.Throttling.assertThrottled;
import static app.podium.local.support.Throttling.counted;
import static app.podium.local.support.Throttling.tableCounts;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.ApiClient;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.TestStacks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The limits on writes, each set low through its variable: statuses (posts, replies and reblogs),
 * follows and reports per account, apps and client-credentials tokens per client address. At limit
 * + 1 each answers 429 with its four headers and writes nothing but its counter; input refused for
 * its shape counts nothing.
 */
@PodiumIT(
    settings = {
      "STATUS_RATE_LIMIT",
      "" + WriteRateLimitIT.STATUS_LIMIT,
      "STATUS_RATE_WINDOW_SECONDS",
      "" + WriteRateLimitIT.WINDOW_SECONDS,
      "FOLLOW_RATE_LIMIT",
      "" + WriteRateLimitIT.FOLLOW_LIMIT,
      "FOLLOW_RATE_WINDOW_SECONDS",
      "" + WriteRateLimitIT.WINDOW_SECONDS,
      "REPORT_RATE_LIMIT",
      "" + WriteRateLimitIT.REPORT_LIMIT,
      "REPORT_RATE_WINDOW_SECONDS",
      "" + WriteRateLimitIT.WINDOW_SECONDS,
      "APP_RATE_LIMIT",
      "" + WriteRateLimitIT.APP_LIMIT,
      "APP_RATE_WINDOW_SECONDS",
      "" + WriteRateLimitIT.WINDOW_SECONDS
    },
    cheapPasswords = true)
class WriteRateLimitIT {
  static final int STATUS_LIMIT = 3;
  static final int FOLLOW_LIMIT = 3;
  static final int REPORT_LIMIT = 2;
  static final int APP_LIMIT = 3;

  /**
   * Windows are aligned to the epoch: a day keeps a test from straddling a boundary that resets its
   * count.
   */
  static final long WINDOW_SECONDS = 86_400;

  static final Duration SETTLE = Duration.ofSeconds(10);

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;
  static ApiClient api;

  // --- statuses ----------------------------------------------------------------------------------

  @Test
  void postsRepliesAndReblogsShareTheAuthorsStatusesLimitAndTheRefusedOnesWriteOnlyTheCounter() {
    Member author = feeds.member("limited_author");
    Member other = feeds.member("limited_other");
    String toReblog = podium.post(other.token(), "reblog me");
    String toReblogLater = podium.post(other.token(), "and me");
    for (int i = 0; i < STATUS_LIMIT + 1; i++) {
      assertThat(post(author, Map.of("status", " ")).status()).as("a blank status").isEqualTo(422);
    }
    assertThat(post(author, Map.of("status", "x", "visibility", "everyone")).status())
        .isEqualTo(422);
    assertThat(
            api.post("/api/v1/statuses/" + toReblog + "/reblog")
                .token(author.token())
                .form(Map.of("visibility", "everyone"))
                .send()
                .status())
        .as("a reblog as no visibility")
        .isEqualTo(422);
    String first = podium.post(author.token(), "first");
    assertThat(post(author, Map.of("status", "a reply", "in_reply_to_id", first)).status())
        .isEqualTo(200);
    assertThat(reblog(author, toReblog).status()).isEqualTo(200);
    feeds.awaitQueueDrained(SETTLE);
    Map<String, Integer> before = tableCounts(stack);

    Instant sent = Instant.now();
    assertThrottled(
        post(author, Map.of("status", "one too many")), STATUS_LIMIT, WINDOW_SECONDS, sent);
    assertThrottled(
        post(author, Map.of("status", "a reply too many", "in_reply_to_id", first)),
        STATUS_LIMIT,
        WINDOW_SECONDS,
        sent);
    assertThrottled(reblog(author, toReblogLater), STATUS_LIMIT, WINDOW_SECONDS, sent);

    feeds.awaitQueueDrained(SETTLE);
    assertThat(tableCounts(stack)).isEqualTo(before);
    assertThat(counted(stack, "statuses", author.id())).isEqualTo(STATUS_LIMIT + 3);
    assertThat(post(other, Map.of("status", "another author's limit is their own")).status())
        .isEqualTo(200);
  }

  /**
   * The counter is one atomic ADD: eight posts at once by one author get exactly the limit through.
   */
  @Test
  void concurrentPostsByOneAuthorGetExactlyTheLimitThrough() {
    Member author = feeds.member("racing_author");
    List<Integer> statuses =
        Concurrently.run(8, i -> post(author, Map.of("status", "race " + i)).status());

    assertThat(statuses).containsOnly(200, 429);
    assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(STATUS_LIMIT);
    assertThat(counted(stack, "statuses", author.id())).isEqualTo(8);
  }

  // --- follows -----------------------------------------------------------------------------------

  @Test
  void theFollowPastTheFollowersLimitIs429AndWritesOnlyTheCounter() {
    Member follower = feeds.member("limited_follower");
    List<Member> followees = feeds.members("limited_followee", FOLLOW_LIMIT + 1);
    assertThat(follow(follower, "not-an-id").status()).isEqualTo(404);
    assertThat(follow(follower, follower.id()).status()).isEqualTo(403);
    for (int i = 0; i < FOLLOW_LIMIT; i++) {
      assertThat(follow(follower, followees.get(i).id()).status()).isEqualTo(200);
    }
    feeds.awaitQueueDrained(SETTLE);
    Map<String, Integer> before = tableCounts(stack);

    Instant sent = Instant.now();
    assertThrottled(follow(follower, followees.getLast().id()), FOLLOW_LIMIT, WINDOW_SECONDS, sent);

    feeds.awaitQueueDrained(SETTLE);
    assertThat(tableCounts(stack)).isEqualTo(before);
    assertThat(counted(stack, "follows", follower.id())).isEqualTo(FOLLOW_LIMIT + 1);
    var relationship =
        api.get("/api/v1/accounts/relationships?id[]=" + followees.getLast().id())
            .token(follower.token())
            .send();
    assertThat(relationship.json().get(0).get("following").asBoolean()).isFalse();
  }

  /**
   * A counter per followee would be one hot key for a large account, and would refuse its fourth
   * new follower.
   */
  @Test
  void moreFollowersThanTheLimitFollowOneAccountEachOnTheirOwnCounter() {
    Member popular = feeds.member("limited_popular");
    for (Member fan : feeds.members("limited_fan", FOLLOW_LIMIT + 2)) {
      assertThat(follow(fan, popular.id()).status()).isEqualTo(200);
      assertThat(counted(stack, "follows", fan.id())).isEqualTo(1);
    }
    assertThat(counted(stack, "follows", popular.id())).isZero();
  }

  // --- reports -----------------------------------------------------------------------------------

  @Test
  void theReportPastTheReportersLimitIs429AndWritesNothingButTheCounter() {
    Member reporter = feeds.member("limited_reporter");
    Member target = feeds.member("limited_reported");
    String status = podium.post(target.token(), "reportable");
    assertThat(
            report(reporter, Map.of("account_id", target.id(), "comment", "x".repeat(1001)))
                .status())
        .isEqualTo(422);
    assertThat(report(reporter, Map.of("account_id", reporter.id())).status()).isEqualTo(422);
    assertThat(report(reporter, Map.of("account_id", target.id(), "category", "boring")).status())
        .isEqualTo(422);
    for (int i = 0; i < REPORT_LIMIT; i++) {
      assertThat(
              report(reporter, Map.of("account_id", target.id(), "status_ids", List.of(status)))
                  .status())
          .isEqualTo(200);
    }
    Map<String, Integer> before = tableCounts(stack);

    Instant sent = Instant.now();
    assertThrottled(
        report(reporter, Map.of("account_id", target.id(), "status_ids", List.of(status))),
        REPORT_LIMIT,
        WINDOW_SECONDS,
        sent);
    assertThrottled(
        report(reporter, Map.of("account_id", "12345")), REPORT_LIMIT, WINDOW_SECONDS, sent);

    assertThat(tableCounts(stack)).isEqualTo(before);
    assertThat(counted(stack, "reports", reporter.id())).isEqualTo(REPORT_LIMIT + 2);
  }

  // --- apps and client-credentials tokens --------------------------------------------------------

  @Test
  void registrationsAndClientCredentialsTokensShareTheAddresssLimitAndTheRefusedOnesWriteNothing() {
    String address = Podium.freshAddress();
    assertThat(createApp(address, "").status()).as("no client_name").isEqualTo(422);
    assertThat(token(address, null, null).status()).as("no client").isEqualTo(401);
    var app = createApp(address + ":1", "limited app");
    assertThat(app.status()).isEqualTo(200);
    String clientId = app.field("client_id");
    String clientSecret = app.field("client_secret");
    assertThat(token(address + ":2", clientId, clientSecret).status()).isEqualTo(200);
    assertThat(createApp(address + ":3", "limited app").status()).isEqualTo(200);
    Map<String, Integer> before = tableCounts(stack);

    Instant sent = Instant.now();
    assertThrottled(createApp(address + ":4", "one app too many"), APP_LIMIT, WINDOW_SECONDS, sent);
    assertThrottled(token(address + ":5", clientId, clientSecret), APP_LIMIT, WINDOW_SECONDS, sent);
    assertThrottled(
        token(address + ":6", clientId, "a guessed secret"), APP_LIMIT, WINDOW_SECONDS, sent);

    assertThat(tableCounts(stack)).isEqualTo(before);
    assertThat(counted(stack, "apps", address)).isEqualTo(APP_LIMIT + 3);
    assertThat(token(Podium.freshAddress(), clientId, clientSecret).status())
        .as("another address")
        .isEqualTo(200);
    var login =
        api.post("/oauth/token")
            .header("CloudFront-Viewer-Address", address + ":7")
            .form(
                Podium.passwordGrant(
                    stack.adminUsername(), TestStacks.ADMIN_PASSWORD, clientId, clientSecret))
            .send();
    assertThat(login.status()).as("the password grant has its own limit: " + login).isEqualTo(200);
  }

  // --- helpers -----------------------------------------------------------------------------------

  static ApiClient.Response post(Member author, Map<String, ?> fields) {
    return api.post("/api/v1/statuses").token(author.token()).form(fields).send();
  }

  static ApiClient.Response reblog(Member member, String statusId) {
    return api.post("/api/v1/statuses/" + statusId + "/reblog").token(member.token()).send();
  }

  static ApiClient.Response follow(Member follower, String accountId) {
    return api.post("/api/v1/accounts/" + accountId + "/follow").token(follower.token()).send();
  }

  static ApiClient.Response report(Member reporter, Map<String, ?> fields) {
    return api.post("/api/v1/reports").token(reporter.token()).json(fields).send();
  }

  static ApiClient.Response createApp(String viewerAddress, String name) {
    return api.post("/api/v1/apps")
        .header("CloudFront-Viewer-Address", viewerAddress)
        .form(Podium.appForm(name, "read write"))
        .send();
  }

  static ApiClient.Response token(String viewerAddress, String clientId, String clientSecret) {
    Map<String, String> fields =
        new java.util.HashMap<>(Map.of("grant_type", "client_credentials"));
    if (clientId != null) {
      fields.put("client_id", clientId);
      fields.put("client_secret", clientSecret);
    }
    return api.post("/oauth/token")
        .header("CloudFront-Viewer-Address", viewerAddress)
        .form(fields)
        .send();
  }
}
