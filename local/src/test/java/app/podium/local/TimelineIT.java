package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The home timeline and the follow graph through the API: backfill, unfollow and delete removal,
 * visibility, Idempotency-Key, validation, paging by Link headers, relationships and counters.
 */
@PodiumIT
class TimelineIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  /**
   * While set, unfollow cleanups wait a second in the queue, as they may when the queue is busy.
   */
  static volatile boolean delayUnfollowCleanups;

  @PodiumIT.OnStack
  static final ExecutionInterceptor DELAY_CLEANUPS =
      new ExecutionInterceptor() {
        @Override
        public SdkRequest modifyRequest(
            Context.ModifyRequest context, ExecutionAttributes attributes) {
          if (delayUnfollowCleanups
              && context.request() instanceof SendMessageRequest send
              && send.messageBody().contains("\"Unfollowed\"")) {
            return send.toBuilder().delaySeconds(1).build();
          }
          return context.request();
        }
      };

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  static JsonNode account(String id) {
    var response = podium.api.get("/api/v1/accounts/" + id).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json();
  }

  static ApiClient.Response unfollow(Member follower, Member followee) {
    return podium
        .api
        .post("/api/v1/accounts/" + followee.id() + "/unfollow")
        .token(follower.token())
        .send();
  }

  static List<String> newestFirst(List<String> ids) {
    List<String> copy = new ArrayList<>(ids);
    java.util.Collections.reverse(copy);
    return copy;
  }

  @Test
  void followingBackfillsTheFolloweesTwentyLatestStatuses() {
    Member writer = feeds.member("backfill_writer");
    Member reader = feeds.member("backfill_reader");
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      posted.add(podium.post(writer.token(), "status " + i));
    }

    podium.follow(reader.token(), writer.id());

    List<String> latest20 = newestFirst(posted).subList(0, 20);
    assertThat(podium.home(reader.token(), "?limit=40")).containsExactlyElementsOf(latest20);
    assertThat(feeds.entriesOf(reader.id())).containsExactlyInAnyOrderElementsOf(latest20);
  }

  @Test
  void unfollowingRemovesTheFolloweesStatusesFromTheHome() {
    Member reader = feeds.member("unf_reader");
    Member dropped = feeds.member("unf_dropped");
    Member kept = feeds.member("unf_kept");
    podium.follow(reader.token(), dropped.id());
    podium.follow(reader.token(), kept.id());
    String d1 = podium.post(dropped.token(), "one");
    String k1 = podium.post(kept.token(), "kept");
    String d2 = podium.post(dropped.token(), "two");
    assertThat(podium.awaitHome(reader.token(), ids -> ids.size() == 3))
        .containsExactly(d2, k1, d1);

    var response = unfollow(reader, dropped);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("following").asBoolean()).isFalse();

    assertThat(podium.awaitHome(reader.token(), ids -> ids.equals(List.of(k1))))
        .containsExactly(k1);
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.entriesOf(reader.id())).containsExactly(k1);
  }

  @Test
  void unfollowingAndFollowingAgainAtOnceKeepsTheFolloweesStatuses() {
    Member reader = feeds.member("again_reader");
    Member writer = feeds.member("again_writer");
    podium.follow(reader.token(), writer.id());
    String w1 = podium.post(writer.token(), "first");
    String w2 = podium.post(writer.token(), "second");
    assertThat(podium.awaitHome(reader.token(), ids -> ids.size() == 2)).containsExactly(w2, w1);

    delayUnfollowCleanups = true;
    try {
      assertThat(unfollow(reader, writer).status()).isEqualTo(200);
      podium.follow(reader.token(), writer.id());
    } finally {
      delayUnfollowCleanups = false;
    }

    // the cleanup queued by the unfollow must not take away what the new follow put back
    feeds.awaitQueueDrained(WAIT);
    assertThat(podium.home(reader.token(), "")).containsExactly(w2, w1);
    assertThat(feeds.entriesOf(reader.id())).containsExactlyInAnyOrder(w1, w2);
  }

  @Test
  void deletingAStatusRemovesItFromFollowersHomesAndItsPage() {
    Member writer = feeds.member("del_writer");
    List<Member> readers = feeds.followersOf(writer, "del_reader", 3);
    String keep = podium.post(writer.token(), "stays");
    String doomed = podium.post(writer.token(), "goes");
    for (Member reader : readers) {
      assertThat(podium.awaitHome(reader.token(), ids -> ids.size() == 2))
          .containsExactly(doomed, keep);
    }

    var deleted = podium.api.delete("/api/v1/statuses/" + doomed).token(writer.token()).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);

    for (Member reader : readers) {
      assertThat(podium.home(reader.token(), "")).as(reader.username()).containsExactly(keep);
    }
    assertThat(podium.home(writer.token(), "")).containsExactly(keep);
    assertThat(podium.api.get("/api/v1/statuses/" + doomed).send().status()).isEqualTo(404);
    assertThat(podium.api.get("/api/v1/statuses/" + doomed).token(writer.token()).send().status())
        .isEqualTo(404);
    assertThat(account(writer.id()).get("statuses_count").asLong()).isEqualTo(1);
    assertThat(Feeds.await(WAIT, () -> feeds.ownersOf(doomed), List::isEmpty))
        .as("entries left")
        .isEmpty();
    assertThat(
            podium.api.delete("/api/v1/statuses/" + doomed).token(writer.token()).send().status())
        .isEqualTo(404);
  }

  /**
   * A writer with one follower and a member who follows nobody, after the writer posted a public
   * status and then a followers-only one.
   */
  record Scene(Member writer, Member follower, Member outsider, String open, String hidden) {}

  static Scene followedWriter(String name) {
    Member writer = feeds.member(name + "_writer");
    Member follower = feeds.member(name + "_follower");
    Member outsider = feeds.member(name + "_outsider");
    podium.follow(follower.token(), writer.id());
    String open = podium.post(writer.token(), "for everyone");
    var hidden =
        podium.postForm(
            writer.token(), Map.of("status", "for followers", "visibility", "private"), null);
    assertThat(hidden.field("visibility")).as(hidden.toString()).isEqualTo("private");
    return new Scene(writer, follower, outsider, open, hidden.field("id"));
  }

  @Test
  void anotherMemberCannotDeleteMyStatusAndLearnsNothingFromTrying() {
    Scene scene = followedWriter("own");
    assertThat(podium.awaitHome(scene.follower().token(), ids -> ids.size() == 2)).hasSize(2);
    int posts = podium.count(Tables.POSTS);
    var unknown =
        podium.api.delete("/api/v1/statuses/1234567890123").token(scene.outsider().token()).send();

    for (String id : List.of(scene.open(), scene.hidden())) {
      var refused =
          podium.api.delete("/api/v1/statuses/" + id).token(scene.outsider().token()).send();
      // the same answer as for a status that does not exist: a private status's existence does not
      // leak
      assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
      assertThat(refused.body()).isEqualTo(unknown.body());
    }

    assertThat(podium.count(Tables.POSTS)).isEqualTo(posts);
    assertThat(podium.api.get("/api/v1/statuses/" + scene.open()).send().status()).isEqualTo(200);
    assertThat(
            podium
                .api
                .get("/api/v1/statuses/" + scene.hidden())
                .token(scene.follower().token())
                .send()
                .status())
        .isEqualTo(200);
    assertThat(podium.home(scene.follower().token(), ""))
        .containsExactly(scene.hidden(), scene.open());
    assertThat(account(scene.writer().id()).get("statuses_count").asLong()).isEqualTo(2);
  }

  @Test
  void privateStatusesAreSeenByFollowersAndTheAuthorOnly() {
    Scene scene = followedWriter("priv");

    assertThat(podium.awaitHome(scene.follower().token(), ids -> ids.size() == 2))
        .containsExactly(scene.hidden(), scene.open());
    assertThat(podium.home(scene.writer().token(), ""))
        .containsExactly(scene.hidden(), scene.open());
    String byId = "/api/v1/statuses/" + scene.hidden();
    assertThat(podium.api.get(byId).token(scene.follower().token()).send().status()).isEqualTo(200);
    assertThat(podium.api.get(byId).token(scene.writer().token()).send().status()).isEqualTo(200);
    assertThat(podium.api.get(byId).token(scene.outsider().token()).send().status()).isEqualTo(404);
    assertThat(podium.api.get(byId).send().status()).isEqualTo(404);

    String list = "/api/v1/accounts/" + scene.writer().id() + "/statuses";
    assertThat(Feeds.ids(podium.api.get(list).send())).containsExactly(scene.open());
    assertThat(Feeds.ids(podium.api.get(list).token(scene.outsider().token()).send()))
        .containsExactly(scene.open());
    assertThat(Feeds.ids(podium.api.get(list).token(scene.follower().token()).send()))
        .containsExactly(scene.hidden(), scene.open());
    assertThat(Feeds.ids(podium.api.get(list).token(scene.writer().token()).send()))
        .containsExactly(scene.hidden(), scene.open());
    assertThat(podium.home(scene.outsider().token(), "")).isEmpty();
  }

  @Test
  void theSameIdempotencyKeyThreeTimesEvenAtOnceGivesOneStatus() {
    Member writer = feeds.member("idem_writer");
    Member reader = feeds.member("idem_reader");
    podium.follow(reader.token(), writer.id());
    int postsBefore = podium.count(Tables.POSTS);
    Map<String, String> form = Map.of("status", "exactly once");

    List<ApiClient.Response> answers =
        Concurrently.run(3, i -> podium.postForm(writer.token(), form, "key-1"));
    answers.add(podium.postForm(writer.token(), form, "key-1"));

    assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
    String id = answers.getFirst().field("id");
    assertThat(answers).extracting(a -> a.field("id")).containsOnly(id);
    assertThat(answers)
        .extracting(a -> a.field("created_at"))
        .as("one status, one creation time")
        .containsOnly(answers.getFirst().field("created_at"));
    assertThat(answers).extracting(a -> a.field("content")).containsOnly("<p>exactly once</p>");
    assertThat(podium.count(Tables.POSTS)).isEqualTo(postsBefore + 1);
    assertThat(account(writer.id()).get("statuses_count").asLong()).isEqualTo(1);
    assertThat(podium.awaitHome(reader.token(), ids -> ids.contains(id))).containsExactly(id);
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(id)).containsExactlyInAnyOrder(writer.id(), reader.id());
    assertThat(podium.home(writer.token(), "")).containsExactly(id);
  }

  @Test
  void anotherMemberMayUseTheSameIdempotencyKey() {
    Member one = feeds.member("idem_one");
    Member two = feeds.member("idem_two");

    var first = podium.postForm(one.token(), Map.of("status", "mine"), "shared-key");
    var second = podium.postForm(two.token(), Map.of("status", "mine too"), "shared-key");

    assertThat(first.status()).as(first.toString()).isEqualTo(200);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    assertThat(second.field("id")).isNotEqualTo(first.field("id"));
    assertThat(second.json().at("/account/id").asText()).isEqualTo(two.id());
    assertThat(podium.home(two.token(), "")).containsExactly(second.field("id"));
  }

  @Test
  void invalidStatusesAreRefusedWith422AndWriteNothing() {
    Member writer = feeds.member("invalid_writer");
    Member reader = feeds.member("invalid_reader");
    podium.follow(reader.token(), writer.id());
    feeds.awaitQueueDrained(WAIT);
    int posts = podium.count(Tables.POSTS);
    int timelines = podium.count(Tables.TIMELINES);
    int claims = podium.count(Tables.IDEMPOTENCY);

    String tooLong = "🙂".repeat(1001);
    List<Map<String, String>> invalid =
        List.of(
            Map.of("status", ""),
            Map.of("status", "  \n "),
            Map.of("status", tooLong),
            Map.of("status", "x".repeat(1001)),
            Map.of("status", "hello", "visibility", "secret"));
    int n = 0;
    for (Map<String, String> form : invalid) {
      var response = podium.postForm(writer.token(), form, "invalid-" + n++);
      assertThat(response.status()).as(form.keySet() + " " + response).isEqualTo(422);
      assertThat(response.field("error")).isNotBlank();
    }
    feeds.awaitQueueDrained(WAIT);
    assertThat(podium.count(Tables.POSTS)).isEqualTo(posts);
    assertThat(podium.count(Tables.TIMELINES)).isEqualTo(timelines);
    assertThat(podium.count(Tables.IDEMPOTENCY)).isEqualTo(claims);
    assertThat(account(writer.id()).get("statuses_count").asLong()).isZero();

    String longest = "🙂".repeat(1000);
    var accepted = podium.postForm(writer.token(), Map.of("status", longest), null);
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(200);
    assertThat(accepted.field("content")).isEqualTo("<p>" + longest + "</p>");
    assertThat(podium.awaitHome(reader.token(), ids -> ids.size() == 1))
        .containsExactly(accepted.field("id"));
  }

  @Test
  void homePagesFollowedThroughLinkHeadersWalkEveryEntryOnce() {
    Member reader = feeds.member("links_reader");
    Member writer = feeds.member("links_writer");
    podium.follow(reader.token(), writer.id());
    List<String> posted = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      posted.add(podium.post(writer.token(), "page me " + i));
    }
    List<String> all = newestFirst(posted);
    assertThat(podium.awaitHome(reader.token(), ids -> ids.size() == 7))
        .containsExactlyElementsOf(all);

    // down with next links until an empty page
    List<String> down = new ArrayList<>();
    List<String> oldestPage = List.of();
    String fromOldest = null;
    String url = stack.url() + "/api/v1/timelines/home?limit=2";
    for (int page = 0; page < 20 && url != null; page++) {
      var response = feeds.getUrl(url, reader.token());
      List<String> ids = Feeds.ids(response);
      assertThat(ids.size()).isLessThanOrEqualTo(2);
      if (ids.isEmpty()) {
        assertThat(response.header("Link")).isNull();
        url = null;
      } else {
        down.addAll(ids);
        oldestPage = ids;
        fromOldest = Feeds.links(response).get("prev");
        assertThat(fromOldest).contains("min_id=" + ids.getFirst()).contains("limit=2");
        url = Feeds.links(response).get("next");
        assertThat(url).contains("max_id=" + ids.getLast());
      }
    }
    assertThat(down).containsExactlyElementsOf(all);

    // back up with prev links from the oldest page
    List<String> up = new ArrayList<>(oldestPage);
    url = fromOldest;
    for (int page = 0; page < 20 && url != null; page++) {
      var response = feeds.getUrl(url, reader.token());
      List<String> ids = Feeds.ids(response);
      if (ids.isEmpty()) {
        url = null;
      } else {
        up.addAll(0, ids);
        url = Feeds.links(response).get("prev");
      }
    }
    assertThat(up).containsExactlyElementsOf(all);
  }

  @Test
  void followerAndFollowingListsPageWithLinkHeaders() {
    Member star = feeds.member("list_star");
    List<Member> fans = feeds.followersOf(star, "list_fan", 5);
    Member busy = fans.getFirst();
    List<Member> others = feeds.members("list_other", 4);
    for (Member other : others) {
      podium.follow(busy.token(), other.id());
    }

    List<String> followers = walk("/api/v1/accounts/" + star.id() + "/followers?limit=2");
    assertThat(followers)
        .containsExactlyElementsOf(newestFirst(fans.stream().map(Member::id).toList()));
    List<String> following = walk("/api/v1/accounts/" + busy.id() + "/following?limit=2");
    List<String> expected = new ArrayList<>(others.stream().map(Member::id).toList());
    expected.addFirst(star.id());
    assertThat(following).containsExactlyElementsOf(newestFirst(expected));
  }

  static List<String> walk(String path) {
    List<String> seen = new ArrayList<>();
    String url = stack.url() + path;
    for (int page = 0; page < 20 && url != null; page++) {
      var response = feeds.getUrl(url, null);
      List<String> ids = Feeds.ids(response);
      seen.addAll(ids);
      url = ids.isEmpty() ? null : Feeds.links(response).get("next");
    }
    assertThat(new HashSet<>(seen)).as("no account twice").hasSize(seen.size());
    return seen;
  }

  @Test
  void relationshipsShowFollowingAndFollowedBy() {
    Member me = feeds.member("rel_me");
    Member followed = feeds.member("rel_followed");
    Member fan = feeds.member("rel_fan");
    Member nobody = feeds.member("rel_nobody");
    podium.follow(me.token(), followed.id());
    podium.follow(fan.token(), me.id());

    var response =
        podium
            .api
            .get(
                "/api/v1/accounts/relationships?id%5B%5D="
                    + followed.id()
                    + "&id%5B%5D="
                    + fan.id()
                    + "&id%5B%5D="
                    + nobody.id())
            .token(me.token())
            .send();

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    JsonNode list = response.json();
    assertThat(list).hasSize(3);
    assertThat(list.get(0).get("id").asText()).isEqualTo(followed.id());
    assertThat(list.get(0).get("following").asBoolean()).isTrue();
    assertThat(list.get(0).get("followed_by").asBoolean()).isFalse();
    assertThat(list.get(1).get("id").asText()).isEqualTo(fan.id());
    assertThat(list.get(1).get("following").asBoolean()).isFalse();
    assertThat(list.get(1).get("followed_by").asBoolean()).isTrue();
    assertThat(list.get(2).get("following").asBoolean()).isFalse();
    assertThat(list.get(2).get("followed_by").asBoolean()).isFalse();
  }

  @Test
  void followingAndUnfollowingTwiceCountsOnce() {
    Member a = feeds.member("twice_a");
    Member b = feeds.member("twice_b");

    podium.follow(a.token(), b.id());
    podium.follow(a.token(), b.id());
    assertThat(account(a.id()).get("following_count").asLong()).isEqualTo(1);
    assertThat(account(b.id()).get("followers_count").asLong()).isEqualTo(1);
    assertThat(walk("/api/v1/accounts/" + b.id() + "/followers")).containsExactly(a.id());

    assertThat(unfollow(a, b).status()).isEqualTo(200);
    var again = unfollow(a, b);
    assertThat(again.status()).as(again.toString()).isEqualTo(200);
    assertThat(again.json().get("following").asBoolean()).isFalse();
    assertThat(account(a.id()).get("following_count").asLong()).isZero();
    assertThat(account(b.id()).get("followers_count").asLong()).isZero();
    assertThat(walk("/api/v1/accounts/" + b.id() + "/followers")).isEmpty();
  }

  /**
   * Found by RouteFuzzIT: unfollowing yourself answered 500 (a transaction touching one item
   * twice).
   */
  @Test
  void unfollowingYourselfIsANoOpThatWritesNothing() {
    Member self = feeds.member("self_unfollower");
    int follows = podium.count(Tables.FOLLOWS);

    var response =
        podium.api.post("/api/v1/accounts/" + self.id() + "/unfollow").token(self.token()).send();

    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("following").asBoolean()).isFalse();
    assertThat(podium.count(Tables.FOLLOWS)).isEqualTo(follows);
  }

  @Test
  void followingYourselfIsForbidden() {
    Member self = feeds.member("selfish");
    var response =
        podium.api.post("/api/v1/accounts/" + self.id() + "/follow").token(self.token()).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(403);
    assertThat(account(self.id()).get("followers_count").asLong()).isZero();
    assertThat(account(self.id()).get("following_count").asLong()).isZero();
  }

  @Test
  void sixteenConcurrentFollowsOfOneAccountCountSixteen() {
    Member star = feeds.member("crowd_star");
    List<Member> crowd = feeds.members("crowd", 16);

    List<ApiClient.Response> answers =
        Concurrently.run(
            16,
            i ->
                podium
                    .api
                    .post("/api/v1/accounts/" + star.id() + "/follow")
                    .token(crowd.get(i).token())
                    .send());

    assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
    assertThat(account(star.id()).get("followers_count").asLong()).isEqualTo(16);
    assertThat(walk("/api/v1/accounts/" + star.id() + "/followers?limit=40"))
        .containsExactlyInAnyOrderElementsOf(crowd.stream().map(Member::id).toList());
    IntStream.range(0, 16)
        .forEach(
            i ->
                assertThat(account(crowd.get(i).id()).get("following_count").asLong())
                    .isEqualTo(1));
  }
}
