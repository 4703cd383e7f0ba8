package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Concurrently;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.shared.DomainException;
import app.podium.statuses.Status;
import app.podium.statuses.store.DynamoDbStatusRepository;
import app.podium.store.DynamoDb;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Replies and threads through the API (handler, service, the DynamoDB engine, the fan-out queue): a
 * thread's context as each kind of reader sees it, the exact reply count (also under concurrent
 * replies, and when a parent goes first), and who gets a reply on their home timeline.
 */
@PodiumIT
class ConversationsIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  static String reply(Member author, String parentId, String text, String visibility) {
    var response =
        podium
            .postForm(
                author.token(),
                Map.of("status", text, "in_reply_to_id", parentId, "visibility", visibility),
                null)
            .expect(200);
    assertThat(response.field("in_reply_to_id")).isEqualTo(parentId);
    return response.field("id");
  }

  static ApiClient.Response context(String statusId, Member reader) {
    var call = podium.api.get("/api/v1/statuses/" + statusId + "/context");
    if (reader != null) {
      call.token(reader.token());
    }
    return call.send();
  }

  static List<String> ids(JsonNode statuses) {
    List<String> ids = new ArrayList<>();
    statuses.forEach(s -> ids.add(s.get("id").asText()));
    return ids;
  }

  /** The context's ancestors and descendants as id lists: [ancestors, descendants]. */
  static List<List<String>> thread(String statusId, Member reader) {
    var response = context(statusId, reader);
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return List.of(ids(response.json().get("ancestors")), ids(response.json().get("descendants")));
  }

  static long repliesCount(String statusId, Member reader) {
    var response = podium.api.get("/api/v1/statuses/" + statusId).token(reader.token()).send();
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.json().get("replies_count").asLong();
  }

  /** A public reply of the member to their own status, as the post route would store it. */
  static Status ownReply(String id, Member author, String parentId) {
    return Status.builder()
        .id(id)
        .authorId(author.id())
        .text("reply")
        .inReplyToId(Optional.of(parentId))
        .inReplyToAccountId(Optional.of(author.id()))
        .createdAt(Instant.now())
        .build();
  }

  /** The statuses' store itself, for a race the API cannot stage. */
  static DynamoDbStatusRepository repository() {
    return new DynamoDbStatusRepository(new DynamoDb(stack.dynamoDbClient(), prefix()));
  }

  static String prefix() {
    return stack.backend().settings().tablePrefix();
  }

  /**
   * root (author, public) r1 (replier, public) r2 (author, private: followers only) r3 (follower,
   * public) r5 (author, public) r4 (other, public)
   */
  @Test
  void aThreadWithAPrivateReplyInsideShowsEachReaderWhatTheyMaySee() {
    Member author = feeds.member("ctx_author");
    Member replier = feeds.member("ctx_replier");
    Member other = feeds.member("ctx_other");
    Member follower = feeds.member("ctx_follower");
    Member stranger = feeds.member("ctx_stranger");
    podium.follow(follower.token(), author.id());
    String root = podium.post(author.token(), "root");
    String r1 = reply(replier, root, "r1", "public");
    String r2 = reply(author, r1, "r2, followers only", "private");
    // only those who may see a status may answer it: the follower
    String r3 = reply(follower, r2, "r3", "public");
    String r4 = reply(other, root, "r4", "public");
    String r5 = reply(author, r1, "r5", "public");

    // descendants depth first, replies to one status oldest first
    List<String> whole = List.of(r1, r2, r3, r5, r4);
    List<String> withoutPrivate = List.of(r1, r3, r5, r4);
    assertThat(thread(root, author)).containsExactly(List.of(), whole);
    assertThat(thread(root, follower)).containsExactly(List.of(), whole);
    assertThat(thread(root, stranger)).containsExactly(List.of(), withoutPrivate);
    assertThat(thread(root, null)).containsExactly(List.of(), withoutPrivate);
    // the private status answers the replier, who does not follow its author: they are notified of
    // it as a
    // mention, so they may read it, as a member it mentions may (Mastodon's
    // StatusPolicy#mention_exists?)
    assertThat(thread(root, replier)).containsExactly(List.of(), whole);

    // ancestors oldest first
    assertThat(thread(r3, author)).containsExactly(List.of(root, r1, r2), List.of());
    assertThat(thread(r3, follower)).containsExactly(List.of(root, r1, r2), List.of());
    assertThat(thread(r3, stranger)).containsExactly(List.of(root, r1), List.of());
    assertThat(thread(r3, null)).containsExactly(List.of(root, r1), List.of());
    assertThat(thread(r1, null)).containsExactly(List.of(root), List.of(r3, r5));

    // the private status's own context is as hidden as the status
    assertThat(thread(r2, follower)).containsExactly(List.of(root, r1), List.of(r3));
    assertThat(context(r2, stranger).status()).isEqualTo(404);
    assertThat(context(r2, null).status()).isEqualTo(404);
    assertThat(context("99999999999", null).status()).isEqualTo(404);

    // a suspended author's statuses leave every context
    podium.suspend(other.id());
    assertThat(thread(root, author)).containsExactly(List.of(), List.of(r1, r2, r3, r5));
    assertThat(thread(root, null)).containsExactly(List.of(), List.of(r1, r3, r5));
    assertThat(context(r4, null).status()).isEqualTo(404);
  }

  @Test
  void aMembersBlocksAndMutesLeaveTheirContext() {
    Member reader = feeds.member("ctxb_reader");
    Member author = feeds.member("ctxb_author");
    Member muted = feeds.member("ctxb_muted");
    String root = podium.post(author.token(), "root");
    String fromMuted = reply(muted, root, "muted reply", "public");
    String fine = reply(author, root, "fine reply", "public");
    var mute =
        podium.api.post("/api/v1/accounts/" + muted.id() + "/mute").token(reader.token()).send();
    assertThat(mute.status()).as(mute.toString()).isEqualTo(200);

    assertThat(thread(root, reader)).containsExactly(List.of(), List.of(fine));
    assertThat(thread(root, null)).containsExactly(List.of(), List.of(fromMuted, fine));
  }

  @Test
  void contextDescendantsAreBoundedForAnonymousReadersByDepth() {
    Member author = feeds.member("ctxd_author");
    String root = podium.post(author.token(), "root of a deep chain");
    List<String> chain = new ArrayList<>();
    String parent = root;
    for (int i = 0; i < 23; i++) {
      parent = reply(author, parent, "level " + (i + 1), "public");
      chain.add(parent);
    }

    // anonymous readers see 20 levels below the status (Mastodon's bound), members the whole chain
    assertThat(thread(root, null).get(1)).containsExactlyElementsOf(chain.subList(0, 20));
    assertThat(thread(root, author).get(1)).containsExactlyElementsOf(chain);
    assertThat(thread(chain.getLast(), null).get(0)).hasSize(23).startsWith(root);
  }

  @Test
  void repliesCountIsExactAndADeletedReplyTakesItsOneBack() {
    Member author = feeds.member("count_author");
    Member replier = feeds.member("count_replier");
    String root = podium.post(author.token(), "count my replies");
    String first = reply(replier, root, "one", "public");
    reply(replier, root, "two", "unlisted");
    String third = reply(author, root, "three, followers only", "private");
    reply(replier, first, "a reply to a reply counts on its own parent", "public");

    assertThat(repliesCount(root, author)).isEqualTo(3);
    assertThat(repliesCount(first, author)).isEqualTo(1);

    var deleted = podium.api.delete("/api/v1/statuses/" + third).token(author.token()).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    assertThat(repliesCount(root, author)).isEqualTo(2);
    var again = podium.api.delete("/api/v1/statuses/" + third).token(author.token()).send();
    assertThat(again.status()).isEqualTo(404);
    assertThat(repliesCount(root, author)).isEqualTo(2);
  }

  @Test
  void sixteenConcurrentRepliesAreCountedExactlyAndSoAreTheirDeletes() {
    Member author = feeds.member("race_author");
    List<Member> repliers = feeds.members("race_replier", 16);
    String root = podium.post(author.token(), "reply all at once");

    List<String> replies =
        Concurrently.run(16, i -> reply(repliers.get(i), root, "reply " + i, "public"));

    assertThat(replies).doesNotHaveDuplicates().hasSize(16);
    assertThat(repliesCount(root, author)).isEqualTo(16);
    assertThat(thread(root, null).get(1)).containsExactlyInAnyOrderElementsOf(replies);

    List<Integer> deletes =
        Concurrently.run(
            16,
            i ->
                podium
                    .api
                    .delete("/api/v1/statuses/" + replies.get(i))
                    .token(repliers.get(i).token())
                    .send()
                    .status());
    assertThat(deletes).containsOnly(200);
    assertThat(repliesCount(root, author)).isZero();
  }

  @Test
  void aReplyToADeletedStatusIsRefusedAndADeletedParentIsNotRecreatedByItsRepliesDelete() {
    Member author = feeds.member("gone_author");
    String root = podium.post(author.token(), "soon gone");
    String orphan = reply(author, root, "outlives its parent", "public");
    var deleted = podium.api.delete("/api/v1/statuses/" + root).token(author.token()).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    int posts = podium.count(Tables.POSTS);

    var refused =
        podium.postForm(author.token(), Map.of("status", "too late", "in_reply_to_id", root), null);
    assertThat(refused.status()).as(refused.toString()).isEqualTo(404);
    assertThat(podium.count(Tables.POSTS)).isEqualTo(posts);

    var orphanDeleted =
        podium.api.delete("/api/v1/statuses/" + orphan).token(author.token()).send();
    assertThat(orphanDeleted.status()).as(orphanDeleted.toString()).isEqualTo(200);
    assertThat(feeds.postItem(root)).as("no count left on the deleted parent's key").isEmpty();
    assertThat(feeds.postItem(orphan)).isEmpty();
  }

  /**
   * The race the API cannot stage: the parent is deleted between the post's read of it and the
   * reply's transaction. The repository is driven directly with the parent as read before.
   */
  @Test
  void aReplyWhoseParentWentMeanwhileIsRefusedWholeAndLeavesNoCount() {
    Member author = feeds.member("race_gone");
    var repository = repository();
    String parentId = podium.post(author.token(), "read, then deleted");
    Status parent = repository.find(parentId).orElseThrow();
    var deleted = podium.api.delete("/api/v1/statuses/" + parentId).token(author.token()).send();
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(200);
    String replyId = Long.toString(Long.parseLong(parentId) + 1);
    Status reply = ownReply(replyId, author, parentId);

    assertThatThrownBy(() -> repository.createReply(reply, parent, Instant.now().plusSeconds(60)))
        .isInstanceOf(DomainException.NotFound.class);
    assertThat(feeds.postItem(replyId)).isEmpty();
    assertThat(feeds.postItem(parentId)).isEmpty();
  }

  /**
   * A large account's status counts its replies on counter shards, summed at read; the item is
   * untouched.
   */
  @Test
  void aShardedParentCountsRepliesOnACounterShardAndItsDeleteTakesItBack() {
    Member author = feeds.member("shard_author");
    var repository = repository();
    String base = podium.post(author.token(), "an id to start from");
    long id = Long.parseLong(base) + 1000;
    Status parent =
        Status.builder()
            .id(Long.toString(id))
            .authorId(author.id())
            .text("sharded")
            .createdAt(Instant.now())
            .counterShards(4)
            .build();
    assertThat(repository.create(parent, Instant.now().plusSeconds(60))).isTrue();
    Status reply = ownReply(Long.toString(id + 6), author, parent.id());

    assertThat(repository.createReply(reply, parent, Instant.now().plusSeconds(60))).isTrue();

    // the reply is counted in its author's shard, as favourites and reblogs are
    // (CounterShards.shardOf)
    String shardKey = parent.id() + ":replies#" + Math.floorMod(author.id().hashCode(), 4);
    assertThat(counterShard(shardKey)).isEqualTo("1");
    assertThat(feeds.postItem(parent.id())).doesNotContainKey("replies_count");
    assertThat(repository.find(parent.id()).orElseThrow().counts().replies()).isEqualTo(1);
    assertThat(repository.delete(reply)).isTrue();
    assertThat(counterShard(shardKey)).isEqualTo("0");
  }

  static String counterShard(String key) {
    var item = feeds.item(Tables.COUNTER_SHARDS, Map.of("key", AttributeValue.fromS(key)));
    return item.containsKey("count") ? item.get("count").n() : null;
  }

  /**
   * As Mastodon: a reply to another member reaches the home timelines of the replier's followers
   * who also follow that member (and the member, if they follow the replier); a reply to oneself
   * reaches every follower.
   */
  @Test
  void aReplyReachesOnlyFollowersWhoAlsoFollowTheRepliedToMember() {
    Member original = feeds.member("fan_original");
    Member replier = feeds.member("fan_replier");
    Member both = feeds.member("fan_both");
    Member onlyReplier = feeds.member("fan_only");
    podium.follow(both.token(), replier.id());
    podium.follow(both.token(), original.id());
    podium.follow(onlyReplier.token(), replier.id());
    podium.follow(original.token(), replier.id());
    String root = podium.post(original.token(), "start");
    String plain = podium.post(replier.token(), "not a reply");
    String answer = reply(replier, root, "an answer", "public");
    String selfReply = reply(replier, plain, "a thread of my own", "public");

    assertThat(
            Feeds.await(WAIT, () -> feeds.ownersOf(selfReply), o -> o.contains(onlyReplier.id())))
        .contains(onlyReplier.id());
    Feeds.await(WAIT, () -> feeds.ownersOf(answer), o -> o.contains(both.id()));
    feeds.awaitQueueDrained(WAIT);

    assertThat(feeds.ownersOf(answer))
        .containsExactlyInAnyOrder(replier.id(), both.id(), original.id());
    assertThat(feeds.ownersOf(selfReply))
        .containsExactlyInAnyOrder(replier.id(), both.id(), onlyReplier.id(), original.id());
    assertThat(podium.home(onlyReplier.token(), "?limit=40"))
        .contains(plain, selfReply)
        .doesNotContain(answer);
    assertThat(podium.home(both.token(), "?limit=40")).contains(answer, selfReply, plain, root);

    // a new follower's backfill of the replier's recent statuses follows the same rule
    Member late = feeds.member("fan_late");
    Member lateBoth = feeds.member("fan_late_both");
    podium.follow(lateBoth.token(), original.id());
    podium.follow(late.token(), replier.id());
    podium.follow(lateBoth.token(), replier.id());
    assertThat(feeds.entriesOf(late.id())).contains(plain, selfReply).doesNotContain(answer);
    assertThat(feeds.entriesOf(lateBoth.id())).contains(plain, selfReply, answer);
  }
}
