package app.podium.local;

import static app.podium.local.support.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who may see a status, through the API (handler, service, the engine, the fan-out queue), as
 * Mastodon's {@code StatusPolicy#show?} and {@code NotifyService} decide: a member the author
 * blocks gets 404 for the author's statuses wherever they are asked for, and may not reply to them;
 * a mention or reply that a block stands between notifies nobody; a private status is readable by
 * the members it mentions, and by no other non-follower.
 */
@PodiumIT(cheapPasswords = true)
class VisibilityIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final String REPLY_NOT_FOUND =
      "The post you are trying to reply to does not appear to exist.";
  static final AtomicInteger NAMES = new AtomicInteger();

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  /** Who plays each test, fresh for each: the author, the blocked, a bystander, one mentioned. */
  Member carol;

  Member alice;
  Member bob;
  Member dave;

  @BeforeEach
  void cast() {
    carol = member("carol");
    alice = member("alice");
    bob = member("bob");
    dave = member("dave");
  }

  static Member member(String role) {
    return feeds.member(role + NAMES.incrementAndGet());
  }

  static ApiClient.Response get(Member reader, String path) {
    var call = podium.api.get(path);
    return reader == null ? call.send() : call.token(reader.token()).send();
  }

  static ApiClient.Response post(Member actor, String path) {
    return podium.api.post(path).token(actor.token()).send();
  }

  static ApiClient.Response postStatus(Member author, Map<String, String> fields) {
    return podium.api.post("/api/v1/statuses").token(author.token()).form(fields).send();
  }

  static String posted(ApiClient.Response response) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.field("id");
  }

  static void block(Member owner, Member target) {
    ok(post(owner, "/api/v1/accounts/" + target.id() + "/block"));
  }

  static List<String> ids(JsonNode array) {
    List<String> ids = new ArrayList<>();
    array.forEach(node -> ids.add(node.get("id").asText()));
    return ids;
  }

  /** The ids of the statuses in the member's notifications of one type, newest first. */
  static List<String> notified(Member member, String type) {
    List<String> ids = new ArrayList<>();
    ok(get(member, "/api/v1/notifications?types[]=" + type))
        .forEach(n -> ids.add(n.get("status").get("id").asText()));
    return ids;
  }

  /**
   * Waits until {@code witness} is notified of the mention: its event is then recorded for everyone
   * it names.
   */
  static void awaitMention(Member witness, String statusId) {
    assertThat(Feeds.await(WAIT, () -> notified(witness, "mention"), ids -> ids.contains(statusId)))
        .as("the witness's mention of " + statusId)
        .contains(statusId);
    feeds.awaitQueueDrained(WAIT);
  }

  static void assertNotFound(ApiClient.Response response, String what) {
    assertThat(response.status()).as(what + ": " + response).isEqualTo(404);
    assertThat(response.field("error")).as(what).isEqualTo("Record not found");
  }

  /**
   * The status and its context, favourited_by and reblogged_by pages as the reader (null: no token)
   * gets them: all shown, or all Record not found, as if the status did not exist.
   */
  static void assertStatusPages(Member reader, String status, boolean shown, String who) {
    for (String path : List.of("", "/context", "/favourited_by", "/reblogged_by")) {
      var response = get(reader, "/api/v1/statuses/" + status + path);
      if (shown) {
        assertThat(response.status()).as(who + ", " + path + ": " + response).isEqualTo(200);
      } else {
        assertNotFound(response, who + ", " + path);
      }
    }
  }

  @Test
  void aMemberTheAuthorBlocksGets404ForTheAuthorsStatusesWhereverTheyAreAskedFor() {
    String tag = "blocktag" + NAMES.incrementAndGet();
    String status = podium.post(carol.token(), "public words #" + tag);
    String bobsReply =
        posted(postStatus(bob, Map.of("status", "an answer", "in_reply_to_id", status)));
    podium.follow(alice.token(), bob.id());
    String reblog = ok(post(bob, "/api/v1/statuses/" + status + "/reblog")).get("id").asText();
    ok(post(alice, "/api/v1/statuses/" + status + "/favourite"));
    assertThat(podium.awaitHome(alice.token(), home -> home.contains(reblog)))
        .as("bob's reblog reached alice")
        .contains(reblog);

    block(carol, alice);

    assertStatusPages(alice, status, false, "blocked");
    assertStatusPages(dave, status, true, "another member");
    assertStatusPages(null, status, true, "no token");
    for (String action : List.of("favourite", "reblog", "unfavourite", "unreblog")) {
      assertNotFound(post(alice, "/api/v1/statuses/" + status + "/" + action), action);
    }
    assertThat(ok(get(alice, "/api/v1/accounts/" + carol.id() + "/statuses")))
        .as("carol's statuses")
        .isEmpty();
    assertThat(ids(ok(get(dave, "/api/v1/accounts/" + carol.id() + "/statuses")))).contains(status);
    assertThat(ids(ok(get(alice, "/api/v1/timelines/tag/" + tag)))).as("tag timeline").isEmpty();
    assertThat(ids(ok(get(dave, "/api/v1/timelines/tag/" + tag)))).containsExactly(status);
    JsonNode context = ok(get(alice, "/api/v1/statuses/" + bobsReply + "/context"));
    assertThat(ids(context.get("ancestors")))
        .as("the reply's context leaves carol's status out")
        .isEmpty();
    assertThat(ids(ok(get(dave, "/api/v1/statuses/" + bobsReply + "/context")).get("ancestors")))
        .containsExactly(status);
    assertThat(podium.home(alice.token(), "?limit=40"))
        .as("bob's reblog of carol's status")
        .doesNotContain(reblog);
    assertThat(podium.home(dave.token(), "?limit=40")).doesNotContain(reblog);
    podium.follow(dave.token(), bob.id());
    assertThat(podium.awaitHome(dave.token(), home -> home.contains(reblog)))
        .as("a follower of bob's backfill")
        .contains(reblog);
  }

  @Test
  void aReplyToABlockersStatusIsRefusedAsMastodonRefusesItAndWritesNothing() {
    String status = podium.post(carol.token(), "carol's thoughts");
    block(carol, alice);
    int statuses = podium.count(Tables.POSTS);

    var reply =
        postStatus(
            alice, Map.of("status", "@" + carol.username() + " but why", "in_reply_to_id", status));
    var unknown =
        postStatus(alice, Map.of("status", "into the void", "in_reply_to_id", "123456789"));

    assertThat(reply.status()).as(reply.toString()).isEqualTo(404);
    assertThat(reply.field("error")).isEqualTo(REPLY_NOT_FOUND);
    assertThat(unknown.status()).as(unknown.toString()).isEqualTo(404);
    assertThat(unknown.field("error")).isEqualTo(REPLY_NOT_FOUND);
    feeds.awaitQueueDrained(WAIT);
    assertThat(podium.count(Tables.POSTS)).as("nothing stored").isEqualTo(statuses);
    assertThat(notified(carol, "mention")).isEmpty();
    ok(post(carol, "/api/v1/accounts/" + alice.id() + "/unblock"));
    posted(
        postStatus(
            alice,
            Map.of("status", "@" + carol.username() + " now then", "in_reply_to_id", status)));
  }

  @Test
  void aMentionThatABlockStandsBetweenNotifiesNobodyButTheOthersItNames() {
    block(carol, alice);

    String byBlocked =
        posted(
            postStatus(alice, Map.of("status", "@" + carol.username() + " @" + dave.username())));
    awaitMention(dave, byBlocked);
    assertThat(notified(carol, "mention")).as("from a member carol blocks").isEmpty();

    String namingBlocked =
        posted(
            postStatus(
                bob,
                Map.of(
                    "status",
                    "@"
                        + carol.username()
                        + " @"
                        + alice.username()
                        + " @"
                        + dave.username()
                        + " meet")));
    awaitMention(dave, namingBlocked);
    assertThat(notified(carol, "mention")).as("naming a member carol blocks").isEmpty();
    assertThat(notified(alice, "mention")).as("alice blocks nobody").contains(namingBlocked);

    String alicesStatus = podium.post(alice.token(), "alice speaks");
    String answeringBlocked =
        posted(
            postStatus(
                bob,
                Map.of(
                    "status",
                    "@" + carol.username() + " @" + dave.username() + " see this",
                    "in_reply_to_id",
                    alicesStatus)));
    awaitMention(dave, answeringBlocked);
    assertThat(notified(carol, "mention")).as("answering a member carol blocks").isEmpty();

    String byBlocker =
        posted(
            postStatus(carol, Map.of("status", "@" + alice.username() + " @" + dave.username())));
    awaitMention(dave, byBlocker);
    assertThat(notified(alice, "mention"))
        .as("from an author who blocks alice")
        .doesNotContain(byBlocker);
    assertNotFound(get(alice, "/api/v1/statuses/" + byBlocker), "the blocker's mention of alice");
  }

  @Test
  void aPrivateStatusIsReadableByTheMembersItMentionsAndNoOtherNonFollower() {
    Member follower = member("follower");
    podium.follow(follower.token(), bob.id());
    String secret =
        posted(
            postStatus(
                bob,
                Map.of("status", "@" + alice.username() + " just us", "visibility", "private")));
    awaitMention(alice, secret);

    JsonNode shown = ok(get(alice, "/api/v1/statuses/" + secret));
    assertThat(shown.get("visibility").asText()).isEqualTo("private");
    assertStatusPages(alice, secret, true, "mentioned");
    assertStatusPages(follower, secret, true, "follower");
    assertStatusPages(dave, secret, false, "not mentioned");
    assertStatusPages(null, secret, false, "no token");
    assertThat(ids(ok(get(alice, "/api/v1/accounts/" + bob.id() + "/statuses")))).contains(secret);
    assertThat(ids(ok(get(dave, "/api/v1/accounts/" + bob.id() + "/statuses"))))
        .doesNotContain(secret);
    JsonNode notification = ok(get(alice, "/api/v1/notifications?types[]=mention")).get(0);
    assertThat(notification.get("status").get("id").asText()).isEqualTo(secret);

    ok(post(alice, "/api/v1/statuses/" + secret + "/favourite"));
    assertThat(ids(ok(get(alice, "/api/v1/favourites")))).containsExactly(secret);
    assertThat(ids(ok(get(bob, "/api/v1/statuses/" + secret + "/favourited_by"))))
        .containsExactly(alice.id());
    var reblog = post(alice, "/api/v1/statuses/" + secret + "/reblog");
    assertThat(reblog.status())
        .as("only its author may reblog a private status: " + reblog)
        .isEqualTo(403);
    assertNotFound(post(dave, "/api/v1/statuses/" + secret + "/favourite"), "favourite by dave");

    String answer =
        posted(
            postStatus(
                alice, Map.of("status", "@" + bob.username() + " sure", "in_reply_to_id", secret)));
    var refused = postStatus(dave, Map.of("status", "me too", "in_reply_to_id", secret));
    assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
    assertThat(refused.field("error")).isEqualTo(REPLY_NOT_FOUND);
    assertThat(ids(ok(get(dave, "/api/v1/statuses/" + answer + "/context")).get("ancestors")))
        .isEmpty();
    assertThat(ids(ok(get(alice, "/api/v1/statuses/" + answer + "/context")).get("ancestors")))
        .containsExactly(secret);

    feeds.awaitQueueDrained(WAIT);
    assertThat(podium.home(follower.token(), "?limit=40"))
        .as("delivered to followers")
        .contains(secret);
    assertThat(podium.home(alice.token(), "?limit=40"))
        .as("as Mastodon: not to the home of a mentioned " + "non-follower")
        .doesNotContain(secret);
  }

  @Test
  void aPrivateReplyIsReadableByTheAuthorItAnswersWhoIsNotifiedOfIt() {
    String question = podium.post(alice.token(), "anyone?");
    String answer =
        posted(
            postStatus(
                bob,
                Map.of(
                    "status",
                    "quietly, yes",
                    "in_reply_to_id",
                    question,
                    "visibility",
                    "private")));
    awaitMention(alice, answer);

    assertThat(ok(get(alice, "/api/v1/statuses/" + answer)).get("in_reply_to_id").asText())
        .isEqualTo(question);
    assertThat(ids(ok(get(alice, "/api/v1/statuses/" + question + "/context")).get("descendants")))
        .containsExactly(answer);
    assertNotFound(get(dave, "/api/v1/statuses/" + answer), "not answered, not mentioned");
    assertThat(ids(ok(get(dave, "/api/v1/statuses/" + question + "/context")).get("descendants")))
        .isEmpty();
  }
}
