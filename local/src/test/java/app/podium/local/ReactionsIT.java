package app.podium.local;

import static app.podium.local.support.ApiClient.ok;
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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Favourites and reblogs through the API: exact counts under concurrency (on a status's item, and
 * spread over counter shards for a large account's status), idempotency, the paged lists with their
 * {@code Link} headers, the reader's {@code favourited}/{@code reblogged}, reblogs on followers'
 * home timelines (once, not over the original, gone when unreblogged or when the original is
 * deleted). The fan-out threshold is 3 followers, so a large account is cheap to make; every other
 * author here keeps 3 followers or fewer.
 */
@PodiumIT(
    settings = {"FANOUT_MAX_FOLLOWERS", "3"},
    cheapPasswords = true)
class ReactionsIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final int FANS = 64;

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;
  static List<Member> fans;

  @BeforeAll
  static void start() throws Exception {
    fans = feeds.members("fan", FANS);
  }

  static ApiClient.Response act(Member member, String statusId, String action) {
    return podium
        .api
        .post("/api/v1/statuses/" + statusId + "/" + action)
        .token(member.token())
        .send();
  }

  /** Reblogs the status as the member; the reblog's own id. */
  static String reblog(Member member, String statusId) {
    return ok(act(member, statusId, "reblog")).get("id").asText();
  }

  static JsonNode status(String id, Member reader) {
    var call = podium.api.get("/api/v1/statuses/" + id);
    if (reader != null) {
      call.token(reader.token());
    }
    return ok(call.send());
  }

  static JsonNode home(Member reader) {
    return ok(podium.api.get("/api/v1/timelines/home?limit=40").token(reader.token()).send());
  }

  /** The home timeline as "id" or "id<-original id" for reblogs, newest first. */
  static List<String> homeShown(Member reader) {
    List<String> shown = new ArrayList<>();
    home(reader)
        .forEach(
            s ->
                shown.add(
                    s.get("id").asText()
                        + (s.get("reblog").isNull()
                            ? ""
                            : "<-" + s.get("reblog").get("id").asText())));
    return shown;
  }

  static List<String> awaitHome(
      Member reader, java.util.function.Predicate<List<String>> condition) {
    return Feeds.await(WAIT, () -> homeShown(reader), condition);
  }

  static String post(Member author, String text, String visibility) {
    return podium
        .postForm(author.token(), Map.of("status", text, "visibility", visibility), null)
        .expect(200)
        .field("id");
  }

  /**
   * Every page of a list, following {@code rel="next"} from {@code path}; the ids of what each page
   * shows.
   */
  static List<String> allPages(String path, Member reader) {
    var call = podium.api.get(path);
    if (reader != null) {
      call.token(reader.token());
    }
    return feeds.allPages(call.send(), reader == null ? null : reader.token());
  }

  /** The counter-shard items of one of a status's counts, by key. */
  static Map<String, Long> counterShards(String statusId, String count) {
    String table = Tables.COUNTER_SHARDS.physicalName(stack.backend().settings().tablePrefix());
    Map<String, Long> shards = new java.util.TreeMap<>();
    stack
        .dynamoDbClient()
        .scanPaginator(r -> r.tableName(table).consistentRead(true))
        .items()
        .forEach(
            item -> {
              String key = item.get("key").s();
              if (key.startsWith(statusId + ":" + count + "#")) {
                shards.put(key, Long.parseLong(item.get("count").n()));
              }
            });
    return shards;
  }

  /** Reaction items about a status, as member/status:kind. */
  static List<String> reactionsOf(String statusId) {
    String table = Tables.REACTIONS.physicalName(stack.backend().settings().tablePrefix());
    List<String> found = new ArrayList<>();
    stack
        .dynamoDbClient()
        .scanPaginator(r -> r.tableName(table).consistentRead(true))
        .items()
        .forEach(
            item -> {
              String statusKind = item.get("status_kind").s();
              if (statusKind.startsWith(statusId + ":")) {
                found.add(item.get("account_id").s() + "/" + statusKind);
              }
            });
    return found;
  }

  @Test
  void sixtyFourConcurrentFavouritesOfOneStatusCountExactlySixtyFour() {
    Member author = feeds.member("fav_author");
    String status = podium.post(author.token(), "favourite me");

    List<ApiClient.Response> answers =
        Concurrently.run(FANS, i -> act(fans.get(i), status, "favourite"));

    assertThat(answers)
        .allSatisfy(
            a -> {
              assertThat(a.status()).as(a.toString()).isEqualTo(200);
              assertThat(a.json().get("id").asText()).isEqualTo(status);
              assertThat(a.json().get("favourited").asBoolean()).isTrue();
            });
    assertThat(status(status, null).get("favourites_count").asLong()).isEqualTo(FANS);
    assertThat(feeds.postItem(status).get("favourites_count").n()).isEqualTo(String.valueOf(FANS));
    // favourited_by pages through all of them by favourite id: none missing, none twice
    List<String> favouritedBy =
        allPages("/api/v1/statuses/" + status + "/favourited_by?limit=10", null);
    assertThat(favouritedBy)
        .hasSize(FANS)
        .doesNotHaveDuplicates()
        .containsExactlyInAnyOrderElementsOf(fans.stream().map(Member::id).toList());
    // and the author is notified once, as one group counting every favourite (written on the event
    // path)
    JsonNode groups =
        Feeds.await(
            WAIT,
            () ->
                ok(podium
                        .api
                        .get("/api/v2/notifications?types[]=favourite")
                        .token(author.token())
                        .send())
                    .get("notification_groups"),
            g -> g.size() == 1 && g.get(0).get("notifications_count").asLong() == FANS);
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).get("notifications_count").asLong()).isEqualTo(FANS);
    assertThat(groups.get(0).get("status_id").asText()).isEqualTo(status);
    assertThat(groups.get(0).get("sample_account_ids")).hasSize(8);
  }

  @Test
  void repeatedAndConcurrentFavouritesByOneMemberCountOnce() {
    Member author = feeds.member("once_author");
    Member fan = feeds.member("once_fan");
    String status = podium.post(author.token(), "favourite me once");

    List<ApiClient.Response> answers = Concurrently.run(16, i -> act(fan, status, "favourite"));
    answers.add(act(fan, status, "favourite"));

    assertThat(answers)
        .allSatisfy(
            a -> {
              assertThat(a.status()).as(a.toString()).isEqualTo(200);
              assertThat(a.json().get("favourited").asBoolean()).isTrue();
            });
    assertThat(status(status, fan).get("favourites_count").asLong()).isEqualTo(1);
    assertThat(reactionsOf(status)).containsExactly(fan.id() + "/" + status + ":favourite");
    // every answer published the event (so a retry after a failed publish still notifies); it is
    // counted once
    feeds.awaitQueueDrained(WAIT);
    JsonNode groups =
        ok(podium.api.get("/api/v2/notifications?types[]=favourite").token(author.token()).send())
            .get("notification_groups");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).get("notifications_count").asLong()).isEqualTo(1);
  }

  @Test
  void aLargeAuthorsStatusCountsFavouritesExactlyOverItsCounterShards() {
    Member large = largeAuthor("shard_author");
    String status = podium.post(large.token(), "a post by a large account");
    assertThat(feeds.postItem(status).get("counter_shards").n()).isEqualTo("16");

    List<ApiClient.Response> answers =
        Concurrently.run(FANS, i -> act(fans.get(i), status, "favourite"));
    answers.addAll(Concurrently.run(8, i -> act(fans.getFirst(), status, "favourite")));

    assertThat(answers).allSatisfy(a -> assertThat(a.status()).as(a.toString()).isEqualTo(200));
    Map<String, Long> shards = counterShards(status, "favourites");
    assertThat(shards.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(FANS);
    assertThat(shards)
        .as("spread over several shards, none on the post item")
        .hasSizeGreaterThan(4);
    assertThat(feeds.postItem(status)).doesNotContainKey("favourites_count");
    // summed at read (a sum is kept 2 s in the container)
    assertThat(
            Feeds.await(
                WAIT, () -> status(status, null).get("favourites_count").asLong(), n -> n == FANS))
        .isEqualTo(FANS);
    List<String> favouritedBy =
        allPages("/api/v1/statuses/" + status + "/favourited_by?limit=7", fans.get(1));
    assertThat(favouritedBy).hasSize(FANS).doesNotHaveDuplicates();

    Concurrently.run(FANS / 2, i -> ok(act(fans.get(i), status, "unfavourite")));
    assertThat(
            Feeds.await(
                WAIT,
                () -> status(status, null).get("favourites_count").asLong(),
                n -> n == FANS / 2))
        .isEqualTo(FANS / 2);
  }

  @Test
  void unfavouritingUncountsOnceAndLeavesTheFavouritesList() {
    Member author = feeds.member("unfav_author");
    Member fan = feeds.member("unfav_fan");
    String status = podium.post(author.token(), "fleeting");
    assertThat(ok(act(fan, status, "favourite")).get("favourites_count").asLong()).isEqualTo(1);
    assertThat(allPages("/api/v1/favourites", fan)).containsExactly(status);

    JsonNode first = ok(act(fan, status, "unfavourite"));
    JsonNode again = ok(act(fan, status, "unfavourite"));

    assertThat(first.get("favourited").asBoolean()).isFalse();
    assertThat(first.get("favourites_count").asLong()).isZero();
    assertThat(again.get("favourites_count").asLong()).isZero();
    assertThat(status(status, fan).get("favourites_count").asLong()).isZero();
    assertThat(status(status, fan).get("favourited").asBoolean()).isFalse();
    assertThat(allPages("/api/v1/favourites", fan)).isEmpty();
    assertThat(reactionsOf(status)).isEmpty();
  }

  @Test
  void theFavouritesAndRebloggedByListsPageByLinkHeadersWithoutGapsOrRepeats() {
    Member author = feeds.member("list_author");
    Member fan = feeds.member("list_fan");
    List<String> statuses = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      statuses.add(podium.post(author.token(), "list " + i));
    }
    // favourited in another order than posted: the list is by favourite, newest first
    List<String> favouritedInOrder =
        List.of(
            statuses.get(3),
            statuses.get(0),
            statuses.get(6),
            statuses.get(1),
            statuses.get(5),
            statuses.get(2),
            statuses.get(4));
    favouritedInOrder.forEach(id -> ok(act(fan, id, "favourite")));

    List<String> newestFirst = new ArrayList<>(favouritedInOrder);
    java.util.Collections.reverse(newestFirst);
    assertThat(allPages("/api/v1/favourites?limit=3", fan)).containsExactlyElementsOf(newestFirst);
    var firstPage = podium.api.get("/api/v1/favourites?limit=3").token(fan.token()).send();
    assertThat(Feeds.ids(feeds.getUrl(Feeds.links(firstPage).get("prev"), fan.token()))).isEmpty();
    assertThat(Feeds.ids(podium.api.get("/api/v1/favourites").token(author.token()).send()))
        .isEmpty();

    String reblogged = statuses.getFirst();
    List<Member> rebloggers = fans.subList(0, 5);
    rebloggers.forEach(r -> ok(act(r, reblogged, "reblog")));
    List<String> rebloggedBy =
        allPages("/api/v1/statuses/" + reblogged + "/reblogged_by?limit=2", null);
    assertThat(rebloggedBy)
        .containsExactlyElementsOf(rebloggers.reversed().stream().map(Member::id).toList());
    assertThat(status(reblogged, null).get("reblogs_count").asLong()).isEqualTo(5);
    rebloggers.forEach(r -> ok(act(r, reblogged, "unreblog")));
    assertThat(status(reblogged, null).get("reblogs_count").asLong()).isZero();
  }

  @Test
  void aFollowerSeesAReblogOnceAsAStatusWhoseReblogHoldsTheOriginalUntilItIsUndone() {
    Member author = feeds.member("rb_author");
    Member reblogger = feeds.member("rb_reblogger");
    Member follower = feeds.member("rb_follower");
    podium.follow(follower.token(), reblogger.id());
    String original = podium.post(author.token(), "worth sharing");
    long statusesBefore =
        feeds.accountAttribute(reblogger.id(), "statuses_count") == null
            ? 0
            : Long.parseLong(feeds.accountAttribute(reblogger.id(), "statuses_count").n());

    JsonNode reblog = ok(act(reblogger, original, "reblog"));
    JsonNode again = ok(act(reblogger, original, "reblog"));

    String reblogId = reblog.get("id").asText();
    assertThat(reblogId).isNotEqualTo(original);
    assertThat(again.get("id").asText())
        .as("reblogging twice answers the same reblog")
        .isEqualTo(reblogId);
    assertThat(reblog.get("account").get("id").asText()).isEqualTo(reblogger.id());
    assertThat(reblog.get("content").asText()).isEmpty();
    assertThat(reblog.get("visibility").asText()).isEqualTo("public");
    assertThat(reblog.get("reblogged").asBoolean()).isTrue();
    assertThat(reblog.get("reblog").get("id").asText()).isEqualTo(original);
    assertThat(reblog.get("reblog").get("account").get("id").asText()).isEqualTo(author.id());
    assertThat(reblog.get("reblog").get("reblogs_count").asLong()).isEqualTo(1);
    assertThat(reblog.get("reblog").get("reblogged").asBoolean()).isTrue();
    assertThat(status(original, null).get("reblogs_count").asLong()).isEqualTo(1);
    assertThat(Long.parseLong(feeds.accountAttribute(reblogger.id(), "statuses_count").n()))
        .isEqualTo(statusesBefore + 1);

    assertThat(awaitHome(follower, h -> h.contains(reblogId + "<-" + original)))
        .containsExactly(reblogId + "<-" + original);
    JsonNode onHome = home(follower).get(0);
    assertThat(onHome.get("account").get("id").asText()).isEqualTo(reblogger.id());
    assertThat(onHome.get("reblog").get("content").asText()).contains("worth sharing");
    assertThat(onHome.get("reblogged").asBoolean()).as("the follower did not reblog it").isFalse();
    // the reblogger's own statuses show it too, and a GET of the reblog answers it wrapped
    assertThat(Feeds.ids(podium.api.get("/api/v1/accounts/" + reblogger.id() + "/statuses").send()))
        .containsExactly(reblogId);
    assertThat(status(reblogId, null).get("reblog").get("id").asText()).isEqualTo(original);

    JsonNode undone = ok(act(reblogger, original, "unreblog"));
    assertThat(undone.get("id").asText()).isEqualTo(original);
    assertThat(undone.get("reblogged").asBoolean()).isFalse();
    assertThat(undone.get("reblogs_count").asLong()).isZero();
    assertThat(ok(act(reblogger, original, "unreblog")).get("reblogs_count").asLong()).isZero();
    assertThat(awaitHome(follower, List::isEmpty)).isEmpty();
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(reblogId)).isEmpty();
    assertThat(Feeds.ids(podium.api.get("/api/v1/accounts/" + reblogger.id() + "/statuses").send()))
        .isEmpty();
    assertThat(podium.api.get("/api/v1/statuses/" + reblogId).send().status()).isEqualTo(404);
    assertThat(Long.parseLong(feeds.accountAttribute(reblogger.id(), "statuses_count").n()))
        .isEqualTo(statusesBefore);
    assertThat(reactionsOf(original)).isEmpty();
  }

  @Test
  void reactingToAReblogReactsToItsOriginalAndDeletingAReblogUndoesIt() {
    Member author = feeds.member("via_author");
    Member first = feeds.member("via_first");
    Member second = feeds.member("via_second");
    String original = podium.post(author.token(), "passed along");
    String firstReblog = reblog(first, original);

    JsonNode viaReblog = ok(act(second, firstReblog, "reblog"));
    JsonNode favourited = ok(act(second, firstReblog, "favourite"));

    String secondReblog = viaReblog.get("id").asText();
    assertThat(viaReblog.get("reblog").get("id").asText()).isEqualTo(original);
    assertThat(viaReblog.get("reblog").get("reblogs_count").asLong()).isEqualTo(2);
    assertThat(favourited.get("id").asText()).isEqualTo(original);
    assertThat(favourited.get("favourited").asBoolean()).isTrue();
    assertThat(favourited.get("reblogged").asBoolean()).isTrue();

    var deleted =
        podium.api.delete("/api/v1/statuses/" + secondReblog).token(second.token()).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(deleted.json().get("reblog").get("id").asText()).isEqualTo(original);
    assertThat(status(original, second).get("reblogs_count").asLong()).isEqualTo(1);
    assertThat(status(original, second).get("reblogged").asBoolean()).isFalse();
    assertThat(reactionsOf(original))
        .containsExactlyInAnyOrder(
            first.id() + "/" + original + ":reblog", second.id() + "/" + original + ":favourite");
    String again = reblog(second, original);
    assertThat(again).isNotEqualTo(secondReblog);
    assertThat(status(original, null).get("reblogs_count").asLong()).isEqualTo(2);
  }

  @Test
  void aReblogDoesNotReachAFollowerWhoseTimelineHoldsTheOriginal() {
    Member author = feeds.member("dup_author");
    Member reblogger = feeds.member("dup_reblogger");
    Member both = feeds.member("dup_both");
    Member onlyReblogger = feeds.member("dup_only");
    podium.follow(both.token(), author.id());
    podium.follow(both.token(), reblogger.id());
    podium.follow(onlyReblogger.token(), reblogger.id());
    String original = podium.post(author.token(), "seen already");
    assertThat(podium.awaitHome(both.token(), ids -> ids.contains(original)))
        .containsExactly(original);

    String reblogId = reblog(reblogger, original);

    assertThat(awaitHome(onlyReblogger, h -> !h.isEmpty()))
        .containsExactly(reblogId + "<-" + original);
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(reblogId))
        .containsExactlyInAnyOrder(reblogger.id(), onlyReblogger.id());
    assertThat(homeShown(both)).containsExactly(original);
    // the reblogger's own timeline holds their reblog
    List<String> own = homeShown(reblogger);
    assertThat(own).containsExactly(reblogId + "<-" + original);
  }

  @Test
  void deletingTheOriginalRemovesItsReblogsFromTimelinesAndTheRebloggersStatuses() {
    Member author = feeds.member("del_author");
    Member first = feeds.member("del_first");
    Member second = feeds.member("del_second");
    Member follower = feeds.member("del_follower");
    podium.follow(follower.token(), first.id());
    podium.follow(follower.token(), second.id());
    String original = podium.post(author.token(), "soon gone");
    String kept = podium.post(author.token(), "stays");
    String reblog1 = reblog(first, original);
    String reblog2 = reblog(second, original);
    String keptReblog = reblog(first, kept);
    ok(act(fans.get(3), original, "favourite"));
    // two reblogs of one status show once
    assertThat(awaitHome(follower, h -> h.size() == 2))
        .containsExactly(keptReblog + "<-" + kept, reblog2 + "<-" + original);

    var deleted = podium.api.delete("/api/v1/statuses/" + original).token(author.token()).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);

    assertThat(awaitHome(follower, h -> h.size() == 1)).containsExactly(keptReblog + "<-" + kept);
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(reblog1)).isEmpty();
    assertThat(feeds.ownersOf(reblog2)).isEmpty();
    assertThat(feeds.entriesOf(follower.id())).containsExactly(keptReblog);
    assertThat(Feeds.ids(podium.api.get("/api/v1/accounts/" + first.id() + "/statuses").send()))
        .containsExactly(keptReblog);
    assertThat(Feeds.ids(podium.api.get("/api/v1/accounts/" + second.id() + "/statuses").send()))
        .isEmpty();
    assertThat(feeds.postItem(reblog1)).isEmpty();
    assertThat(feeds.postItem(reblog2)).isEmpty();
    assertThat(reactionsOf(original))
        .as("reblog reactions gone")
        .allMatch(r -> r.endsWith(":favourite"));
    assertThat(feeds.accountAttribute(second.id(), "statuses_count").n()).isEqualTo("0");
    assertThat(podium.api.get("/api/v1/statuses/" + reblog1).send().status()).isEqualTo(404);
    assertThat(Feeds.ids(podium.api.get("/api/v1/favourites").token(fans.get(3).token()).send()))
        .doesNotContain(original);
    assertThat(feeds.deadLettered()).isZero();
  }

  @Test
  void favouritedAndRebloggedAreTheReadersOwnAndFalseForEveryoneElse() {
    Member author = feeds.member("flag_author");
    Member member = feeds.member("flag_member");
    Member other = feeds.member("flag_other");
    podium.follow(other.token(), member.id());
    String original = podium.post(author.token(), "flagged #readerflags");
    ok(act(member, original, "favourite"));
    String reblogId = reblog(member, original);

    JsonNode mine = status(original, member);
    assertThat(mine.get("favourited").asBoolean()).isTrue();
    assertThat(mine.get("reblogged").asBoolean()).isTrue();
    for (JsonNode seen :
        List.of(status(original, other), status(original, null), status(original, author))) {
      assertThat(seen.get("favourited").asBoolean()).isFalse();
      assertThat(seen.get("reblogged").asBoolean()).isFalse();
      assertThat(seen.get("favourites_count").asLong()).isEqualTo(1);
      assertThat(seen.get("reblogs_count").asLong()).isEqualTo(1);
    }
    // the reblog as the member sees it (their statuses, their favourites) and as the other follower
    // does
    JsonNode ownList =
        ok(podium
                .api
                .get("/api/v1/accounts/" + member.id() + "/statuses")
                .token(member.token())
                .send())
            .get(0);
    assertThat(ownList.get("id").asText()).isEqualTo(reblogId);
    assertThat(ownList.get("reblogged").asBoolean()).isTrue();
    assertThat(ownList.get("favourited").asBoolean()).isTrue();
    assertThat(ownList.get("reblog").get("favourited").asBoolean()).isTrue();
    JsonNode favourites =
        ok(podium.api.get("/api/v1/favourites").token(member.token()).send()).get(0);
    assertThat(favourites.get("favourited").asBoolean()).isTrue();
    assertThat(favourites.get("reblogged").asBoolean()).isTrue();
    assertThat(awaitHome(other, h -> !h.isEmpty())).containsExactly(reblogId + "<-" + original);
    JsonNode onOthersHome = home(other).get(0);
    assertThat(onOthersHome.get("reblogged").asBoolean()).isFalse();
    assertThat(onOthersHome.get("reblog").get("favourited").asBoolean()).isFalse();
    JsonNode anonymous =
        ok(podium.api.get("/api/v1/accounts/" + member.id() + "/statuses").send()).get(0);
    assertThat(anonymous.get("reblog").get("reblogged").asBoolean()).isFalse();
    // the conversation and the tag timeline show the reader's state as every other list does
    String reply =
        podium
            .postForm(author.token(), Map.of("status", "a reply", "in_reply_to_id", original), null)
            .expect(200)
            .field("id");
    JsonNode ancestor =
        ok(podium.api.get("/api/v1/statuses/" + reply + "/context").token(member.token()).send())
            .get("ancestors")
            .get(0);
    assertThat(ancestor.get("id").asText()).isEqualTo(original);
    assertThat(ancestor.get("favourited").asBoolean()).isTrue();
    assertThat(ancestor.get("reblogged").asBoolean()).isTrue();
    JsonNode tagged =
        ok(podium.api.get("/api/v1/timelines/tag/readerflags").token(member.token()).send()).get(0);
    assertThat(tagged.get("favourited").asBoolean()).isTrue();
    assertThat(
            ok(podium.api.get("/api/v1/timelines/tag/readerflags").send())
                .get(0)
                .get("favourited")
                .asBoolean())
        .isFalse();
  }

  @Test
  void privateStatusesAreFavouritedOnlyByThoseWhoSeeThemAndRebloggedOnlyByTheirAuthor() {
    Member author = feeds.member("priv_author");
    Member follower = feeds.member("priv_follower");
    Member stranger = feeds.member("priv_stranger");
    podium.follow(follower.token(), author.id());
    String hidden = post(author, "followers only", "private");

    assertThat(act(stranger, hidden, "favourite").status()).isEqualTo(404);
    assertThat(act(stranger, hidden, "reblog").status()).isEqualTo(404);
    assertThat(
            podium
                .api
                .get("/api/v1/statuses/" + hidden + "/favourited_by")
                .token(stranger.token())
                .send()
                .status())
        .isEqualTo(404);
    assertThat(ok(act(follower, hidden, "favourite")).get("favourited").asBoolean()).isTrue();
    var refused = act(follower, hidden, "reblog");
    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(refused.field("error")).isEqualTo("This action is not allowed");
    assertThat(act(follower, "99999999999", "favourite").status()).isEqualTo(404);
    var badVisibility =
        podium
            .api
            .post("/api/v1/statuses/" + hidden + "/reblog")
            .token(author.token())
            .form(Map.of("visibility", "everyone"))
            .send();
    assertThat(badVisibility.status())
        .as("a private status's reblog stays private whatever is asked")
        .isEqualTo(200);
    JsonNode ownReblog = badVisibility.json();
    assertThat(ownReblog.get("visibility").asText()).isEqualTo("private");
    assertThat(reactionsOf(hidden))
        .containsExactlyInAnyOrder(
            follower.id() + "/" + hidden + ":favourite", author.id() + "/" + hidden + ":reblog");

    String open = podium.post(author.token(), "open");
    var invalid =
        podium
            .api
            .post("/api/v1/statuses/" + open + "/reblog")
            .token(follower.token())
            .form(Map.of("visibility", "everyone"))
            .send();
    assertThat(invalid.status()).as(invalid.toString()).isEqualTo(422);
    assertThat(reactionsOf(open)).isEmpty();
    assertThat(
            ok(podium
                    .api
                    .post("/api/v1/statuses/" + open + "/reblog")
                    .token(follower.token())
                    .form(Map.of("visibility", "unlisted"))
                    .send())
                .get("visibility")
                .asText())
        .isEqualTo("unlisted");
  }

  @Test
  void aLargeAccountsReblogsAreMergedAtReadAndShownAsReblogs() {
    Member large = largeAuthor("large_rb");
    Member author = feeds.member("large_rb_src");
    Member follower = feeds.member("large_rb_follower");
    podium.follow(follower.token(), large.id());
    String original = podium.post(author.token(), "boosted by a large account");

    String reblogId = reblog(large, original);

    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(reblogId)).as("not fanned out").containsExactly(large.id());
    List<String> shown = awaitHome(follower, h -> h.contains(reblogId + "<-" + original));
    assertThat(shown).contains(reblogId + "<-" + original).doesNotContain(original);
    JsonNode merged = home(follower).get(0);
    assertThat(merged.get("reblog").get("account").get("id").asText()).isEqualTo(author.id());
    assertThat(merged.get("reblog").get("reblogs_count").asLong()).isEqualTo(1);

    ok(act(large, original, "unreblog"));
    assertThat(awaitHome(follower, h -> h.stream().noneMatch(s -> s.startsWith(reblogId))))
        .noneMatch(s -> s.startsWith(reblogId));
  }

  /**
   * A member with 4 followers (over the threshold of 3) who has posted once since: a large account.
   */
  static Member largeAuthor(String name) {
    Member author = feeds.member(name);
    List<Member> followers = feeds.followersOf(author, name + "_f", 4);
    podium.post(author.token(), name + " becomes large");
    feeds.awaitLarge(author, followers, WAIT);
    return author;
  }
}
