package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hybrid fan-out with a threshold of 3 followers: an author with more is converted to a large
 * account on their next post, and from then on their posts are merged into followers' home
 * timelines at read time instead of being written to each timeline.
 */
@PodiumIT(settings = {"FANOUT_MAX_FOLLOWERS", "3"})
class LargeAccountIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  /**
   * An author who posted {@code small} with 3 followers (fanned out as usual), then gained 2 more
   * and posted {@code crossing}, which converted them.
   */
  record Large(Member author, List<Member> followers, String small, String crossing) {}

  static Large largeAuthor(String name) {
    Member author = feeds.member(name);
    List<Member> followers = feeds.members(name + "_f", 5);
    for (Member follower : followers.subList(0, 3)) {
      podium.follow(follower.token(), author.id());
    }
    String small = podium.post(author.token(), name + " while small");
    for (Member follower : followers.subList(0, 3)) {
      assertThat(podium.awaitHome(follower.token(), ids -> ids.contains(small))).contains(small);
    }
    for (Member follower : followers.subList(3, 5)) {
      podium.follow(follower.token(), author.id());
    }
    assertThat(feeds.isLarge(author.id())).isFalse();

    String crossing = podium.post(author.token(), name + " with five followers");
    feeds.awaitLarge(author, followers, WAIT);
    return new Large(author, followers, small, crossing);
  }

  /** Timeline entries of the author's statuses on anyone's timeline but the author's own. */
  static List<String> entriesOnFollowersTimelines(Member author) {
    return feeds.timelineItems().stream()
        .filter(
            i ->
                i.get("author_id").s().equals(author.id())
                    && !i.get("owner_id").s().equals(author.id()))
        .map(i -> i.get("owner_id").s() + "/" + i.get("status_id").n())
        .toList();
  }

  @Test
  void theFirstPostAfterCrossingTheThresholdConvertsTheAuthorForEveryFollower() {
    Large large = largeAuthor("ann");

    for (Member follower : large.followers()) {
      assertThat(feeds.largeFolloweesOf(follower.id()))
          .as(follower.username())
          .containsExactly(large.author().id());
      assertThat(podium.home(follower.token(), ""))
          .as(follower.username())
          .containsExactly(large.crossing(), large.small());
    }
    assertThat(feeds.ownersOf(large.crossing()))
        .as("the crossing post is not fanned out")
        .containsExactly(large.author().id());
    var account = podium.api.get("/api/v1/accounts/" + large.author().id()).send();
    assertThat(account.json().get("followers_count").asLong()).isEqualTo(5);
  }

  @Test
  void largeAuthorsPostsAreMergedAtReadTimeInOrderWithFannedOutPosts() {
    Large large = largeAuthor("bea");
    Member small = feeds.member("bea_small");
    Member reader = large.followers().getFirst();
    podium.follow(reader.token(), small.id());
    List<String> entriesBefore = entriesOnFollowersTimelines(large.author());

    String s1 = podium.post(small.token(), "small one");
    String a1 = podium.post(large.author().token(), "large one");
    String s2 = podium.post(small.token(), "small two");
    String a2 = podium.post(large.author().token(), "large two");
    String a3 = podium.post(large.author().token(), "large three");
    String s3 = podium.post(small.token(), "small three");
    assertThat(Feeds.await(WAIT, () -> feeds.ownersOf(s3), o -> o.size() == 2)).hasSize(2);
    feeds.awaitQueueDrained(WAIT);

    List<String> expected = List.of(s3, a3, a2, s2, a1, s1, large.crossing(), large.small());
    // within the large-account cache window (LARGE_ACCOUNT_CACHE_MS) the newest of them may still
    // be missing
    assertThat(podium.awaitHome(reader.token(), expected::equals))
        .containsExactlyElementsOf(expected);
    assertThat(entriesOnFollowersTimelines(large.author()))
        .as("no new entries for the large author's posts")
        .containsExactlyInAnyOrderElementsOf(entriesBefore);
    for (String id : List.of(a1, a2, a3)) {
      assertThat(feeds.ownersOf(id)).containsExactly(large.author().id());
    }
    for (Member other : large.followers().subList(1, 5)) {
      assertThat(podium.home(other.token(), "?limit=40"))
          .as(other.username())
          .containsExactly(a3, a2, a1, large.crossing(), large.small());
    }

    // paged by twos both ways, the merge stays in order with no gaps or repeats
    List<String> down = new ArrayList<>();
    String query = "?limit=2";
    for (int page = 0; page < 10; page++) {
      List<String> ids = podium.home(reader.token(), query);
      if (ids.isEmpty()) {
        break;
      }
      down.addAll(ids);
      query = "?limit=2&max_id=" + ids.getLast();
    }
    assertThat(down).containsExactlyElementsOf(expected);
    List<String> up = new ArrayList<>();
    query = "?limit=2&min_id=0";
    for (int page = 0; page < 10; page++) {
      List<String> ids = podium.home(reader.token(), query);
      if (ids.isEmpty()) {
        break;
      }
      up.addAll(0, ids);
      query = "?limit=2&min_id=" + ids.getFirst();
    }
    assertThat(up).containsExactlyElementsOf(expected);
  }

  @Test
  void aNewFollowerAfterConversionSeesTheLargeAuthorsPostsWithoutEntries() {
    Large large = largeAuthor("cat");
    Member late = feeds.member("cat_late");

    podium.follow(late.token(), large.author().id());

    assertThat(feeds.largeFolloweesOf(late.id())).containsExactly(large.author().id());
    assertThat(podium.home(late.token(), "")).containsExactly(large.crossing(), large.small());
    String next = podium.post(large.author().token(), "for the newcomer too");
    feeds.awaitQueueDrained(WAIT);
    assertThat(podium.awaitHome(late.token(), ids -> ids.contains(next)))
        .containsExactly(next, large.crossing(), large.small());
    assertThat(feeds.entriesOf(late.id())).as("read-time merge only, no backfill").isEmpty();
  }

  @Test
  void deletingALargeAuthorsPostRemovesItFromFollowersHomes() {
    Large large = largeAuthor("dan");
    String doomed = podium.post(large.author().token(), "soon gone");
    for (Member follower : large.followers()) {
      assertThat(podium.awaitHome(follower.token(), ids -> ids.contains(doomed))).contains(doomed);
    }

    var deleted =
        podium.api.delete("/api/v1/statuses/" + doomed).token(large.author().token()).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);

    assertThat(podium.api.get("/api/v1/statuses/" + doomed).send().status()).isEqualTo(404);
    // gone from every follower's home within the large-account cache window
    for (Member follower : large.followers()) {
      assertThat(podium.awaitHome(follower.token(), ids -> !ids.contains(doomed)))
          .as(follower.username())
          .containsExactly(large.crossing(), large.small());
    }
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(doomed)).isEmpty();
  }

  @Test
  void unfollowingALargeAccountRemovesItsPostsFromTheHome() {
    Large large = largeAuthor("eve");
    Member leaving = large.followers().getFirst();
    Member other = feeds.member("eve_other");
    podium.follow(leaving.token(), other.id());
    String kept = podium.post(other.token(), "still followed");
    assertThat(podium.awaitHome(leaving.token(), ids -> ids.contains(kept))).contains(kept);

    var response =
        podium
            .api
            .post("/api/v1/accounts/" + large.author().id() + "/unfollow")
            .token(leaving.token())
            .send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    assertThat(response.json().get("following").asBoolean()).isFalse();

    assertThat(feeds.largeFolloweesOf(leaving.id())).isEmpty();
    // the merge stops at once; the entry fanned out while the author was small goes with the
    // cleanup task
    assertThat(podium.awaitHome(leaving.token(), ids -> ids.equals(List.of(kept))))
        .containsExactly(kept);
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.entriesOf(leaving.id())).doesNotContain(large.small(), large.crossing());
    assertThat(podium.home(large.followers().get(1).token(), ""))
        .containsExactly(large.crossing(), large.small());
  }
}
