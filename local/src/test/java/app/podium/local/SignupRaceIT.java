package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Redemption races: many signups released together on real threads against one invite code, one
 * username or one email. Each claim is a conditional write, so exactly the allowed number win and
 * the others are told why, never with a server error.
 */
@PodiumIT
@ResourceLock(PodiumIT.LOAD)
class SignupRaceIT {
  static final String PASSWORD = "correct horse battery";

  static LocalStack stack;
  static Podium podium;
  @PodiumIT.Admin static String admin;

  @Test
  void aSingleUseInviteRedeemedBy32ConcurrentSignupsCreatesExactlyOneAccount() {
    String code = podium.inviteCode(admin, Map.of("max_uses", 1));
    Tally before = Tally.now();

    List<ApiClient.Response> responses =
        Concurrently.run(
            32,
            i -> podium.signup(signupForm("single_" + i, "single_" + i + "@example.com", code)));

    assertOnlyWinnersAndInviteLosers(responses, 1);
    Tally after = Tally.now();
    assertThat(after.accounts - before.accounts).isEqualTo(1);
    assertThat(after.uniqueKeys - before.uniqueKeys)
        .as("one username and one email claimed")
        .isEqualTo(2);
    assertThat(after.tokens - before.tokens).isEqualTo(1);
    JsonNode invite = adminInvite(code);
    assertThat(invite.get("uses").asInt()).isEqualTo(1);
    assertThat(invite.get("usable").asBoolean()).isFalse();
    assertWinnersCanSignIn(responses);
  }

  @Test
  void anInviteWithThreeUsesUnder32ConcurrentSignupsCreatesExactlyThreeAccounts() {
    String code = podium.inviteCode(admin, Map.of("max_uses", 3));
    Tally before = Tally.now();

    List<ApiClient.Response> responses =
        Concurrently.run(
            32,
            i -> podium.signup(signupForm("triple_" + i, "triple_" + i + "@example.com", code)));

    assertOnlyWinnersAndInviteLosers(responses, 3);
    Tally after = Tally.now();
    assertThat(after.accounts - before.accounts).isEqualTo(3);
    assertThat(after.uniqueKeys - before.uniqueKeys).isEqualTo(6);
    assertThat(after.tokens - before.tokens).isEqualTo(3);
    JsonNode invite = adminInvite(code);
    assertThat(invite.get("uses").asInt()).isEqualTo(3);
    assertThat(invite.get("max_uses").asInt()).isEqualTo(3);
    assertThat(invite.get("usable").asBoolean()).isFalse();
    assertWinnersCanSignIn(responses);
  }

  @Test
  void sixteenConcurrentSignupsForOneUsernameInDifferentCaseCreateOneAccountAndTheRestGetTaken() {
    String code = podium.inviteCode(admin, Map.of("max_uses", 100));
    List<String> spellings = caseVariants("racer", 16);
    assertThat(spellings).doesNotHaveDuplicates().hasSize(16);
    Tally before = Tally.now();

    List<ApiClient.Response> responses =
        Concurrently.run(
            16,
            i -> podium.signup(signupForm(spellings.get(i), "racer" + i + "@example.com", code)));

    assertThat(statuses(responses))
        .as(responses.toString())
        .containsOnlyKeys(200, 422)
        .containsEntry(200, 1L)
        .containsEntry(422, 15L);
    for (ApiClient.Response loser : losers(responses)) {
      assertThat(loser.json().at("/details/username/0/error").asText())
          .as(loser.toString())
          .isEqualTo("ERR_TAKEN");
      assertThat(loser.json().at("/details/email").isMissingNode()).as(loser.toString()).isTrue();
      assertThat(loser.json().at("/details/invite_code").isMissingNode())
          .as(loser.toString())
          .isTrue();
    }
    Tally after = Tally.now();
    assertThat(after.accounts - before.accounts).isEqualTo(1);
    assertThat(after.uniqueKeys - before.uniqueKeys).isEqualTo(2);
    assertThat(adminInvite(code).get("uses").asInt())
        .as("losers spend no use of the invite")
        .isEqualTo(1);

    int winner = winnerIndex(responses);
    var lookup = podium.api.get("/api/v1/accounts/lookup?acct=RACER").send();
    assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
    assertThat(lookup.field("username")).isEqualTo(spellings.get(winner));
  }

  @Test
  void sixteenConcurrentSignupsForOneEmailCreateOneAccountAndTheRestGetTaken() {
    String code = podium.inviteCode(admin, Map.of("max_uses", 100));
    List<String> emails =
        caseVariants("shared", 16).stream().map(local -> local + "@Example.com").toList();
    Tally before = Tally.now();

    // One address written 16 ways: the same mailbox, however its letters are cased.
    List<ApiClient.Response> responses =
        Concurrently.run(16, i -> podium.signup(signupForm("mailer_" + i, emails.get(i), code)));

    assertThat(statuses(responses))
        .as(responses.toString())
        .containsOnlyKeys(200, 422)
        .containsEntry(200, 1L)
        .containsEntry(422, 15L);
    for (ApiClient.Response loser : losers(responses)) {
      assertThat(loser.json().at("/details/email/0/error").asText())
          .as(loser.toString())
          .isEqualTo("ERR_TAKEN");
      assertThat(loser.json().at("/details/username").isMissingNode())
          .as(loser.toString())
          .isTrue();
    }
    Tally after = Tally.now();
    assertThat(after.accounts - before.accounts).isEqualTo(1);
    assertThat(after.uniqueKeys - before.uniqueKeys).isEqualTo(2);
    assertThat(adminInvite(code).get("uses").asInt()).isEqualTo(1);
  }

  // ---------------------------------------------------------------------------------------------------

  /** Table sizes at one moment. */
  record Tally(int accounts, int uniqueKeys, int tokens) {
    static Tally now() {
      return new Tally(
          podium.count(Tables.ACCOUNTS),
          podium.count(Tables.UNIQUE_KEYS),
          podium.count(Tables.TOKENS));
    }
  }

  static Map<String, ?> signupForm(String username, String email, String code) {
    return Podium.signupForm(username, email, PASSWORD, code);
  }

  static Map<Integer, Long> statuses(List<ApiClient.Response> responses) {
    return responses.stream()
        .collect(Collectors.groupingBy(ApiClient.Response::status, Collectors.counting()));
  }

  static List<ApiClient.Response> losers(List<ApiClient.Response> responses) {
    return responses.stream().filter(r -> r.status() != 200).toList();
  }

  static int winnerIndex(List<ApiClient.Response> responses) {
    for (int i = 0; i < responses.size(); i++) {
      if (responses.get(i).status() == 200) {
        return i;
      }
    }
    throw new AssertionError("no winner: " + responses);
  }

  /**
   * {@code winners} answers 200; every other answer is a refusal of the used-up invite (422) or, at
   * most, a retryable conflict (409): never a server error.
   */
  static void assertOnlyWinnersAndInviteLosers(List<ApiClient.Response> responses, long winners) {
    Map<Integer, Long> statuses = statuses(responses);
    assertThat(statuses).as(responses.toString()).containsEntry(200, winners);
    assertThat(statuses.keySet()).as(responses.toString()).isSubsetOf(200, 409, 422);
    for (ApiClient.Response loser : losers(responses)) {
      if (loser.status() == 422) {
        assertThat(loser.json().at("/details/invite_code/0/error").asText())
            .as(loser.toString())
            .isEqualTo("ERR_INVALID");
      }
    }
    assertThat(responses.stream().filter(r -> r.status() == 200).map(r -> r.field("access_token")))
        .doesNotContainNull()
        .doesNotHaveDuplicates();
  }

  /** Every winner's token works and names an account that exists. */
  static void assertWinnersCanSignIn(List<ApiClient.Response> responses) {
    for (ApiClient.Response winner : responses.stream().filter(r -> r.status() == 200).toList()) {
      podium.me(winner.field("access_token"));
    }
  }

  /** The admin's invite with this code, as {@code GET /api/v1/invites} shows it. */
  static JsonNode adminInvite(String code) {
    var list = podium.api.get("/api/v1/invites").token(admin).send();
    assertThat(list.status()).as(list.toString()).isEqualTo(200);
    Map<String, JsonNode> byCode =
        StreamSupport.stream(list.json().spliterator(), false)
            .collect(Collectors.toMap(i -> i.get("code").asText(), Function.identity()));
    assertThat(byCode).containsKey(code);
    return byCode.get(code);
  }

  /**
   * {@code n} distinct upper/lower-case spellings of {@code word}: all lower case, then mixed ones,
   * and the last all upper case.
   */
  static List<String> caseVariants(String word, int n) {
    int allUpper = (1 << word.length()) - 1;
    return java.util.stream.IntStream.concat(
            java.util.stream.IntStream.range(0, n - 1), java.util.stream.IntStream.of(allUpper))
        .mapToObj(
            mask -> {
              StringBuilder spelled = new StringBuilder();
              for (int c = 0; c < word.length(); c++) {
                String letter = word.substring(c, c + 1);
                spelled.append(
                    (mask & (1 << c)) != 0
                        ? letter.toUpperCase(Locale.ROOT)
                        : letter.toLowerCase(Locale.ROOT));
              }
              return spelled.toString();
            })
        .toList();
  }
}
