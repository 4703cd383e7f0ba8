package app.podium.local;

import static app.podium.local.support.ApiClient.ok;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.graph.BlockOrMute;
import app.podium.graph.store.DynamoDbBlockMuteRepository;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.store.DynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Blocks and mutes through the API (handler, service, the DynamoDB engine, the fan-out queue): what
 * a block ends, what it refuses, what never reaches a blocker's or muter's home timeline (at
 * fan-out and at read time), timed mutes, the relationship fields and the paged lists.
 */
@PodiumIT
class BlockMuteIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  static ApiClient.Response act(Member actor, String accountId, String action) {
    return podium
        .api
        .post("/api/v1/accounts/" + accountId + "/" + action)
        .token(actor.token())
        .send();
  }

  static JsonNode relationship(Member viewer, Member other) {
    var response =
        podium
            .api
            .get("/api/v1/accounts/relationships?id[]=" + other.id())
            .token(viewer.token())
            .send();
    return ok(response).get(0);
  }

  static long count(Member member, String field) {
    return ok(podium.api.get("/api/v1/accounts/" + member.id()).send()).get(field).asLong();
  }

  /**
   * Waits until the status's fan-out wrote an entry for {@code witness}: its page is done, for
   * every follower.
   */
  static void awaitFannedOut(String statusId, Member witness) {
    assertThat(Feeds.await(WAIT, () -> feeds.ownersOf(statusId), o -> o.contains(witness.id())))
        .as("fan-out of " + statusId)
        .contains(witness.id());
  }

  /**
   * A timeline entry written straight into the table, as a fan-out page read just before a block or
   * mute would.
   */
  static void writeEntry(Member owner, String statusId, Member author) {
    stack
        .dynamoDbClient()
        .putItem(
            r ->
                r.tableName(Tables.TIMELINES.physicalName(stack.backend().settings().tablePrefix()))
                    .item(
                        Map.of(
                            "owner_id",
                            AttributeValue.fromS(owner.id()),
                            "status_id",
                            AttributeValue.fromN(statusId),
                            "author_id",
                            AttributeValue.fromS(author.id()),
                            "expires_at",
                            AttributeValue.fromN(
                                Long.toString(Instant.now().plusSeconds(3600).getEpochSecond())))));
  }

  @Test
  void aBlockEndsTheFollowsBothWaysAndClearsBothTimelines() {
    Member blocker = feeds.member("blk_blocker");
    Member blocked = feeds.member("blk_blocked");
    podium.follow(blocker.token(), blocked.id());
    podium.follow(blocked.token(), blocker.id());
    String fromBlocked = podium.post(blocked.token(), "before the block");
    String fromBlocker = podium.post(blocker.token(), "mine");
    assertThat(podium.awaitHome(blocker.token(), ids -> ids.contains(fromBlocked)))
        .contains(fromBlocked);
    assertThat(podium.awaitHome(blocked.token(), ids -> ids.contains(fromBlocker)))
        .contains(fromBlocker);

    JsonNode answer = ok(act(blocker, blocked.id(), "block"));

    assertThat(answer.get("id").asText()).isEqualTo(blocked.id());
    assertThat(answer.get("blocking").asBoolean()).isTrue();
    assertThat(answer.get("following").asBoolean()).isFalse();
    assertThat(answer.get("followed_by").asBoolean()).isFalse();
    JsonNode seenByBlocked = relationship(blocked, blocker);
    assertThat(seenByBlocked.get("blocked_by").asBoolean()).isTrue();
    assertThat(seenByBlocked.get("blocking").asBoolean()).isFalse();
    assertThat(seenByBlocked.get("following").asBoolean()).isFalse();
    assertThat(count(blocker, "following_count")).isZero();
    assertThat(count(blocker, "followers_count")).isZero();
    assertThat(count(blocked, "following_count")).isZero();
    assertThat(count(blocked, "followers_count")).isZero();
    assertThat(podium.home(blocker.token(), "?limit=40"))
        .doesNotContain(fromBlocked)
        .contains(fromBlocker);
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.entriesOf(blocked.id()))
        .as("the blocked member's timeline table")
        .containsExactly(fromBlocked);
    assertThat(feeds.entriesOf(blocker.id()))
        .as("the blocker's timeline table")
        .containsExactly(fromBlocker);
  }

  @Test
  void aBlockedMembersNewStatusesNeverReachTheBlocker() {
    Member blocker = feeds.member("never_blocker");
    Member blocked = feeds.member("never_blocked");
    Member other = feeds.member("never_other");
    podium.follow(blocker.token(), blocked.id());
    podium.follow(other.token(), blocked.id());
    ok(act(blocker, blocked.id(), "block"));

    String after = podium.post(blocked.token(), "after the block");
    awaitFannedOut(after, other);
    feeds.awaitQueueDrained(WAIT);

    assertThat(feeds.ownersOf(after)).containsExactlyInAnyOrder(blocked.id(), other.id());
    assertThat(podium.home(blocker.token(), "?limit=40")).doesNotContain(after);
  }

  @Test
  void neitherSideMayFollowTheOtherWhileTheBlockLastsAndNothingIsWritten() {
    Member blocker = feeds.member("refuse_blocker");
    Member blocked = feeds.member("refuse_blocked");
    ok(act(blocker, blocked.id(), "block"));
    int follows = podium.count(Tables.FOLLOWS);

    var byBlocked = act(blocked, blocker.id(), "follow");
    var byBlocker = act(blocker, blocked.id(), "follow");

    assertThat(byBlocked.status()).as(byBlocked.toString()).isEqualTo(403);
    assertThat(byBlocked.field("error")).isEqualTo("This action is not allowed");
    assertThat(byBlocker.status()).as(byBlocker.toString()).isEqualTo(403);
    assertThat(podium.count(Tables.FOLLOWS)).isEqualTo(follows);
    assertThat(count(blocker, "followers_count")).isZero();
    assertThat(count(blocked, "following_count")).isZero();

    JsonNode unblocked = ok(act(blocker, blocked.id(), "unblock"));
    assertThat(unblocked.get("blocking").asBoolean()).isFalse();
    assertThat(ok(act(blocked, blocker.id(), "follow")).get("following").asBoolean()).isTrue();
  }

  @Test
  void theHomeTimelineDropsBlockedAndMutedAuthorsEvenBeforeTheirEntriesAreCleared() {
    Member reader = feeds.member("race_reader");
    Member blocked = feeds.member("race_blocked");
    Member muted = feeds.member("race_muted");
    Member kept = feeds.member("race_kept");
    String b = podium.post(blocked.token(), "blocked");
    String m = podium.post(muted.token(), "muted");
    String k = podium.post(kept.token(), "kept");
    ok(act(reader, blocked.id(), "block"));
    ok(act(reader, muted.id(), "mute"));
    feeds.awaitQueueDrained(WAIT);

    // as if a fan-out page read before the block and the mute wrote these after their clean-ups ran
    writeEntry(reader, b, blocked);
    writeEntry(reader, m, muted);
    writeEntry(reader, k, kept);

    assertThat(podium.home(reader.token(), "?limit=40")).containsExactly(k);
  }

  @Test
  void aMuteHidesTheAuthorAtFanOutAndAtRead() {
    Member reader = feeds.member("mute_reader");
    Member muted = feeds.member("mute_muted");
    Member other = feeds.member("mute_other");
    podium.follow(reader.token(), muted.id());
    podium.follow(other.token(), muted.id());
    String before = podium.post(muted.token(), "before the mute");
    assertThat(podium.awaitHome(reader.token(), ids -> ids.contains(before))).contains(before);

    JsonNode answer = ok(act(reader, muted.id(), "mute"));
    assertThat(answer.get("muting").asBoolean()).isTrue();
    assertThat(answer.get("muting_notifications").asBoolean()).isTrue();
    assertThat(answer.get("following").asBoolean()).as("a mute keeps the follow").isTrue();
    assertThat(podium.home(reader.token(), "?limit=40")).doesNotContain(before);

    String during = podium.post(muted.token(), "during the mute");
    awaitFannedOut(during, other);
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(during))
        .as("the fan-out skips the muter")
        .doesNotContain(reader.id());
    assertThat(feeds.entriesOf(reader.id())).as("the mute's clean-up").doesNotContain(before);
    assertThat(podium.home(reader.token(), "?limit=40")).doesNotContain(before, during);
  }

  @Test
  void anUnmuteMergesTheLatestStatusesBackAndLetsNewOnesThrough() {
    Member reader = feeds.member("unmute_reader");
    Member muted = feeds.member("unmute_muted");
    Member other = feeds.member("unmute_other");
    podium.follow(reader.token(), muted.id());
    podium.follow(other.token(), muted.id());
    String before = podium.post(muted.token(), "before the mute");
    assertThat(podium.awaitHome(reader.token(), ids -> ids.contains(before))).contains(before);
    ok(act(reader, muted.id(), "mute"));
    String during = podium.post(muted.token(), "during the mute");
    awaitFannedOut(during, other);
    feeds.awaitQueueDrained(WAIT);

    JsonNode unmuted = ok(act(reader, muted.id(), "unmute"));
    assertThat(unmuted.get("muting").asBoolean()).isFalse();
    assertThat(podium.home(reader.token(), "?limit=40"))
        .as("the unmute merges the latest back")
        .containsSubsequence(during, before);
    String after = podium.post(muted.token(), "after the mute");
    assertThat(podium.awaitHome(reader.token(), ids -> ids.contains(after))).contains(after);
  }

  @Test
  void aMutedLargeAccountIsDroppedFromTheReadTimeMerge() {
    Member reader = feeds.member("large_reader");
    Member large = feeds.member("large_author");
    podium.follow(reader.token(), large.id());
    // make the author large by hand, as the fan-out does past the threshold: their posts merge at
    // read time
    String accounts = Tables.ACCOUNTS.physicalName(stack.backend().settings().tablePrefix());
    stack
        .dynamoDbClient()
        .updateItem(
            r ->
                r.tableName(accounts)
                    .key(Map.of("id", AttributeValue.fromS(large.id())))
                    .updateExpression("SET #large = :yes")
                    .expressionAttributeNames(Map.of("#large", "large"))
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
    stack
        .dynamoDbClient()
        .updateItem(
            r ->
                r.tableName(accounts)
                    .key(Map.of("id", AttributeValue.fromS(reader.id())))
                    .updateExpression("ADD large_followees :large")
                    .expressionAttributeValues(
                        Map.of(":large", AttributeValue.fromSs(List.of(large.id())))));
    String merged = podium.post(large.token(), "merged at read time");
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(merged)).as("not fanned out").containsExactly(large.id());
    assertThat(podium.home(reader.token(), "?limit=40")).contains(merged);

    ok(act(reader, large.id(), "mute"));

    assertThat(podium.home(reader.token(), "?limit=40")).doesNotContain(merged);
  }

  @Test
  void aTimedMuteRunsOut() {
    Member reader = feeds.member("timed_reader");
    Member muted = feeds.member("timed_muted");
    podium.follow(reader.token(), muted.id());

    var response =
        podium.mute(reader.token(), muted.id(), Map.of("duration", "1", "notifications", "false"));
    JsonNode answer = ok(response);
    assertThat(answer.get("muting").asBoolean()).isTrue();
    assertThat(answer.get("muting_notifications").asBoolean()).isFalse();
    assertThat(Feeds.ids(podium.api.get("/api/v1/mutes").token(reader.token()).send()))
        .containsExactly(muted.id());

    assertThat(
            Feeds.eventually(
                Duration.ofSeconds(5),
                () -> !relationship(reader, muted).get("muting").asBoolean()))
        .as("the mute ran out")
        .isTrue();
    assertThat(Feeds.ids(podium.api.get("/api/v1/mutes").token(reader.token()).send())).isEmpty();
    String after = podium.post(muted.token(), "after the mute ran out");
    assertThat(podium.awaitHome(reader.token(), ids -> ids.contains(after))).contains(after);
  }

  @Test
  void mutingAgainUpdatesItsOptionsAndRepeatedBlocksAndMutesChangeNothing() {
    Member owner = feeds.member("again_owner");
    Member target = feeds.member("again_target");
    ok(act(owner, target.id(), "block"));
    ok(act(owner, target.id(), "mute"));
    int items = podium.count(Tables.BLOCKS_MUTES);

    JsonNode blockedAgain = ok(act(owner, target.id(), "block"));
    var mutedAgain = ok(podium.mute(owner.token(), target.id(), Map.of("notifications", "false")));

    assertThat(blockedAgain.get("blocking").asBoolean()).isTrue();
    assertThat(mutedAgain.get("muting").asBoolean()).isTrue();
    assertThat(mutedAgain.get("muting_notifications").asBoolean()).isFalse();
    assertThat(podium.count(Tables.BLOCKS_MUTES)).isEqualTo(items);
    assertThat(Feeds.ids(podium.api.get("/api/v1/blocks").token(owner.token()).send()))
        .containsExactly(target.id());
    assertThat(Feeds.ids(podium.api.get("/api/v1/mutes").token(owner.token()).send()))
        .containsExactly(target.id());

    ok(act(owner, target.id(), "unblock"));
    ok(act(owner, target.id(), "unmute"));
    JsonNode twice = ok(act(owner, target.id(), "unmute"));
    assertThat(ok(act(owner, target.id(), "unblock")).get("blocking").asBoolean()).isFalse();
    assertThat(twice.get("muting").asBoolean()).isFalse();
    assertThat(podium.count(Tables.BLOCKS_MUTES))
        .as("the block, its mirror and the mute")
        .isEqualTo(items - 3);
  }

  @Test
  void blocksAndMutesListsPageNewestFirstWithLinkHeaders() {
    Member owner = feeds.member("list_owner");
    List<Member> targets = feeds.members("list_target", 3);
    for (Member target : targets) {
      ok(act(owner, target.id(), "block"));
      ok(act(owner, target.id(), "mute"));
    }
    for (String list : List.of("blocks", "mutes")) {
      var first = podium.api.get("/api/v1/" + list + "?limit=2").token(owner.token()).send();
      assertThat(Feeds.ids(first))
          .as(list)
          .containsExactly(targets.get(2).id(), targets.get(1).id());
      var links = Feeds.links(first);
      assertThat(links).as(list).containsKeys("next", "prev");
      var second = feeds.getUrl(links.get("next"), owner.token());
      assertThat(Feeds.ids(second)).as(list).containsExactly(targets.get(0).id());
      var back = feeds.getUrl(Feeds.links(second).get("prev"), owner.token());
      assertThat(Feeds.ids(back))
          .as(list)
          .containsExactly(targets.get(2).id(), targets.get(1).id());
    }
  }

  @Test
  void unknownAccountsAre404AndWriteNothing() {
    Member owner = feeds.member("ghost_owner");
    int items = podium.count(Tables.BLOCKS_MUTES);
    int follows = podium.count(Tables.FOLLOWS);
    for (String id : List.of("999999999", "not-a-number")) {
      for (String action : List.of("block", "unblock", "mute", "unmute")) {
        var response = act(owner, id, action);
        assertThat(response.status()).as(action + " " + id + ": " + response).isEqualTo(404);
        assertThat(response.field("error")).isEqualTo("Record not found");
      }
    }
    assertThat(podium.count(Tables.BLOCKS_MUTES)).isEqualTo(items);
    assertThat(podium.count(Tables.FOLLOWS)).isEqualTo(follows);
    assertThat(feeds.queued()).isZero();
  }

  @Test
  void blockingOrMutingOneselfChangesNothingAndAReadTokenMayNotBlock() {
    Member owner = feeds.member("self_owner");
    Member target = feeds.member("self_target");
    int items = podium.count(Tables.BLOCKS_MUTES);

    assertThat(ok(act(owner, owner.id(), "block")).get("blocking").asBoolean()).isFalse();
    assertThat(ok(act(owner, owner.id(), "mute")).get("muting").asBoolean()).isFalse();
    String readOnly =
        podium
            .api
            .post("/oauth/token")
            .form(
                Podium.passwordGrant(
                    owner.username(),
                    "correct horse battery",
                    podium.clientId,
                    podium.clientSecret,
                    "read"))
            .send()
            .field("access_token");
    var refused =
        podium.api.post("/api/v1/accounts/" + target.id() + "/block").token(readOnly).send();
    var negative = podium.mute(owner.token(), target.id(), Map.of("duration", "-5"));

    assertThat(refused.status()).as(refused.toString()).isEqualTo(403);
    assertThat(negative.status()).as(negative.toString()).isEqualTo(422);
    assertThat(podium.count(Tables.BLOCKS_MUTES)).isEqualTo(items);
    var listed = podium.api.get("/api/v1/blocks").token(readOnly).send();
    assertThat(Feeds.ids(listed)).isEmpty();
  }

  /**
   * The home read's one query of a member's partition: their own blocks and mutes apart from the
   * mirrors of others' blocks of them, and past 100 items the two reads it stands for, which still
   * find every mute and say the blockers are too many to list. Through the store: no scenario of
   * the API makes 101 blockers cheaply.
   */
  @Test
  void aMembersBlocksMutesAndBlockersAreOneReadUntilTheyAreTooManyToList() {
    var store = new DynamoDbBlockMuteRepository(new DynamoDb(stack.dynamoDbClient(), prefix()));
    Instant now = Instant.now();
    String member = "9" + now.toEpochMilli();
    store.mute(
        new BlockOrMute(BlockOrMute.Kind.MUTE, "1", member, "muted", now, true, Optional.empty()));
    java.util.stream.IntStream.range(0, 2).forEach(i -> blockedBy(store, member, "blocker" + i));

    var few = store.ofMember(member);
    assertThat(few.held()).extracting(BlockOrMute::targetId).containsExactly("muted");
    assertThat(few.blockers()).contains(Set.of("blocker0", "blocker1"));
    assertThat(store.heldBy(member)).extracting(BlockOrMute::targetId).containsExactly("muted");

    java.util.stream.IntStream.range(2, 101).forEach(i -> blockedBy(store, member, "blocker" + i));
    var many = store.ofMember(member);
    assertThat(many.held()).extracting(BlockOrMute::targetId).containsExactly("muted");
    assertThat(many.blockers()).isEmpty();
    assertThat(store.blockersOf(member, List.of("blocker100", "someone")))
        .containsExactly("blocker100");
  }

  static void blockedBy(DynamoDbBlockMuteRepository store, String member, String blocker) {
    store.block(
        new BlockOrMute(
            BlockOrMute.Kind.BLOCK,
            "2" + blocker.length(),
            blocker,
            member,
            Instant.now(),
            false,
            Optional.empty()));
  }

  static String prefix() {
    return stack.backend().settings().tablePrefix();
  }
}
