package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.fanout.sqs.FanoutTaskJson;
import app.podium.local.support.BatchWriteFaults;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.WriteRecorder;
import app.podium.shared.FanoutTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * The fan-out through the real path: the API stores and publishes, SNS delivers to the queue, the
 * poller hands batches to FanoutHandler, which writes timelines in the DynamoDB engine. Follower
 * pages of 7, so 30 followers take 5 messages; fan-out queue visibility 2 s, DLQ after 5 receives.
 */
@PodiumIT(settings = {"FANOUT_PAGE_SIZE", "" + FanoutIT.PAGE_SIZE})
class FanoutIT {
  static final int FOLLOWERS = 30;
  static final int PAGE_SIZE = 7;
  static final Duration FANOUT_WAIT = Duration.ofSeconds(30);

  /** Every message the functions (and this test) send straight to the fan-out queue. */
  static final ConcurrentLinkedQueue<String> sentToQueue = new ConcurrentLinkedQueue<>();

  @PodiumIT.OnStack
  static final ExecutionInterceptor SENT =
      new ExecutionInterceptor() {
        @Override
        public void beforeExecution(
            Context.BeforeExecution context, ExecutionAttributes attributes) {
          if (context.request() instanceof SendMessageRequest send) {
            sentToQueue.add(send.messageBody());
          }
        }
      };

  @PodiumIT.OnStack static final BatchWriteFaults faults = new BatchWriteFaults(30);

  /**
   * Every write any client of the stack makes: the home reads', the fan-out's and this test's own.
   */
  @PodiumIT.OnStack static final WriteRecorder writes = new WriteRecorder();

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  @PodiumIT.Member("author")
  static Member author;

  @PodiumIT.Followers(of = "author", prefix = "follower", count = FOLLOWERS)
  static List<Member> followers;

  static List<String> audience() {
    return Stream.concat(Stream.of(author.id()), followers.stream().map(Member::id)).toList();
  }

  /**
   * Waits until the status has an entry on every timeline in the audience, then for the queue to
   * drain.
   */
  static List<String> awaitFannedOut(String statusId, int expectedEntries) {
    List<String> owners =
        Feeds.await(FANOUT_WAIT, () -> feeds.ownersOf(statusId), o -> o.size() >= expectedEntries);
    feeds.awaitQueueDrained(FANOUT_WAIT);
    return feeds.ownersOf(statusId);
  }

  static long continuationsOf(String statusId) {
    return sentToQueue.stream()
        .filter(
            body ->
                body.contains("\"status_id\":\"" + statusId + "\"") && body.contains("\"cursor\""))
        .count();
  }

  @Test
  void aPostReachesEveryFollowerExactlyOnceAcrossSeveralFollowerPages() {
    String status = podium.post(author.token(), "to all thirty");

    List<String> owners = awaitFannedOut(status, FOLLOWERS + 1);

    assertThat(owners)
        .as("one entry per follower and the author's own, none twice")
        .containsExactlyInAnyOrderElementsOf(audience());
    // 30 followers in pages of 7: the first message and 4 follow-up pages, each carrying its cursor
    assertThat(continuationsOf(status)).isEqualTo((FOLLOWERS + PAGE_SIZE - 1) / PAGE_SIZE - 1);
    for (Member follower : followers) {
      assertThat(podium.home(follower.token(), "?limit=40"))
          .as(follower.username())
          .containsOnlyOnce(status);
    }
  }

  @Test
  void theSameMessageDeliveredAgainChangesNothing() {
    String status = podium.post(author.token(), "delivered more than once");
    awaitFannedOut(status, FOLLOWERS + 1);
    int timelineItems = podium.count(Tables.TIMELINES);
    int posts = podium.count(Tables.POSTS);
    int deadBefore = feeds.deadLettered();
    long continuationsBefore = continuationsOf(status);

    String body = Feeds.postCreatedTask(author.id(), status, List.of());
    feeds.enqueue(body);
    feeds.enqueue(body);

    // both copies were handled: each walked the 5 follower pages again (4 follow-up messages
    // apiece)
    assertThat(
            Feeds.eventually(
                FANOUT_WAIT, () -> continuationsOf(status) == continuationsBefore + 2 * 4))
        .as("continuations after the redeliveries: %d", continuationsOf(status))
        .isTrue();
    feeds.awaitQueueDrained(FANOUT_WAIT);
    assertThat(podium.count(Tables.TIMELINES)).isEqualTo(timelineItems);
    assertThat(podium.count(Tables.POSTS)).isEqualTo(posts);
    assertThat(feeds.ownersOf(status)).containsExactlyInAnyOrderElementsOf(audience());
    assertThat(feeds.deadLettered()).isEqualTo(deadBefore);
  }

  @Test
  void aPoisonMessageEndsInTheDeadLetterQueueAfterFiveReceives() {
    int deadBefore = feeds.deadLettered();
    long started = System.nanoTime();
    feeds.enqueue("not a task");

    // 5 receives, each failing and coming back after the 2 s visibility timeout: about 10 s
    assertThat(
            Feeds.eventually(Duration.ofSeconds(60), () -> feeds.deadLettered() == deadBefore + 1))
        .as("the poison message reached the DLQ")
        .isTrue();
    System.out.printf(
        "poison message dead-lettered after %d ms%n", (System.nanoTime() - started) / 1_000_000);
    feeds.awaitQueueDrained(Duration.ofSeconds(10));

    var dead =
        stack
            .sqsClient()
            .receiveMessage(
                r ->
                    r.queueUrl(stack.queues().dlqUrl())
                        .maxNumberOfMessages(10)
                        .visibilityTimeout(0)
                        .attributeNamesWithStrings("ApproximateReceiveCount"))
            .messages();
    assertThat(dead).extracting(m -> m.body()).contains("not a task");
  }

  @Test
  void everyFollowerGetsEachEntryExactlyOnceWhileBatchWritesAreThrottledOrComeBackUnprocessed() {
    int deadBefore = feeds.deadLettered();
    List<String> statuses = new ArrayList<>();
    faults.reset();
    faults.enabled = true;
    try {
      for (int i = 0; i < 8; i++) {
        statuses.add(podium.post(author.token(), "under pressure " + i));
      }
      // one deadline for all of them, so a fan-out that never finishes fails the test once, not 8
      // times
      Feeds.await(
          FANOUT_WAIT,
          feeds::timelineItems,
          items ->
              statuses.stream()
                  .allMatch(
                      status ->
                          items.stream().filter(i -> i.get("status_id").n().equals(status)).count()
                              >= FOLLOWERS + 1));
      feeds.awaitQueueDrained(FANOUT_WAIT);
    } finally {
      faults.enabled = false;
    }
    System.out.println("FanoutIT injected faults: " + faults);

    for (String status : statuses) {
      assertThat(feeds.ownersOf(status))
          .as("entries of %s", status)
          .containsExactlyInAnyOrderElementsOf(audience());
    }
    assertThat(faults.throttled.get()).as("throttled calls").isPositive();
    assertThat(faults.partlyUnprocessed.get()).as("calls with unprocessed items").isPositive();
    assertThat(faults.sdkRetries.get()).as("the SDK retried throttled calls").isPositive();
    assertThat(feeds.deadLettered()).isEqualTo(deadBefore);
  }

  @Test
  void anInactiveFollowerGetsNoEntryButSeesThePostWhenTheirTimelineIsRebuilt() {
    Member writer = feeds.member("writer");
    List<Member> readers = feeds.followersOf(writer, "reader", 3);
    Member away = readers.getFirst();
    feeds.setLastActive(away.id(), Instant.now().minus(Duration.ofDays(40)));

    String status = podium.post(writer.token(), "while you were away");
    List<String> owners = awaitFannedOut(status, readers.size());

    assertThat(owners)
        .as("the author and the active readers only")
        .containsExactlyInAnyOrder(writer.id(), readers.get(1).id(), readers.get(2).id());
    assertThat(feeds.entriesOf(away.id())).isEmpty();

    feeds.awaitQueueDrained(FANOUT_WAIT);
    writes.take();
    assertThat(podium.home(away.token(), "")).as("merged at read time").containsExactly(status);
    feeds.awaitQueueDrained(FANOUT_WAIT);
    // the read wrote nothing: its one message's task rebuilt the timeline, then marked the member
    assertThat(writes.take())
        .extracting(w -> w.operation() + " " + kinds(w.targets()))
        .containsExactly(
            "SendMessage [sqs:send]", "BatchWriteItem [timelines]", "UpdateItem [accounts]");
    assertThat(feeds.entriesOf(away.id())).as("the rebuilt timeline").containsExactly(status);
    assertMarkedNow(away);
  }

  @Test
  void aHomeReadWritesNothingAndTheReadersActivityIsMarkedOnceADayOffTheRead() {
    Member writer = feeds.member("daily_writer");
    Member reader = feeds.member("daily_reader");
    podium.follow(reader.token(), writer.id());
    String status = podium.post(writer.token(), "for the daily reader");
    awaitFannedOut(status, 2);
    writes.take();

    // marked at signup: the read hands nothing on, and nothing anywhere is written
    assertThat(podium.home(reader.token(), "")).contains(status);
    feeds.awaitQueueDrained(FANOUT_WAIT);
    assertThat(writes.take()).isEmpty();

    // a mark two days old: the first read hands it on, a second finds it handed on already; one
    // write, the task's
    feeds.setLastActive(reader.id(), Instant.now().minus(Duration.ofDays(2)));
    writes.take();
    assertThat(podium.home(reader.token(), "")).contains(status);
    assertThat(podium.home(reader.token(), "")).contains(status);
    feeds.awaitQueueDrained(FANOUT_WAIT);
    assertThat(withoutActivityCounts(writes.take()))
        .extracting(w -> w.operation() + " " + kinds(w.targets()))
        .containsExactly("SendMessage [sqs:send]", "UpdateItem [accounts]");
    assertMarkedNow(reader);

    // marked today: the day's next read hands nothing on
    podium.home(reader.token(), "");
    feeds.awaitQueueDrained(FANOUT_WAIT);
    assertThat(writes.take()).isEmpty();

    // two containers' reads each hand the day-old mark on: the conditional write lets one task
    // through
    feeds.setLastActive(reader.id(), Instant.now().minus(Duration.ofDays(2)));
    String task = FanoutTaskJson.write(new FanoutTask.MemberActive(reader.id()));
    writes.take();
    feeds.enqueue(task);
    feeds.enqueue(task);
    feeds.awaitQueueDrained(FANOUT_WAIT);
    // the poller may take the first task before the test sends the second: the sends and the one
    // write in any order
    assertThat(withoutActivityCounts(writes.take()))
        .extracting(WriteRecorder.Write::operation)
        .containsExactlyInAnyOrder("SendMessage", "SendMessage", "UpdateItem");
    assertMarkedNow(reader);
  }

  static void assertMarkedNow(Member member) {
    long lastActive = Long.parseLong(feeds.accountAttribute(member.id(), "last_active_at").n());
    assertThat(lastActive)
        .as("marked active again")
        .isGreaterThan(Instant.now().minusSeconds(60).toEpochMilli());
  }

  /**
   * The writes but the activity counts' transactions (counter_shards alone), which a mark two days
   * old makes only on a month's first two days: InstanceStatsIT holds those.
   */
  static List<WriteRecorder.Write> withoutActivityCounts(List<WriteRecorder.Write> written) {
    return written.stream()
        .filter(w -> !kinds(w.targets()).stream().allMatch("counter_shards"::equals))
        .toList();
  }

  /** Tables by what they hold, without the stack's prefix. */
  static List<String> kinds(List<String> targets) {
    String prefix = stack.backend().settings().tablePrefix();
    return targets.stream()
        .map(t -> t.startsWith(prefix) ? t.substring(prefix.length()) : t)
        .toList();
  }
}
