package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import app.podium.Tables;
import app.podium.invites.Invite;
import app.podium.invites.store.DynamoDbInviteRepository;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.store.DynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Invites through the API: defaults, the caller's own list, revocation, the member quota (also
 * under concurrent creates), validation, expiry, autofollow and the invite tree admins read. A
 * member's usable invites may admit at most 3 more people in this stack.
 */
@PodiumIT(settings = {"INVITES_PER_MEMBER", "" + InvitesIT.QUOTA})
class InvitesIT {
  static final int QUOTA = 3;

  static LocalStack stack;
  static Podium podium;
  @PodiumIT.Admin static String admin;

  @Test
  void aNewInviteDefaultsToOneUseExpiringInSevenDaysAndIsUsable() {
    Instant before = Instant.now();
    var created = podium.createInvite(admin, Map.of());

    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    JsonNode invite = created.json();
    assertThat(invite.get("code").asText()).matches("[A-Z0-9]{10}");
    assertThat(invite.get("id").asText()).isEqualTo(invite.get("code").asText());
    assertThat(invite.get("max_uses").asInt()).isEqualTo(1);
    assertThat(invite.get("uses").asInt()).isZero();
    assertThat(invite.get("usable").asBoolean()).isTrue();
    assertThat(invite.get("expired").asBoolean()).isFalse();
    assertThat(invite.get("autofollow").asBoolean()).isFalse();
    Instant expiresAt = Instant.parse(invite.get("expires_at").asText());
    assertThat(expiresAt).isCloseTo(before.plus(Duration.ofDays(7)), within(2, ChronoUnit.MINUTES));
    assertThat(invite.get("url").asText()).endsWith("/invite/" + invite.get("code").asText());
  }

  @Test
  void theListShowsTheCallersOwnInvitesAndNoOneElses() {
    String member = podium.member("lister");
    List<String> mine =
        List.of(podium.inviteCode(member, Map.of()), podium.inviteCode(member, Map.of()));
    String adminsCode = podium.inviteCode(admin, Map.of());

    assertThat(codes(list(member))).containsExactlyInAnyOrderElementsOf(mine);
    assertThat(codes(list(admin))).contains(adminsCode).doesNotContainAnyElementsOf(mine);
  }

  @Test
  void aRevokedInviteIsRefusedAtSignupAndListedAsExpired() {
    String code = podium.inviteCode(admin, Map.of("max_uses", 5));

    // codes are case-insensitive everywhere, as at signup
    var revoked = podium.api.delete("/api/v1/invites/" + code.toLowerCase()).token(admin).send();
    assertThat(revoked.status()).as(revoked.toString()).isEqualTo(200);

    podium.assertSignupRefused("revoked_guest", code, "ERR_INVALID");

    assertExpiredUnused(byCode(list(admin)).get(code));
  }

  @Test
  void anotherMemberCanNeitherRevokeNorSeeMyInvite() {
    String owner = podium.member("owner");
    String other = podium.member("other");
    String code = podium.inviteCode(owner, Map.of());

    var revoke = podium.api.delete("/api/v1/invites/" + code).token(other).send();
    assertThat(revoke.status()).as(revoke.toString()).isEqualTo(404);
    var unknown = podium.api.delete("/api/v1/invites/NOSUCHCODE").token(other).send();
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    assertThat(unknown.field("error")).isEqualTo(revoke.field("error"));

    assertThat(codes(list(other))).doesNotContain(code);
    JsonNode stillMine = byCode(list(owner)).get(code);
    assertThat(stillMine.get("usable").asBoolean()).isTrue();
    assertThat(podium.signup("owners_guest", code).status()).isEqualTo(200);
  }

  /**
   * Found by RouteFuzzIT: DELETE /api/v1/invites/ (an empty code) answered 500 (an empty DynamoDB
   * key).
   */
  @Test
  void revokingAnEmptyOrOverlongCodeIs404AndWritesNothing() {
    String member = podium.member("empty_revoker");
    int invites = podium.count(Tables.INVITES);
    for (String code : List.of("", "A".repeat(65), "A".repeat(3000))) {
      var response = podium.api.delete("/api/v1/invites/" + code).token(member).send();

      assertThat(response.status()).as("'%s': %s", code, response).isEqualTo(404);
      assertThat(response.field("error")).isEqualTo("Record not found");
    }
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites);
  }

  @Test
  void aMemberHoldsAtMostTheQuotaAndRevokingOneFreesASlot() {
    String member = podium.member("quota_holder");
    List<String> codes = new ArrayList<>();
    for (int i = 0; i < QUOTA; i++) {
      codes.add(podium.inviteCode(member, Map.of()));
    }
    int invites = podium.count(Tables.INVITES);

    var over = podium.createInvite(member, Map.of());
    assertThat(over.status()).as(over.toString()).isEqualTo(403);
    assertThat(over.field("error")).isNotBlank();
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites);

    assertThat(
            podium.api.delete("/api/v1/invites/" + codes.getFirst()).token(member).send().status())
        .isEqualTo(200);
    var freed = podium.createInvite(member, Map.of());
    assertThat(freed.status()).as(freed.toString()).isEqualTo(200);
    assertThat(podium.createInvite(member, Map.of()).status()).as("full again").isEqualTo(403);
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites + 1);
  }

  @Test
  void tenConcurrentCreatesByAFreshMemberYieldExactlyTheQuota() {
    String member = podium.member("concurrent_inviter");
    int invites = podium.count(Tables.INVITES);

    List<ApiClient.Response> responses =
        Concurrently.run(10, i -> podium.createInvite(member, Map.of()));

    Map<Integer, Long> statuses = ApiClient.statuses(responses);
    assertThat(statuses)
        .as(responses.toString())
        .containsOnlyKeys(200, 403)
        .containsEntry(200, (long) QUOTA)
        .containsEntry(403, 10L - QUOTA);
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites + QUOTA);
    List<String> created =
        responses.stream().filter(r -> r.status() == 200).map(r -> r.field("code")).toList();
    assertThat(codes(list(member))).containsExactlyInAnyOrderElementsOf(created);
  }

  @Test
  void theQuotaCountsThePeopleUnusedInvitesCanAdmitNotTheCodes() {
    String member = podium.member("large_code_holder");
    int invites = podium.count(Tables.INVITES);

    var huge = podium.createInvite(member, Map.of("max_uses", 100_000, "expires_in", 31_536_000));
    huge.invalid("max_uses", "ERR_INCLUSION");
    assertThat(huge.json().at("/details/max_uses/0/description").asText())
        .contains("1 and " + QUOTA);
    var overByOne = podium.createInvite(member, Map.of("max_uses", QUOTA + 1));
    assertThat(overByOne.status()).as(overByOne.toString()).isEqualTo(422);
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites);

    String two = podium.inviteCode(member, Map.of("max_uses", 2));
    var twoMore = podium.createInvite(member, Map.of("max_uses", 2));
    assertThat(twoMore.status())
        .as("2 + 2 people is over " + QUOTA + ": " + twoMore)
        .isEqualTo(403);
    assertThat(twoMore.field("error")).contains("2 of the " + QUOTA);
    assertThat(podium.createInvite(member, Map.of("max_uses", 1)).status()).isEqualTo(200);
    assertThat(podium.createInvite(member, Map.of()).status()).as("3 people held").isEqualTo(403);
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites + 2);

    // a redemption spends one of the people a code can admit, and frees it in the quota
    assertThat(podium.signup("admitted_by_two", two).status()).isEqualTo(200);
    var afterRedemption = podium.createInvite(member, Map.of("max_uses", 1));
    assertThat(afterRedemption.status()).as(afterRedemption.toString()).isEqualTo(200);
    assertThat(podium.createInvite(member, Map.of()).status()).as("full again").isEqualTo(403);
  }

  @Test
  void tenConcurrentCreatesOfTwoUsesEachAdmitAtMostTheQuota() {
    String member = podium.member("concurrent_large_inviter");

    List<ApiClient.Response> responses =
        Concurrently.run(10, i -> podium.createInvite(member, Map.of("max_uses", 2)));

    Map<Integer, Long> statuses = ApiClient.statuses(responses);
    assertThat(statuses)
        .as(responses.toString())
        .containsOnlyKeys(200, 403)
        .containsEntry(200, (long) (QUOTA / 2))
        .containsEntry(403, 10L - QUOTA / 2);
    int admits = 0;
    for (JsonNode invite : list(member)) {
      admits += invite.get("max_uses").asInt() - invite.get("uses").asInt();
    }
    assertThat(admits).isLessThanOrEqualTo(QUOTA);
  }

  @Test
  void anAdminHasNoQuota() {
    int invites = podium.count(Tables.INVITES);
    for (int i = 0; i < 8; i++) {
      var created = podium.createInvite(admin, Map.of());
      assertThat(created.status()).as("invite %d: %s", i + 1, created).isEqualTo(200);
    }
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites + 8);
  }

  @Test
  void invalidMaxUsesAndExpiresInAreRefusedWithDetailsAndWriteNothing() {
    String member = podium.member("validator");
    record Case(String field, Object value, String error) {}
    List<Case> cases =
        List.of(
            new Case("max_uses", "abc", "ERR_INVALID"),
            new Case("max_uses", 0, "ERR_INCLUSION"),
            new Case("max_uses", -1, "ERR_INCLUSION"),
            new Case("max_uses", 100_001, "ERR_INCLUSION"),
            new Case("expires_in", 10, "ERR_INCLUSION"),
            new Case("expires_in", "x", "ERR_INVALID"));
    int invites = podium.count(Tables.INVITES);

    for (String token : List.of(admin, member)) {
      for (Case c : cases) {
        var response = podium.createInvite(token, Map.of(c.field(), c.value()));
        assertThat(response.status())
            .as("%s=%s: %s", c.field(), c.value(), response)
            .isEqualTo(422);
        assertThat(response.json().at("/details/" + c.field() + "/0/error").asText())
            .as("%s=%s: %s", c.field(), c.value(), response)
            .isEqualTo(c.error());
      }
    }

    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites);
    assertThat(list(member)).isEmpty();
  }

  @Test
  void theLimitsOfMaxUsesAndExpiresInAreAccepted() {
    var most =
        podium.createInvite(admin, Map.of("max_uses", 100_000, "expires_in", 365 * 24 * 3600));
    assertThat(most.status()).as(most.toString()).isEqualTo(200);
    assertThat(most.json().get("max_uses").asInt()).isEqualTo(100_000);

    Instant before = Instant.now();
    var shortest = podium.createInvite(admin, Map.of("max_uses", 1, "expires_in", 60));
    assertThat(shortest.status()).as(shortest.toString()).isEqualTo(200);
    assertThat(Instant.parse(shortest.field("expires_at")))
        .isCloseTo(before.plusSeconds(60), within(30, ChronoUnit.SECONDS));
  }

  @Test
  void anExpiredInviteIsRefusedAtSignupAndWritesNothing() {
    String adminId = podium.api.get("/api/v1/accounts/lookup?acct=admin").send().field("id");
    Instant now = Instant.now();
    Invite expired =
        new Invite(
            "EXPIRED" + Long.toString(System.nanoTime() % 1000),
            adminId,
            Optional.of(5),
            0,
            Optional.of(now.minusSeconds(60)),
            false,
            now.minus(Duration.ofDays(8)),
            Optional.empty());
    new DynamoDbInviteRepository(
            new DynamoDb(stack.dynamoDbClient(), stack.backend().settings().tablePrefix()))
        .create(expired, Optional.empty(), now);
    Map<String, Integer> before = counts();

    var signup = podium.signup("too_late", expired.code().toLowerCase());

    signup.invalid("invite_code", "ERR_INVALID");
    assertThat(counts()).isEqualTo(before);
    assertExpiredUnused(byCode(list(admin)).get(expired.code()));
  }

  @Test
  void autofollowIsStoredAndReturned() {
    String member = podium.member("follower_maker");
    var created = podium.createInvite(member, Map.of("autofollow", true));
    assertThat(created.status()).as(created.toString()).isEqualTo(200);
    assertThat(created.json().get("autofollow").asBoolean()).isTrue();

    var plain = podium.createInvite(member, Map.of("autofollow", "false"));
    assertThat(plain.json().get("autofollow").asBoolean()).isFalse();

    Map<String, JsonNode> listed = byCode(list(member));
    assertThat(listed.get(created.field("code")).get("autofollow").asBoolean()).isTrue();
    assertThat(listed.get(plain.field("code")).get("autofollow").asBoolean()).isFalse();

    int invites = podium.count(Tables.INVITES);
    var garbled = podium.createInvite(member, Map.of("autofollow", "maybe"));
    garbled.invalid("autofollow", "ERR_INVALID");
    assertThat(podium.count(Tables.INVITES)).isEqualTo(invites);
  }

  @Test
  void theInviteTreeShowsWhoInvitedWhomToAdminsOnly() {
    String adminId = podium.api.get("/api/v1/accounts/lookup?acct=admin").send().field("id");
    String parent = podium.member("tree_parent");
    String parentId = podium.accountId(parent);
    String code = podium.inviteCode(parent, Map.of("max_uses", 2));
    var first = podium.signup("tree_child_one", code);
    var second = podium.signup("tree_child_two", code);
    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    String childId = podium.accountId(first.field("access_token"));

    var invitees =
        podium.api.get("/api/v1/admin/accounts/" + parentId + "/invitees").token(admin).send();
    assertThat(invitees.status()).as(invitees.toString()).isEqualTo(200);
    assertThat(ApiClient.texts(invitees.json(), "username"))
        .containsExactlyInAnyOrder("tree_child_one", "tree_child_two");
    assertThat(ApiClient.texts(invitees.json(), "invited_by_account_id")).containsOnly(parentId);

    var child = podium.api.get("/api/v1/admin/accounts/" + childId).token(admin).send();
    assertThat(child.status()).as(child.toString()).isEqualTo(200);
    assertThat(child.field("invited_by_account_id")).isEqualTo(parentId);
    assertThat(child.field("invite_code")).isEqualTo(code);
    var parentAccount = podium.api.get("/api/v1/admin/accounts/" + parentId).token(admin).send();
    assertThat(parentAccount.field("invited_by_account_id")).isEqualTo(adminId);
    var adminsInvitees =
        podium
            .api
            .get("/api/v1/admin/accounts/" + adminId + "/invitees?limit=80")
            .token(admin)
            .send();
    assertThat(ApiClient.texts(adminsInvitees.json(), "id"))
        .contains(parentId)
        .doesNotContain(childId);

    var asMember =
        podium.api.get("/api/v1/admin/accounts/" + parentId + "/invitees").token(parent).send();
    assertThat(asMember.status()).as(asMember.toString()).isEqualTo(403);
    var accountAsMember = podium.api.get("/api/v1/admin/accounts/" + childId).token(parent).send();
    assertThat(accountAsMember.status()).as(accountAsMember.toString()).isEqualTo(403);
    var unknown = podium.api.get("/api/v1/admin/accounts/1234567890/invitees").token(admin).send();
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
  }

  // ---------------------------------------------------------------------------------------------------

  static JsonNode list(String token) {
    return ApiClient.okArray(podium.api.get("/api/v1/invites").token(token).send());
  }

  static List<String> codes(JsonNode list) {
    return ApiClient.texts(list, "code");
  }

  static Map<String, JsonNode> byCode(JsonNode list) {
    Map<String, JsonNode> byCode = new HashMap<>();
    list.forEach(invite -> byCode.put(invite.get("code").asText(), invite));
    return byCode;
  }

  /** Every table that a signup or an invite would write to, by name, with its size. */
  static Map<String, Integer> counts() {
    return podium.counts(Tables.ACCOUNTS, Tables.UNIQUE_KEYS, Tables.TOKENS, Tables.INVITES);
  }

  /** An invite that can no longer be used and never was. */
  static void assertExpiredUnused(JsonNode listed) {
    assertThat(listed.get("expired").asBoolean()).isTrue();
    assertThat(listed.get("usable").asBoolean()).isFalse();
    assertThat(listed.get("uses").asInt()).isZero();
  }
}
