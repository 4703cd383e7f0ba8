package app.podium.local;

import static app.podium.local.support.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.fanout.sqs.FanoutTaskJson;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.WriteRecorder;
import app.podium.shared.FanoutTask;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Notifications through the real path: events reach the fan-out queue (as the API publishes them,
 * or sent by the test where another branch's route would publish them), FanoutHandler writes the
 * groups in the DynamoDB engine, and the v1 and v2 routes read them back. Favourite and reblog
 * routes are not on this branch: their tasks are sent as the routes will publish them.
 */
@PodiumIT(cheapPasswords = true)
class NotificationsIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  @PodiumIT.OnStack static final WriteRecorder writes = new WriteRecorder();
  static final AtomicInteger NAMES = new AtomicInteger();

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;
  static Member admin;

  /** The follower follows the followee, and the followee's one notification has arrived. */
  static void followNotified(Member follower, Member followee) {
    podium.follow(follower.token(), followee.id());
    assertThat(Feeds.eventually(WAIT, () -> v1(followee, "").size() == 1)).isTrue();
  }

  static Member member() {
    return feeds.member("n" + NAMES.incrementAndGet());
  }

  static List<Member> members(int n) {
    List<Member> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(member());
    }
    return all;
  }

  static String table() {
    return Tables.NOTIFICATIONS.physicalName(stack.backend().settings().tablePrefix());
  }

  /** A member's status that {@code n} fresh members will favourite, its fan-out done. */
  record Popular(Member author, List<Member> fans, String status) {
    /** The fan-out task of the fan's favourite. */
    String favouritedBy(Member fan) {
      return favouritedBody(fan, status, author);
    }

    /** The author's notification group of the status's favourites. */
    String group() {
      return "favourite-" + status;
    }
  }

  static Popular popular(int n, String text) {
    Member author = member();
    List<Member> fans = members(n);
    String status = podium.post(author.token(), text);
    feeds.awaitQueueDrained(WAIT);
    return new Popular(author, fans, status);
  }

  static String favouritedBody(Member actor, String statusId, Member author) {
    return FanoutTaskJson.write(new FanoutTask.Favourited(actor.id(), statusId, author.id()));
  }

  static String rebloggedBody(Member actor, String statusId, Member author) {
    return FanoutTaskJson.write(new FanoutTask.Reblogged(actor.id(), statusId, author.id()));
  }

  /** Sends the bodies in batches of ten, as fast as the queue takes them. */
  static void sendAll(List<String> bodies) {
    for (int from = 0; from < bodies.size(); from += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = from; i < Math.min(bodies.size(), from + 10); i++) {
        entries.add(
            SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies.get(i)).build());
      }
      var result =
          stack
              .sqsClient()
              .sendMessageBatch(r -> r.queueUrl(stack.queues().queueUrl()).entries(entries));
      assertThat(result.failed()).isEmpty();
    }
  }

  static Map<String, AttributeValue> group(Member member, String groupKey) {
    return feeds.item(
        Tables.NOTIFICATIONS,
        Map.of(
            "account_id", AttributeValue.fromS(member.id()),
            "group_key", AttributeValue.fromS(groupKey)));
  }

  static long count(Member member, String groupKey) {
    var item = group(member, groupKey);
    return item == null || item.isEmpty() ? 0 : Long.parseLong(item.get("count").n());
  }

  static void awaitCount(Member member, String groupKey, long expected) {
    assertThat(Feeds.eventually(WAIT, () -> count(member, groupKey) >= expected))
        .as("%s reaches %d: %d", groupKey, expected, count(member, groupKey))
        .isTrue();
    feeds.awaitQueueDrained(WAIT);
  }

  /** Dismisses the notification at {@code path} as the member: an empty 200, then a 404 there. */
  static void assertDismissed(String path, Member member) {
    assertThat(ok(podium.api.post(path + "/dismiss").token(member.token()).send())).isEmpty();
    assertThat(podium.api.get(path).token(member.token()).send().status()).isEqualTo(404);
  }

  static JsonNode v1(Member member, String query) {
    return ok(podium.api.get("/api/v1/notifications" + query).token(member.token()).send());
  }

  static JsonNode v2(Member member, String query) {
    return ok(podium.api.get("/api/v2/notifications" + query).token(member.token()).send());
  }

  static List<String> field(JsonNode array, String name) {
    List<String> values = new ArrayList<>();
    array.forEach(n -> values.add(n.get(name).asText()));
    return values;
  }

  static final Pattern NEXT = Pattern.compile("<[^>]*[?&]max_id=(\\d+)[^>]*>; rel=\"next\"");

  /**
   * Follows the {@code next} links from the first page: every item's value of {@code key}, page
   * after page.
   */
  static List<String> walk(
      Member member,
      String path,
      String query,
      java.util.function.Function<JsonNode, JsonNode> items,
      String key) {
    List<String> seen = new ArrayList<>();
    String next = path + query;
    for (int pages = 0; pages < 50; pages++) {
      var response = podium.api.get(next).token(member.token()).send();
      JsonNode page = items.apply(ok(response));
      if (page.isEmpty()) {
        return seen;
      }
      seen.addAll(field(page, key));
      Matcher link = NEXT.matcher(response.header("Link") == null ? "" : response.header("Link"));
      assertThat(link.find()).as(response.toString()).isTrue();
      next = path + query + (query.isEmpty() ? "?" : "&") + "max_id=" + link.group(1);
    }
    throw new AssertionError("more than 50 pages");
  }

  @Test
  void aMentionNotifiesTheMentionedMemberOnce() {
    Member author = member();
    Member mentioned = member();
    String status = podium.post(author.token(), "hello @" + mentioned.username());
    // mention parsing is another branch's: the task carries the mention as the parsed status will
    String body = Feeds.postCreatedTask(author.id(), status, List.of(mentioned.id()));
    feeds.enqueue(body);
    awaitCount(mentioned, "mention-" + status, 1);
    feeds.enqueue(body);
    feeds.awaitQueueDrained(WAIT);
    Feeds.pause(300);

    JsonNode list = v1(mentioned, "");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("type").asText()).isEqualTo("mention");
    assertThat(list.get(0).get("id").asText()).isEqualTo(status);
    assertThat(list.get(0).get("account").get("id").asText()).isEqualTo(author.id());
    assertThat(list.get(0).get("status").get("id").asText()).isEqualTo(status);
    JsonNode grouped = v2(mentioned, "");
    assertThat(grouped.get("notification_groups")).hasSize(1);
    JsonNode group = grouped.get("notification_groups").get(0);
    assertThat(group.get("group_key").asText()).isEqualTo("ungrouped-" + status);
    assertThat(group.get("notifications_count").asLong()).isEqualTo(1);
    assertThat(field(grouped.get("statuses"), "id")).containsExactly(status);
    assertThat(v1(author, "")).as("the author is not notified of their own status").isEmpty();
  }

  @Test
  void aFollowNotifiesTheFolloweeAndAFollowAgainDoesNot() {
    Member followee = member();
    Member follower = member();
    followNotified(follower, followee);
    podium.follow(follower.token(), followee.id());
    feeds.awaitQueueDrained(WAIT);

    JsonNode list = v1(followee, "");
    assertThat(list).hasSize(1);
    assertThat(list.get(0).get("type").asText()).isEqualTo("follow");
    assertThat(list.get(0).get("account").get("id").asText()).isEqualTo(follower.id());
    assertThat(list.get(0).has("status")).isFalse();
    JsonNode group = v2(followee, "").get("notification_groups").get(0);
    assertThat(group.get("notifications_count").asLong()).isEqualTo(1);
    assertThat(group.get("group_key").asText()).startsWith("follow-");
  }

  /**
   * 64 favourites of one status: 56 sent at once, then 8 one by one, so the last 8 are the newest.
   * One group, counted 64, the 8 newest actors first; and the group's item written far fewer times
   * than once per event.
   */
  @Test
  void aBurstOfFavouritesIsOneExactGroupWithTheNewestSamplesWrittenOncePerBatch() {
    Popular popular = popular(64, "popular");
    writes.take();

    sendAll(popular.fans().subList(0, 56).stream().map(popular::favouritedBy).toList());
    for (Member fan : popular.fans().subList(56, 64)) {
      Feeds.pause(5);
      feeds.enqueue(popular.favouritedBy(fan));
    }
    awaitCount(popular.author(), popular.group(), 64);
    long groupWrites = writes.take().stream().filter(w -> w.targets().contains(table())).count();

    assertThat(count(popular.author(), popular.group())).isEqualTo(64);
    JsonNode groups = v2(popular.author(), "").get("notification_groups");
    assertThat(groups).hasSize(1);
    JsonNode group = groups.get(0);
    assertThat(group.get("notifications_count").asLong()).isEqualTo(64);
    assertThat(group.get("type").asText()).isEqualTo("favourite");
    assertThat(group.get("status_id").asText()).isEqualTo(popular.status());
    List<String> newestFirst =
        popular.fans().subList(56, 64).reversed().stream().map(Member::id).toList();
    List<String> samples = new ArrayList<>();
    group.get("sample_account_ids").forEach(id -> samples.add(id.asText()));
    assertThat(samples).containsExactlyElementsOf(newestFirst);
    assertThat(v1(popular.author(), "").get(0).get("account").get("id").asText())
        .isEqualTo(newestFirst.getFirst());
    System.out.printf(
        "notifications: 64 favourites of one status wrote its group %d times (%.2f a favourite)%n",
        groupWrites, groupWrites / 64.0);
    // batches of up to 10: 56 at once need at least 6 writes, the 8 sent one by one up to 8; a
    // retry after a
    // concurrent batch changed the group shows as one more. Once per event would be 64.
    assertThat(groupWrites).isLessThanOrEqualTo(24);
  }

  @Test
  void aRedeliveredMessageChangesNothingAndOneBatchWritesAGroupOnce() {
    Popular popular = popular(9, "favourite me");
    FanoutHandler handler = new FanoutHandler(stack.backend().fanout());
    SQSEvent batch = new SQSEvent();
    List<SQSEvent.SQSMessage> records = new ArrayList<>();
    long sent = System.currentTimeMillis();
    for (int i = 0; i < popular.fans().size(); i++) {
      records.add(message("fav-" + i, popular.favouritedBy(popular.fans().get(i)), sent + i));
    }
    records.add(message("poison", "not a task", sent));
    batch.setRecords(records);
    writes.take();

    var first = handler.handleRequest(batch, null);
    long groupWrites = writes.take().stream().filter(w -> w.targets().contains(table())).count();
    var before = group(popular.author(), popular.group());
    var second = handler.handleRequest(batch, null);
    long rewrites = writes.take().stream().filter(w -> w.targets().contains(table())).count();

    assertThat(first.getBatchItemFailures())
        .extracting(f -> f.getItemIdentifier())
        .containsExactly("poison");
    assertThat(second.getBatchItemFailures())
        .extracting(f -> f.getItemIdentifier())
        .containsExactly("poison");
    assertThat(groupWrites)
        .as("nine favourites in one batch: one write of their group")
        .isEqualTo(1);
    assertThat(rewrites).as("the same batch again writes nothing").isZero();
    assertThat(group(popular.author(), popular.group())).isEqualTo(before);
    assertThat(Long.parseLong(before.get("count").n())).isEqualTo(9);
    assertThat(before.get("sample_ids").l().getFirst().s())
        .isEqualTo(popular.fans().getLast().id());
    // the same event sent again as a new message (a publisher's retry): counted once still
    feeds.enqueue(popular.favouritedBy(popular.fans().getFirst()));
    feeds.awaitQueueDrained(WAIT);
    assertThat(count(popular.author(), popular.group())).isEqualTo(9);
  }

  static SQSEvent.SQSMessage message(String id, String body, long sentAt) {
    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
    message.setMessageId(id);
    message.setBody(body);
    message.setAttributes(new HashMap<>(Map.of("SentTimestamp", Long.toString(sentAt))));
    return message;
  }

  /**
   * 12 favourite groups, 12 reblog groups and a follow: v1 and v2 page through all 25 by Link, none
   * twice.
   */
  @Test
  void v1AndV2PageWithoutGapsOrDuplicatesAndFilterByType() {
    Member author = member();
    Member fan = member();
    List<String> statuses = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      statuses.add(podium.post(author.token(), "status " + i));
    }
    feeds.awaitQueueDrained(WAIT);
    for (String status : statuses) {
      feeds.enqueue(favouritedBody(fan, status, author));
      Feeds.pause(3);
      feeds.enqueue(rebloggedBody(fan, status, author));
      Feeds.pause(3);
    }
    podium.follow(fan.token(), author.id());
    assertThat(Feeds.eventually(WAIT, () -> v1(author, "?limit=80").size() == 25)).isTrue();
    feeds.awaitQueueDrained(WAIT);

    List<String> all = field(v1(author, "?limit=80"), "id");
    List<String> v1Walk = walk(author, "/api/v1/notifications", "?limit=4", page -> page, "id");
    assertThat(v1Walk).hasSize(25).doesNotHaveDuplicates().containsExactlyElementsOf(all);
    assertThat(all.stream().map(Long::parseLong).toList())
        .isSortedAccordingTo(java.util.Comparator.reverseOrder());
    List<String> v2Walk =
        walk(
            author,
            "/api/v2/notifications",
            "?limit=7",
            page -> page.get("notification_groups"),
            "most_recent_notification_id");
    assertThat(v2Walk).containsExactlyElementsOf(all);

    // min_id gives the page right after it, newest first
    List<String> afterOldest = field(v1(author, "?limit=3&min_id=" + all.getLast()), "id");
    assertThat(afterOldest).containsExactlyElementsOf(all.subList(all.size() - 4, all.size() - 1));

    assertThat(field(v1(author, "?types[]=follow"), "type")).containsExactly("follow");
    assertThat(field(v1(author, "?types[]=reblog&limit=5"), "type"))
        .hasSize(5)
        .containsOnly("reblog");
    assertThat(field(v1(author, "?exclude_types[]=favourite&exclude_types[]=reblog"), "type"))
        .containsExactly("follow");
    List<String> favourites =
        walk(author, "/api/v1/notifications", "?types[]=favourite&limit=5", page -> page, "type");
    assertThat(favourites).hasSize(12).containsOnly("favourite");
    assertThat(
            field(
                v2(author, "?exclude_types[]=follow&exclude_types[]=reblog")
                    .get("notification_groups"),
                "type"))
        .hasSize(12)
        .containsOnly("favourite");
    assertThat(field(v1(author, "?types[]=poll"), "id")).isEmpty();
  }

  @Test
  void aNotificationCanBeReadDismissedAndCleared() {
    Member author = member();
    Member fan = member();
    String one = podium.post(author.token(), "one");
    String two = podium.post(author.token(), "two");
    feeds.awaitQueueDrained(WAIT);
    feeds.enqueue(favouritedBody(fan, one, author));
    feeds.enqueue(rebloggedBody(fan, two, author));
    feeds.enqueue(favouritedBody(fan, two, author));
    assertThat(Feeds.eventually(WAIT, () -> v1(author, "").size() == 3)).isTrue();

    String id = v1(author, "?types[]=reblog").get(0).get("id").asText();
    JsonNode single =
        ok(podium.api.get("/api/v1/notifications/" + id).token(author.token()).send());
    assertThat(single.get("type").asText()).isEqualTo("reblog");
    assertThat(single.get("status").get("id").asText()).isEqualTo(two);
    assertThat(podium.api.get("/api/v1/notifications/" + id).token(fan.token()).send().status())
        .as("another member's notification is not found")
        .isEqualTo(404);
    assertThat(
            podium
                .api
                .post("/api/v1/notifications/" + id + "/dismiss")
                .token(fan.token())
                .send()
                .status())
        .isEqualTo(404);
    assertDismissed("/api/v1/notifications/" + id, author);
    assertThat(field(v1(author, ""), "type")).containsExactlyInAnyOrder("favourite", "favourite");

    String key = "favourite-" + one;
    JsonNode group =
        ok(podium.api.get("/api/v2/notifications/" + key).token(author.token()).send());
    assertThat(group.get("notification_groups").get(0).get("status_id").asText()).isEqualTo(one);
    assertThat(field(group.get("accounts"), "id")).contains(fan.id());
    assertDismissed("/api/v2/notifications/" + key, author);
    assertThat(
            podium.api.get("/api/v2/notifications/nonsense").token(author.token()).send().status())
        .isEqualTo(404);
    assertThat(v1(author, "")).hasSize(1);

    assertThat(ok(podium.api.post("/api/v1/notifications/clear").token(author.token()).send()))
        .isEmpty();
    assertThat(v1(author, "")).isEmpty();
    assertThat(v2(author, "").get("notification_groups")).isEmpty();
  }

  @Test
  void blockedAndNotificationMutedActorsAreHiddenAtReadAndNotWrittenAfterwards() {
    Member author = member();
    Member blocked = member();
    Member muted = member();
    Member quietlyMuted = member();
    Member other = member();
    String status = podium.post(author.token(), "who sees this");
    String blockedOnly = podium.post(author.token(), "only the blocked one favourites this");
    feeds.awaitQueueDrained(WAIT);
    for (Member fan : List.of(other, quietlyMuted, muted, blocked)) {
      feeds.enqueue(favouritedBody(fan, status, author));
      Feeds.pause(3);
    }
    feeds.enqueue(favouritedBody(blocked, blockedOnly, author));
    awaitCount(author, "favourite-" + status, 4);
    awaitCount(author, "favourite-" + blockedOnly, 1);
    assertThat(v1(author, "")).hasSize(2);

    ok(podium.api.post("/api/v1/accounts/" + blocked.id() + "/block").token(author.token()).send());
    ok(podium.api.post("/api/v1/accounts/" + muted.id() + "/mute").token(author.token()).send());
    ok(podium.mute(author.token(), quietlyMuted.id(), Map.of("notifications", "false")));
    feeds.awaitQueueDrained(WAIT);

    JsonNode groups = v2(author, "").get("notification_groups");
    assertThat(groups).as("the group only the blocked member is in is hidden").hasSize(1);
    List<String> samples = new ArrayList<>();
    groups.get(0).get("sample_account_ids").forEach(id -> samples.add(id.asText()));
    assertThat(samples).containsExactly(quietlyMuted.id(), other.id());
    assertThat(v1(author, "").get(0).get("account").get("id").asText())
        .isEqualTo(quietlyMuted.id());

    // at write time: the blocked and muted members' new events are not recorded at all
    String later = podium.post(author.token(), "later");
    feeds.awaitQueueDrained(WAIT);
    feeds.enqueue(favouritedBody(blocked, later, author));
    feeds.enqueue(favouritedBody(muted, later, author));
    feeds.enqueue(favouritedBody(other, later, author));
    awaitCount(author, "favourite-" + later, 1);
    Feeds.pause(300);
    assertThat(count(author, "favourite-" + later)).isEqualTo(1);

    // a status deleted since: its notifications are dropped at read
    ok(podium.api.delete("/api/v1/statuses/" + later).token(author.token()).send());
    assertThat(field(v2(author, "").get("notification_groups"), "status_id"))
        .containsExactly(status);
  }

  /** Three groups; the read marker at the oldest leaves two unread, one of each type filter. */
  @Test
  void theUnreadCountsCountGroupsNewerThanTheReadMarker() {
    Member author = member();
    Member fan = member();
    Member other = member();
    String status = podium.post(author.token(), "counted");
    feeds.awaitQueueDrained(WAIT);
    feeds.enqueue(favouritedBody(fan, status, author));
    awaitCount(author, "favourite-" + status, 1);
    feeds.enqueue(rebloggedBody(fan, status, author));
    awaitCount(author, "reblog-" + status, 1);
    podium.follow(other.token(), author.id());
    assertThat(Feeds.eventually(WAIT, () -> v1(author, "").size() == 3)).isTrue();
    assertThat(unread(author, "v1", "")).isEqualTo(3);
    assertThat(unread(author, "v2", "?limit=2")).as("capped by limit").isEqualTo(2);

    String oldest = v1(author, "").get(2).get("id").asText();
    ok(
        podium
            .api
            .post("/api/v1/markers")
            .token(author.token())
            .form(Map.of("notifications[last_read_id]", oldest))
            .send());
    assertThat(unread(author, "v1", "")).isEqualTo(2);
    assertThat(unread(author, "v2", "")).isEqualTo(2);
    assertThat(unread(author, "v2", "?types[]=follow")).isEqualTo(1);
    assertThat(unread(author, "v1", "?exclude_types[]=follow&exclude_types[]=reblog")).isZero();
    assertThat(unread(author, "v1", "?account_id=" + other.id())).isEqualTo(1);
    assertThat(field(v1(author, "?account_id=" + fan.id()), "type"))
        .containsExactlyInAnyOrder("favourite", "reblog");
  }

  static long unread(Member member, String version, String query) {
    return ok(podium
            .api
            .get("/api/" + version + "/notifications/unread_count" + query)
            .token(member.token())
            .send())
        .get("count")
        .asLong();
  }

  @Test
  void aSuspendedActorIsHiddenAndShowsAgainWhenTheSuspensionIsLifted() {
    Member followee = member();
    Member follower = member();
    followNotified(follower, followee);
    String admin = podium.adminToken();

    ok(
        podium
            .api
            .post("/api/v1/admin/accounts/" + follower.id() + "/action")
            .token(admin)
            .form(Map.of("type", "suspend"))
            .send());
    assertThat(v1(followee, "")).isEmpty();
    assertThat(v2(followee, "").get("notification_groups")).isEmpty();

    ok(
        podium
            .api
            .post("/api/v1/admin/accounts/" + follower.id() + "/unsuspend")
            .token(admin)
            .send());
    assertThat(field(v1(followee, ""), "type")).containsExactly("follow");
  }

  @Test
  void theNotificationRoutesNeedAMemberWithTheNotificationScopes() {
    assertThat(podium.api.get("/api/v1/notifications").send().status()).isEqualTo(401);
    assertThat(podium.api.get("/api/v2/notifications").token(podium.appToken).send().status())
        .isIn(403, 422);
    Set<Integer> codes = new HashSet<>();
    codes.add(podium.api.post("/api/v1/notifications/clear").send().status());
    assertThat(codes).containsExactly(401);
  }
}
