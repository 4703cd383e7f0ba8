package app.podium.local;

import static app.podium.local.support.ApiClient.statuses;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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

  /** An invite of one use and one of three: as many accounts as uses, whatever the race. */
  @ParameterizedTest
  @ValueSource(ints = {1, 3})
  void anInviteUnder32ConcurrentSignupsCreatesExactlyAsManyAccountsAsItHasUses(int uses) {
    String code = podium.inviteCode(admin, Map.of("max_uses", uses));
    Tally before = Tally.now();

    String prefix = "uses" + uses + "_";
    List<ApiClient.Response> responses =
        Concurrently.run(
            32, i -> podium.signup(signupForm(prefix + i, prefix + i + "@example.com", code)));

    assertOnlyWinnersAndInviteLosers(responses, uses);
    Tally after = Tally.now();
    assertThat(after.accounts - before.accounts).isEqualTo(uses);
    assertThat(after.uniqueKeys - before.uniqueKeys)
        .as("one username and one email claimed per account")
        .isEqualTo(2 * uses);
    assertThat(after.tokens - before.tokens).isEqualTo(uses);
    JsonNode invite = adminInvite(code);
    assertThat(invite.get("uses").asInt()).isEqualTo(uses);
    assertThat(invite.get("max_uses").asInt()).isEqualTo(uses);
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

    assertOneWinnerTheRestTaken(responses, before, "username", "email", "invite_code");
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

    assertOneWinnerTheRestTaken(responses, before, "email", "username");
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
   * One answer of the 16 is a 200 and the other 15 are 422s naming {@code taken} as taken and none
   * of the {@code untouched} fields; one account (a username and an email) was created.
   */
  static void assertOneWinnerTheRestTaken(
      List<ApiClient.Response> responses, Tally before, String taken, String... untouched) {
    assertThat(statuses(responses))
        .as(responses.toString())
        .containsOnlyKeys(200, 422)
        .containsEntry(200, 1L)
        .containsEntry(422, 15L);
    for (ApiClient.Response loser : losers(responses)) {
      assertThat(loser.json().at("/details/" + taken + "/0/error").asText())
          .as(loser.toString())
          .isEqualTo("ERR_TAKEN");
      for (String field : untouched) {
        assertThat(loser.json().at("/details/" + field).isMissingNode())
            .as(loser.toString())
            .isTrue();
      }
    }
    Tally after = Tally.now();
    assertThat(after.accounts - before.accounts).isEqualTo(1);
    assertThat(after.uniqueKeys - before.uniqueKeys).isEqualTo(2);
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
