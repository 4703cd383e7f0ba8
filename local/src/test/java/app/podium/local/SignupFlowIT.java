package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The launch path end to end: the admin invites, a member signs up with the code and sees their
 * account.
 */
@PodiumIT
public class SignupFlowIT {
  protected static LocalStack stack;
  protected static Podium podium;

  @Test
  void invitedMemberSignsUpAndReadsTheirAccount() {
    String admin = podium.adminToken();
    String code = podium.inviteCode(admin, Map.of("max_uses", 1));

    var signup = podium.signup("alice", code);
    assertThat(signup.status()).as(signup.toString()).isEqualTo(200);
    assertThat(signup.field("token_type")).isEqualTo("Bearer");

    var me = podium.me(signup.field("access_token"));
    assertThat(me.field("username")).isEqualTo("alice");
    assertThat(me.field("acct")).isEqualTo("alice");
    var adminAccount = podium.api.get("/api/v1/accounts/lookup?acct=admin").send();
    assertThat(me.field("invited_by_account_id")).isEqualTo(adminAccount.field("id"));
  }

  @Test
  void aUsedUpCodeAWrongCountryAndAMissingInviteAreRefusedAndWriteNothing() {
    String code = podium.inviteCode(podium.adminToken(), Map.of("max_uses", 1));
    assertThat(podium.signup("bob", code).status()).isEqualTo(200);
    int accounts = podium.count(app.podium.Tables.ACCOUNTS);

    var reused = podium.signup("carol", code);
    reused.invalid("invite_code", "ERR_INVALID");

    String fresh = podium.inviteCode(podium.adminToken(), Map.of());
    var abroad =
        podium
            .api
            .post("/api/v1/accounts")
            .token(podium.appToken)
            .header("CloudFront-Viewer-Country", "FR")
            .form(Podium.signupForm("dave", "dave@example.com", "correct horse battery", fresh))
            .send();
    assertThat(abroad.status()).isEqualTo(403);
    assertThat(abroad.field("error")).contains("country");

    var uninvited =
        podium.signup(Podium.signupForm("erin", "erin@example.com", "correct horse battery", null));
    uninvited.invalid("invite_code", "ERR_BLANK");

    assertThat(podium.count(app.podium.Tables.ACCOUNTS)).isEqualTo(accounts);
  }
}
