package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.TestStacks;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The open phase (national rollout): anyone in an allowed country signs up without an invite. This
 * stack allows the US and Canada and 2 signups per address per window; one test compares an
 * invite-only stack.
 */
@PodiumIT(
    settings = {"SIGNUP_MODE", "open", "ALLOWED_COUNTRIES", "US,CA", "SIGNUP_RATE_LIMIT", "2"})
class SignupModesIT {
  static final String PASSWORD = "correct horse battery";

  static LocalStack stack;
  static Podium podium;

  @Test
  void inOpenModeASignupWithoutAnInviteSucceeds() {
    int accounts = podium.count(Tables.ACCOUNTS);

    var signup = podium.signup(Podium.signupForm("opener", "opener@example.com", PASSWORD, null));

    assertThat(signup.status()).as(signup.toString()).isEqualTo(200);
    var me = podium.me(signup.field("access_token"));
    assertThat(me.field("username")).isEqualTo("opener");
    assertThat(me.field("invited_by_account_id")).isNull();
    assertThat(podium.count(Tables.ACCOUNTS)).isEqualTo(accounts + 1);
  }

  @Test
  void inOpenModeAnInviteCodeIsOptionalAndStillRecordsTheInviter() {
    String admin = podium.adminToken();
    String adminId = podium.api.get("/api/v1/accounts/lookup?acct=admin").send().field("id");
    String code = podium.inviteCode(admin, Map.of());

    var signup = podium.signup("invited_opener", code);

    assertThat(signup.status()).as(signup.toString()).isEqualTo(200);
    var me = podium.me(signup.field("access_token"));
    assertThat(me.field("invited_by_account_id")).isEqualTo(adminId);
  }

  @Test
  void aSignupFromTheSecondAllowedCountrySucceeds() {
    var canadian = signupFrom("CA", "canuck");

    assertThat(canadian.status()).as(canadian.toString()).isEqualTo(200);
    var lookup = podium.api.get("/api/v1/accounts/lookup?acct=canuck").send();
    assertThat(lookup.status()).as(lookup.toString()).isEqualTo(200);
  }

  @Test
  void aSignupFromADisallowedCountryIsForbiddenAndWritesNothing() {
    Map<String, Integer> before = counts();

    var french = signupFrom("FR", "parisian");

    assertThat(french.status()).as(french.toString()).isEqualTo(403);
    assertThat(french.field("error")).contains("country");
    assertThat(counts()).isEqualTo(before);
    assertThat(podium.api.get("/api/v1/accounts/lookup?acct=parisian").send().status())
        .isEqualTo(404);
  }

  @Test
  void signupsPastTheLimitPerAddressAreRefusedWith429AndWriteNothing() {
    String address = Podium.freshAddress();
    for (int i = 0; i < 2; i++) {
      var allowed = signupFromAddress(address, "limited_" + i);
      assertThat(allowed.status()).as(allowed.toString()).isEqualTo(200);
    }
    Map<String, Integer> before = counts();

    var limited = signupFromAddress(address, "limited_2");

    assertThat(limited.status()).as(limited.toString()).isEqualTo(429);
    assertThat(limited.header("X-RateLimit-Limit")).isEqualTo("2");
    assertThat(limited.header("Retry-After")).isNotBlank();
    before.put(Tables.RATE_LIMITS.name(), counts().get(Tables.RATE_LIMITS.name()));
    assertThat(counts()).isEqualTo(before);
    var elsewhere = signupFromAddress(Podium.freshAddress(), "limited_2");
    assertThat(elsewhere.status())
        .as("another address is not limited: %s", elsewhere)
        .isEqualTo(200);
  }

  @Test
  void theInstanceAnnouncesOpenRegistrationsWithoutAnInvite() {
    var v2 = podium.api.get("/api/v2/instance").send();
    assertThat(v2.status()).isEqualTo(200);
    assertThat(v2.json().at("/registrations/invite_required").isBoolean()).isTrue();
    assertThat(v2.json().at("/registrations/invite_required").asBoolean()).isFalse();
    assertThat(v2.json().at("/registrations/mode").asText()).isEqualTo("open");
    assertThat(v2.json().at("/registrations/enabled").asBoolean()).isTrue();

    var v1 = podium.api.get("/api/v1/instance").send();
    assertThat(v1.json().get("invite_required").asBoolean()).isFalse();
    var nodeInfo = podium.api.get("/nodeinfo/2.0").send();
    assertThat(nodeInfo.json().get("openRegistrations").asBoolean()).isTrue();
  }

  @Test
  void inOpenModeTheWaitlistIsClosedAndWritesNothing() {
    int waitlist = podium.count(Tables.WAITLIST);

    var joined =
        podium.api.post("/api/v1/waitlist").form(Map.of("email", "late@example.com")).send();

    assertThat(joined.status()).as(joined.toString()).isEqualTo(403);
    assertThat(joined.field("error")).contains("open");
    assertThat(podium.count(Tables.WAITLIST)).isEqualTo(waitlist);
  }

  @Test
  void anInviteOnlyStackRequiresAnInviteAndSaysSo() throws Exception {
    try (LocalStack inviteOnly = TestStacks.start(Map.of("SIGNUP_MODE", "invite_only"))) {
      Podium closed = new Podium(inviteOnly);

      var v2 = closed.api.get("/api/v2/instance").send();
      assertThat(v2.json().at("/registrations/invite_required").asBoolean()).isTrue();
      assertThat(v2.json().at("/registrations/mode").asText()).isEqualTo("invite_only");
      assertThat(
              closed.api.get("/api/v1/instance").send().json().get("invite_required").asBoolean())
          .isTrue();
      assertThat(closed.api.get("/nodeinfo/2.0").send().json().get("openRegistrations").asBoolean())
          .isFalse();

      int accounts = closed.count(Tables.ACCOUNTS);
      var uninvited = closed.signup("would_be", null);
      uninvited.invalid("invite_code", "ERR_BLANK");
      assertThat(closed.count(Tables.ACCOUNTS)).isEqualTo(accounts);
    }
  }

  // ---------------------------------------------------------------------------------------------------

  static ApiClient.Response signupFrom(String country, String username) {
    return podium
        .api
        .post("/api/v1/accounts")
        .token(podium.appToken)
        .header("CloudFront-Viewer-Country", country)
        .header("CloudFront-Viewer-Address", Podium.freshAddress() + ":4000")
        .form(Podium.signupForm(username, username + "@example.com", PASSWORD, null))
        .send();
  }

  /** A signup from one client address, each from another port: limits key on the address alone. */
  static ApiClient.Response signupFromAddress(String address, String username) {
    return podium
        .api
        .post("/api/v1/accounts")
        .token(podium.appToken)
        .header(
            "CloudFront-Viewer-Address", address + ":" + (1024 + (username.hashCode() & 0x7FFF)))
        .form(Podium.signupForm(username, username + "@example.com", PASSWORD, null))
        .send();
  }

  /** The tables a signup writes to, by name, with their sizes. */
  static Map<String, Integer> counts() {
    return podium.counts(Tables.ACCOUNTS, Tables.UNIQUE_KEYS, Tables.TOKENS, Tables.RATE_LIMITS);
  }
}
