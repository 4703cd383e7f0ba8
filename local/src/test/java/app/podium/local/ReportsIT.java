package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /api/v1/reports} and the admin's reports API ({@code GET /api/v1/admin/reports},
 * {@code .../:id}, {@code .../:id/resolve}, and {@code report_id} on an account action), through
 * the HTTP API down to the reports table.
 */
@PodiumIT
class ReportsIT {
  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;
  static ApiClient api;
  @PodiumIT.Admin static String admin;
  static String adminId;

  @BeforeAll
  static void start() throws Exception {
    adminId = podium.accountId(admin);
  }

  static ApiClient.Response report(String token, Map<String, ?> fields) {
    return api.post("/api/v1/reports").token(token).json(fields).send();
  }

  static String reportId(String token, Map<String, ?> fields) {
    return report(token, fields).expect(200).field("id");
  }

  static List<String> listed(String query) {
    var response = api.get("/api/v1/admin/reports" + query).token(admin).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    response.json().forEach(report -> ids.add(report.get("id").asText()));
    return ids;
  }

  @Test
  void aMembersReportIsStoredAndAdminsSeeItAmongTheUnresolvedNewestFirst() {
    Member reporter = feeds.member("reporter");
    Member target = feeds.member("reported");
    String first = podium.post(target.token(), "spam spam spam");
    String second = podium.post(target.token(), "more spam");

    var filed =
        report(
            reporter.token(),
            Map.of(
                "account_id",
                target.id(),
                "status_ids",
                List.of(first, second),
                "comment",
                "selling things",
                "category",
                "spam",
                "forward",
                true));
    assertThat(filed.status()).as(filed.toString()).isEqualTo(200);
    JsonNode json = filed.json();
    assertThat(json.get("category").asText()).isEqualTo("spam");
    assertThat(json.get("comment").asText()).isEqualTo("selling things");
    assertThat(json.get("action_taken").asBoolean()).isFalse();
    assertThat(json.get("forwarded").asBoolean()).isFalse();
    assertThat(json.get("status_ids")).extracting(JsonNode::asText).containsExactly(first, second);
    assertThat(json.at("/target_account/id").asText()).isEqualTo(target.id());
    String older = json.get("id").asText();
    String newer = reportId(reporter.token(), Map.of("account_id", target.id()));

    List<String> unresolved = listed("");
    assertThat(unresolved).containsSubsequence(newer, older);
    var one = api.get("/api/v1/admin/reports/" + older).token(admin).send();
    assertThat(one.status()).as(one.toString()).isEqualTo(200);
    assertThat(one.json().at("/account/id").asText()).isEqualTo(reporter.id());
    assertThat(one.json().at("/target_account/id").asText()).isEqualTo(target.id());
    assertThat(one.json().at("/target_account/email").asText()).isEqualTo("reported@example.com");
    assertThat(one.json().get("statuses"))
        .extracting(s -> s.get("id").asText())
        .containsExactly(first, second);
    assertThat(one.json().get("category").asText()).isEqualTo("spam");
    var plain = api.get("/api/v1/admin/reports/" + newer).token(admin).send().json();
    assertThat(plain.get("category").asText()).as("the default category").isEqualTo("other");
    assertThat(plain.get("statuses")).isEmpty();
  }

  @Test
  void resolvingAReportMovesItFromTheUnresolvedToTheResolvedList() {
    Member reporter = feeds.member("resolver_reporter");
    Member target = feeds.member("resolver_target");
    String id = reportId(reporter.token(), Map.of("account_id", target.id(), "comment", "rude"));
    assertThat(listed("")).contains(id);

    var resolved = api.post("/api/v1/admin/reports/" + id + "/resolve").token(admin).send();
    assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    assertThat(resolved.json().get("action_taken").asBoolean()).isTrue();
    assertThat(resolved.json().get("action_taken_at").asText()).isNotBlank();
    assertThat(resolved.json().at("/action_taken_by_account/id").asText()).isEqualTo(adminId);

    assertThat(listed("?limit=40")).doesNotContain(id);
    assertThat(listed("?resolved=true")).contains(id);
    assertThat(
            api.get("/api/v1/admin/reports/" + id)
                .token(admin)
                .send()
                .json()
                .get("action_taken")
                .asBoolean())
        .isTrue();
    assertThat(api.post("/api/v1/admin/reports/12345/resolve").token(admin).send().status())
        .isEqualTo(404);
    assertThat(api.get("/api/v1/admin/reports/12345").token(admin).send().status()).isEqualTo(404);
  }

  @Test
  void theUnresolvedListPagesWithLinkHeaders() {
    Member reporter = feeds.member("pager");
    Member target = feeds.member("paged");
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(
          reportId(reporter.token(), Map.of("account_id", target.id(), "comment", "report " + i)));
    }
    var page =
        api.get("/api/v1/admin/reports?limit=2&max_id=" + (Long.parseLong(ids.get(2)) + 1))
            .token(admin)
            .send();
    assertThat(page.json())
        .extracting(r -> r.get("id").asText())
        .containsExactly(ids.get(2), ids.get(1));
    assertThat(page.header("Link")).contains("max_id=" + ids.get(1)).contains("rel=\"next\"");
    var next = api.get("/api/v1/admin/reports?limit=2&max_id=" + ids.get(1)).token(admin).send();
    assertThat(next.json().get(0).get("id").asText()).isEqualTo(ids.get(0));
  }

  @Test
  void invalidReportsAreRefusedAndWriteNothing() {
    Member reporter = feeds.member("bad_reporter");
    Member target = feeds.member("bad_target");
    Member other = feeds.member("bad_other");
    String othersStatus = podium.post(other.token(), "not the target's");
    String targetsStatus = podium.post(target.token(), "the target's");
    int before = podium.count(Tables.REPORTS);

    assertThat(report(reporter.token(), Map.of()).status()).as("no account_id").isEqualTo(404);
    assertThat(report(reporter.token(), Map.of("account_id", "12345")).status())
        .as("unknown account")
        .isEqualTo(404);
    var self = report(reporter.token(), Map.of("account_id", reporter.id()));
    self.invalid("account_id", "ERR_INVALID");
    assertThat(
            report(
                    reporter.token(),
                    Map.of("account_id", target.id(), "status_ids", List.of(othersStatus)))
                .status())
        .as("another account's status")
        .isEqualTo(404);
    assertThat(
            report(
                    reporter.token(),
                    Map.of(
                        "account_id", target.id(), "status_ids", List.of(targetsStatus, "99999")))
                .status())
        .as("an unknown status")
        .isEqualTo(404);
    var tooLong =
        report(reporter.token(), Map.of("account_id", target.id(), "comment", "x".repeat(1001)));
    tooLong.invalid("comment", "ERR_TOO_LONG");
    var category =
        report(reporter.token(), Map.of("account_id", target.id(), "category", "boring"));
    category.invalid("category", "ERR_INCLUSION");
    assertThat(
            report(
                    reporter.token(),
                    Map.of(
                        "account_id",
                        target.id(),
                        "category",
                        "violation",
                        "rule_ids",
                        List.of("1")))
                .status())
        .as("no rules to cite")
        .isEqualTo(422);
    assertThat(api.post("/api/v1/reports").json(Map.of("account_id", target.id())).send().status())
        .as("anonymous")
        .isEqualTo(401);
    assertThat(podium.count(Tables.REPORTS)).as("nothing was written").isEqualTo(before);

    var longest =
        report(
            reporter.token(),
            Map.of(
                "account_id",
                target.id(),
                "comment",
                "x".repeat(1000),
                "status_ids",
                List.of(targetsStatus)));
    assertThat(longest.status()).as("1,000 characters are allowed").isEqualTo(200);
    assertThat(podium.count(Tables.REPORTS)).isEqualTo(before + 1);
  }

  @Test
  void membersCannotListReadOrResolveReportsEvenWithAdminScopes() {
    Member member = feeds.member("nosy");
    Member target = feeds.member("nosy_target");
    String id = reportId(member.token(), Map.of("account_id", target.id()));
    String adminScoped = podium.loginToken(member.username(), "correct horse battery");

    for (String token : List.of(member.token(), adminScoped)) {
      var list = api.get("/api/v1/admin/reports").token(token).send();
      assertThat(list.status()).as(list.toString()).isEqualTo(403);
      assertThat(api.get("/api/v1/admin/reports/" + id).token(token).send().status())
          .isEqualTo(403);
      assertThat(api.post("/api/v1/admin/reports/" + id + "/resolve").token(token).send().status())
          .isEqualTo(403);
    }
    assertThat(api.get("/api/v1/admin/reports").send().status()).as("anonymous").isEqualTo(401);
    assertThat(listed("")).as("still unresolved").contains(id);
  }

  @Test
  void anAccountActionWithAReportIdResolvesThatReportAndAWrongOneChangesNothing() {
    Member reporter = feeds.member("action_reporter");
    Member target = feeds.member("action_target");
    Member bystander = feeds.member("action_bystander");
    String id = reportId(reporter.token(), Map.of("account_id", target.id()));

    var wrong =
        podium.adminAction(admin, bystander.id(), Map.of("type", "suspend", "report_id", id));
    assertThat(wrong.status()).as(wrong.toString()).isEqualTo(422);
    assertThat(feeds.accountAttribute(bystander.id(), "suspended_at")).as("not suspended").isNull();
    assertThat(
            podium
                .adminAction(admin, target.id(), Map.of("type", "none", "report_id", "12345"))
                .status())
        .isEqualTo(404);
    assertThat(listed("")).contains(id);

    var none = podium.adminAction(admin, target.id(), Map.of("type", "none", "report_id", id));
    assertThat(none.status()).as(none.toString()).isEqualTo(200);
    assertThat(listed("")).doesNotContain(id);
    assertThat(listed("?resolved=true")).contains(id);
    assertThat(api.get("/api/v1/accounts/verify_credentials").token(target.token()).send().status())
        .as("none does nothing to the account")
        .isEqualTo(200);
  }
}
