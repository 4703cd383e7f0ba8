package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Three members follow each other and post; each home timeline shows the right statuses in order.
 */
@PodiumIT
public class FeedFlowIT {
  protected static LocalStack stack;
  protected static Podium podium;

  @Test
  void followersSeeEachOthersStatusesNewestFirstAndTheirOwn() {
    String ann = podium.member("ann");
    String ben = podium.member("ben");
    String cid = podium.member("cid");
    String annId = podium.accountId(ann);
    String benId = podium.accountId(ben);
    String cidId = podium.accountId(cid);
    podium.follow(ann, benId);
    podium.follow(ann, cidId);
    podium.follow(ben, annId);
    podium.follow(cid, benId);

    String a1 = podium.post(ann, "ann one");
    String b1 = podium.post(ben, "ben one");
    String c1 = podium.post(cid, "cid one");
    String a2 = podium.post(ann, "ann two");

    assertThat(podium.awaitHome(ann, ids -> ids.size() >= 4)).containsExactly(a2, c1, b1, a1);
    assertThat(podium.awaitHome(ben, ids -> ids.size() >= 3)).containsExactly(a2, b1, a1);
    assertThat(podium.awaitHome(cid, ids -> ids.size() >= 2)).containsExactly(c1, b1);

    var account = podium.api.get("/api/v1/accounts/" + annId).send();
    assertThat(account.json().get("statuses_count").asLong()).isEqualTo(2);
    assertThat(account.json().get("following_count").asLong()).isEqualTo(2);
    assertThat(account.json().get("followers_count").asLong()).isEqualTo(1);
  }

  @Test
  void statusesComeBackAsEscapedHtmlWithTheirAuthor() {
    String dee = podium.member("dee");
    var posted =
        podium
            .api
            .post("/api/v1/statuses")
            .token(dee)
            .json(Map.of("status", "<b>hi</b> & bye", "visibility", "unlisted"))
            .send();
    assertThat(posted.status()).isEqualTo(200);
    assertThat(posted.field("content")).isEqualTo("<p>&lt;b&gt;hi&lt;/b&gt; &amp; bye</p>");
    assertThat(posted.field("visibility")).isEqualTo("unlisted");
    assertThat(posted.json().at("/account/username").asText()).isEqualTo("dee");
    assertThat(posted.json().at("/account/statuses_count").asLong()).isEqualTo(1);
    assertThat(posted.json().at("/account/last_status_at").asText())
        .isEqualTo(posted.field("created_at").substring(0, 10));
    assertThat(podium.api.get("/api/v1/statuses/" + posted.field("id")).send().field("content"))
        .isEqualTo(posted.field("content"));
    assertThat(podium.home(dee, "")).isEqualTo(List.of(posted.field("id")));
  }

  @Test
  void anAutofollowInviteMakesTheNewMemberFollowTheInviterAndSeeTheirStatuses() {
    String inviter = podium.member("eve");
    String inviterId = podium.accountId(inviter);
    String earlier = podium.post(inviter, "before you came");
    String plain = podium.inviteCode(inviter, Map.of("max_uses", 1));
    String following = podium.inviteCode(inviter, Map.of("max_uses", 1, "autofollow", true));

    var withoutAutofollow = podium.signup("fay", plain);
    var withAutofollow = podium.signup("gus", following);
    assertThat(withAutofollow.status()).isEqualTo(200);

    String gus = withAutofollow.field("access_token");
    var relationship =
        podium.api.get("/api/v1/accounts/relationships?id[]=" + inviterId).token(gus).send();
    assertThat(relationship.json().get(0).get("following").asBoolean()).isTrue();
    var notFollowing =
        podium
            .api
            .get("/api/v1/accounts/relationships?id[]=" + inviterId)
            .token(withoutAutofollow.field("access_token"))
            .send();
    assertThat(notFollowing.json().get(0).get("following").asBoolean()).isFalse();
    assertThat(
            podium
                .api
                .get("/api/v1/accounts/" + inviterId)
                .send()
                .json()
                .get("followers_count")
                .asLong())
        .isEqualTo(1);
    assertThat(podium.home(gus, "")).containsExactly(earlier);
  }
}
