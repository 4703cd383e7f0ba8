package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.shared.Scopes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * {@code POST /api/v1/admin/accounts/:id/action} with {@code type=suspend} and {@code
 * .../unsuspend}, through the HTTP API: every token of the member stops at once, the login is
 * refused, the member's statuses leave every read (a status, the account's statuses, followers'
 * home timelines, a large account's merged posts) and come back when the suspension is lifted. The
 * fan-out threshold is 3 followers, so one stack serves both small and large authors.
 */
@PodiumIT(settings = {"FANOUT_MAX_FOLLOWERS", "3"})
class SuspendIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String PASSWORD = "correct horse battery";

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;
  static ApiClient api;
  @PodiumIT.Admin static String admin;

  static ApiClient.Response act(String token, String accountId, Map<String, ?> fields) {
    return podium.adminAction(token, accountId, fields);
  }

  static void suspend(String accountId) {
    var response = act(admin, accountId, Map.of("type", "suspend"));
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{}");
  }

  static void unsuspend(String accountId) {
    var response =
        api.post("/api/v1/admin/accounts/" + accountId + "/unsuspend").token(admin).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("suspended").asBoolean()).isFalse();
  }

  static int verify(String token) {
    return api.get("/api/v1/accounts/verify_credentials").token(token).send().status();
  }

  /** The token items of one account, read straight from the table. */
  static long tokensOf(String accountId) {
    String table = Tables.TOKENS.physicalName(stack.backend().settings().tablePrefix());
    return stack
        .dynamoDbClient()
        .scan(r -> r.tableName(table).consistentRead(true))
        .items()
        .stream()
        .filter(item -> AttributeValue.fromS(accountId).equals(item.get("account_id")))
        .count();
  }

  @Test
  void suspendingRevokesEveryTokenOfTheMemberAtOnce() {
    Member member = feeds.member("two_sessions");
    String second = podium.loginToken(member.username(), PASSWORD);
    Member bystander = feeds.member("bystander");
    assertThat(verify(member.token())).isEqualTo(200);
    assertThat(verify(second)).isEqualTo(200);
    assertThat(tokensOf(member.id())).isEqualTo(2);

    suspend(member.id());

    var first = api.get("/api/v1/accounts/verify_credentials").token(member.token()).send();
    assertThat(first.status()).as(first.toString()).isEqualTo(401);
    assertThat(first.field("error")).isEqualTo("The access token is invalid");
    assertThat(verify(second)).isEqualTo(401);
    assertThat(
            api.post("/api/v1/statuses")
                .token(second)
                .form(Map.of("status", "still here?"))
                .send()
                .status())
        .isEqualTo(401);
    assertThat(tokensOf(member.id())).as("no token of the member is left").isZero();
    assertThat(verify(bystander.token())).as("another member's token is untouched").isEqualTo(200);
  }

  @Test
  void aTokenThatTheRevocationMissedIsRefusedAsMastodonRefusesADisabledLogin() {
    Member member = feeds.member("raced_login");
    String statusId = podium.post(member.token(), "before");
    suspend(member.id());
    // a token issued while the suspension was being written: its index entry came too late to be
    // revoked
    var app = stack.backend().oauth().app(podium.clientId);
    String missed =
        stack
            .backend()
            .oauth()
            .issue(app, Optional.of(member.id()), Scopes.parse("read write"))
            .accessToken();

    var me = api.get("/api/v1/accounts/verify_credentials").token(missed).send();
    assertThat(me.status()).as(me.toString()).isEqualTo(403);
    assertThat(me.field("error")).isEqualTo("Your login is currently disabled");
    assertThat(api.get("/api/v1/timelines/home").token(missed).send().status()).isEqualTo(403);
    assertThat(
            api.post("/api/v1/statuses")
                .token(missed)
                .form(Map.of("status", "sneaky"))
                .send()
                .status())
        .isEqualTo(403);
    assertThat(api.get("/api/v1/statuses/" + statusId).token(missed).send().status())
        .isEqualTo(403);
  }

  @Test
  void aSuspendedMemberCannotLogInAndLogsInAgainAfterTheSuspensionIsLifted() {
    Member member = feeds.member("locked_out");
    suspend(member.id());

    var login = podium.login(member.username(), PASSWORD);
    assertThat(login.status()).as(login.toString()).isEqualTo(400);
    assertThat(login.field("error")).isEqualTo("invalid_grant");
    assertThat(login.field("error_description")).isEqualTo("Your login is currently disabled");
    var wrongPassword = podium.login(member.username(), "not the password");
    assertThat(wrongPassword.status()).isEqualTo(400);
    assertThat(wrongPassword.field("error_description"))
        .as("the suspension shows only with the right password")
        .doesNotContain("disabled");
    assertThat(tokensOf(member.id())).as("the refused login stored no token").isZero();

    unsuspend(member.id());
    assertThat(verify(member.token())).as("revoked tokens stay revoked").isEqualTo(401);
    assertThat(verify(podium.loginToken(member.username(), PASSWORD))).isEqualTo(200);
  }

  @Test
  void aSuspendedMembersStatusesAreHiddenEverywhereAndComeBackWhenTheSuspensionIsLifted() {
    Member author = feeds.member("hidden_author");
    Member follower = feeds.member("hidden_follower");
    Member other = feeds.member("hidden_other");
    podium.follow(follower.token(), author.id());
    podium.follow(follower.token(), other.id());
    String hidden = podium.post(author.token(), "soon hidden");
    String kept = podium.post(other.token(), "stays");
    assertThat(podium.awaitHome(follower.token(), ids -> ids.containsAll(List.of(hidden, kept))))
        .containsExactly(kept, hidden);

    suspend(author.id());

    assertThat(api.get("/api/v1/statuses/" + hidden).send().status())
        .as("anonymous")
        .isEqualTo(404);
    assertThat(api.get("/api/v1/statuses/" + hidden).token(follower.token()).send().status())
        .isEqualTo(404);
    var statuses =
        api.get("/api/v1/accounts/" + author.id() + "/statuses").token(follower.token()).send();
    assertThat(statuses.status()).as(statuses.toString()).isEqualTo(200);
    assertThat(statuses.json()).isEmpty();
    assertThat(podium.home(follower.token(), "")).containsExactly(kept);
    assertThat(feeds.entriesOf(follower.id()))
        .as("hidden at read; the entry itself stays")
        .contains(hidden);
    var account = api.get("/api/v1/accounts/" + author.id()).send();
    assertThat(account.status()).isEqualTo(200);
    assertThat(account.json().get("suspended").asBoolean()).isTrue();
    assertThat(account.field("display_name")).isEmpty();
    assertThat(account.field("note")).isEmpty();
    assertThat(account.field("username")).isEqualTo("hidden_author");
    var adminView = api.get("/api/v1/admin/accounts/" + author.id()).token(admin).send();
    assertThat(adminView.json().get("suspended").asBoolean()).isTrue();

    unsuspend(author.id());

    assertThat(api.get("/api/v1/statuses/" + hidden).send().status()).isEqualTo(200);
    assertThat(api.get("/api/v1/accounts/" + author.id() + "/statuses").send().json()).hasSize(1);
    assertThat(podium.home(follower.token(), "")).containsExactly(kept, hidden);
    assertThat(api.get("/api/v1/accounts/" + author.id()).send().json().has("suspended"))
        .as("the field is absent for an account in good standing")
        .isFalse();
  }

  @Test
  void aSuspendedLargeAccountsMergedStatusesLeaveFollowersHomeTimelines() {
    Member author = feeds.member("large_author");
    List<Member> followers = feeds.followersOf(author, "large_f", 4);
    String crossing = podium.post(author.token(), "four followers: large from here on");
    feeds.awaitLarge(author, followers, WAIT);
    String merged = podium.post(author.token(), "merged at read time");
    Member reader = followers.getFirst();
    assertThat(feeds.entriesOf(reader.id()))
        .as("the large author's posts are not fanned out")
        .doesNotContain(merged, crossing);
    // a large account's statuses and account are kept in each container for LARGE_ACCOUNT_CACHE_MS:
    // what
    // follows shows within that window
    assertThat(podium.awaitHome(reader.token(), ids -> ids.contains(merged)))
        .containsExactly(merged, crossing);

    suspend(author.id());

    for (Member follower : followers) {
      assertThat(podium.awaitHome(follower.token(), List::isEmpty))
          .as(follower.username())
          .isEmpty();
    }

    unsuspend(author.id());
    assertThat(podium.awaitHome(reader.token(), ids -> !ids.isEmpty()))
        .containsExactly(merged, crossing);
  }

  /** Extra admins, so that even a broken guard never suspends the admin the other tests use. */
  @Test
  void adminsCannotBeSuspendedByThemselvesOrByAnotherAdmin() {
    String second = extraAdmin("second_admin");
    String third = extraAdmin("third_admin");
    String secondId = podium.accountId(second);
    String thirdId = podium.accountId(third);

    var self = act(second, secondId, Map.of("type", "suspend"));
    assertThat(self.status()).as(self.toString()).isEqualTo(403);
    assertThat(self.field("error")).isEqualTo("This action is not allowed");
    var other = act(second, thirdId, Map.of("type", "suspend"));
    assertThat(other.status()).as(other.toString()).isEqualTo(403);
    assertThat(act(admin, secondId, Map.of("type", "suspend")).status()).isEqualTo(403);
    assertThat(verify(second)).as("the admins' tokens still work").isEqualTo(200);
    assertThat(verify(third)).isEqualTo(200);
    assertThat(feeds.accountAttribute(secondId, "suspended_at")).isNull();
    assertThat(feeds.accountAttribute(thirdId, "suspended_at")).isNull();
  }

  static String extraAdmin(String username) {
    assertThat(stack.backend().signup().ensureAdmin(username, username + "@example.com", PASSWORD))
        .isTrue();
    return podium.loginToken(username, PASSWORD);
  }

  @Test
  void membersCannotSuspendOrUnsuspendEvenWithAdminScopes() {
    Member target = feeds.member("target_of_member");
    Member member = feeds.member("would_be_admin");
    String adminScoped = podium.loginToken(member.username(), PASSWORD);

    var action = act(adminScoped, target.id(), Map.of("type", "suspend"));
    assertThat(action.status()).as(action.toString()).isEqualTo(403);
    assertThat(action.field("error")).isEqualTo("This action is not allowed");
    assertThat(act(member.token(), target.id(), Map.of("type", "suspend")).status())
        .as("a signup token has no admin scope")
        .isEqualTo(403);
    assertThat(
            api.post("/api/v1/admin/accounts/" + target.id() + "/unsuspend")
                .token(adminScoped)
                .send()
                .status())
        .isEqualTo(403);
    assertThat(act(null, target.id(), Map.of("type", "suspend")).status()).isEqualTo(401);
    assertThat(verify(target.token())).isEqualTo(200);
    assertThat(feeds.accountAttribute(target.id(), "suspended_at")).isNull();
  }

  @Test
  void anUnknownTypeOrAccountIsRefusedAndNoneDoesNothing() {
    Member target = feeds.member("none_target");

    var unsupported = act(admin, target.id(), Map.of("type", "silence"));
    unsupported.invalid("type", "ERR_INCLUSION");
    assertThat(act(admin, target.id(), Map.of()).status()).isEqualTo(422);
    assertThat(act(admin, "12345", Map.of("type", "suspend")).status()).isEqualTo(404);
    assertThat(act(admin, "12345", Map.of("type", "none")).status()).isEqualTo(404);
    assertThat(api.post("/api/v1/admin/accounts/12345/unsuspend").token(admin).send().status())
        .isEqualTo(404);
    var none = act(admin, target.id(), Map.of("type", "none"));
    assertThat(none.status()).as(none.toString()).isEqualTo(200);
    assertThat(verify(target.token())).isEqualTo(200);
    assertThat(feeds.accountAttribute(target.id(), "suspended_at")).isNull();
  }
}
