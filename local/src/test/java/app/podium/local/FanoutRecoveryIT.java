package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.AwsClients;
import app.podium.local.support.CallFaults;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/**
 * The fan-out handler failing part way and for good: a crash after some of a page's batches were
 * written is redelivered by SQS and completes, and a message that failed until it was dead-lettered
 * fans out once the replay command moves it back. One page of 60 followers takes three
 * BatchWriteItem calls (25, 25, 10; posting itself writes the author's own entry); fan-out queue
 * visibility 2 s, DLQ after 5 receives.
 */
@PodiumIT
class FanoutRecoveryIT {
  static final int FOLLOWERS = 60;
  static final Duration WAIT = Duration.ofSeconds(60);

  /** Fails BatchWriteItem calls to the timelines table with an error the SDK does not retry. */
  static final class TimelineWriteFaults implements ExecutionInterceptor {
    /** The n-th timeline batch write from now fails (0: none). */
    final AtomicInteger failNth = new AtomicInteger();

    final AtomicInteger counted = new AtomicInteger();

    /** Every timeline batch write fails: an outage. */
    volatile boolean failAll;

    final AtomicInteger injected = new AtomicInteger();
    final AtomicInteger succeeded = new AtomicInteger();
    volatile CountDownLatch crashed = new CountDownLatch(1);

    static boolean writesTimelines(Object request) {
      return request instanceof BatchWriteItemRequest batch
          && batch.requestItems().keySet().stream().anyMatch(table -> table.endsWith("timelines"));
    }

    void failTheNth(int n) {
      counted.set(0);
      crashed = new CountDownLatch(1);
      failNth.set(n);
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      if (!writesTimelines(context.request())) {
        return;
      }
      int nth = failNth.get();
      boolean crash = nth > 0 && counted.incrementAndGet() == nth && failNth.compareAndSet(nth, 0);
      if (crash || failAll) {
        injected.incrementAndGet();
        crashed.countDown();
        throw DynamoDbException.builder()
            .statusCode(400)
            .message("injected by the test")
            .awsErrorDetails(
                AwsErrorDetails.builder()
                    .serviceName("DynamoDb")
                    .errorCode("ValidationException")
                    .errorMessage("injected by the test")
                    .build())
            .build();
      }
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
      if (writesTimelines(context.request())) {
        succeeded.incrementAndGet();
      }
    }
  }

  @PodiumIT.OnStack static final TimelineWriteFaults faults = new TimelineWriteFaults();

  /** Injects nothing; counts redeliveries of fan-out messages. */
  @PodiumIT.OnStack static final CallFaults observer = new CallFaults(0, 0L);

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  @PodiumIT.Member("author")
  static Member author;

  @PodiumIT.Followers(of = "author", prefix = "follower", count = FOLLOWERS)
  static List<Member> followers;

  @BeforeAll
  static void start() {
    observer.enabled = true;
  }

  static List<String> audience(Member writer, List<Member> readers) {
    return Stream.concat(Stream.of(writer), readers.stream()).map(Member::id).toList();
  }

  @Test
  void aCrashAfterSomeBatchesOfAPageWereWrittenIsRedeliveredAndReachesEveryFollowerExactlyOnce()
      throws Exception {
    int deadBefore = feeds.deadLettered();
    long redeliveriesBefore = observer.sqsRedeliveries.get();
    int injectedBefore = faults.injected.get();
    faults.failTheNth(3);

    String status =
        podium.post(author.token(), "written in three batches, the third fails the first time");

    assertThat(faults.crashed.await(30, TimeUnit.SECONDS))
        .as("the third batch write failed")
        .isTrue();
    // the other lanes finish before the handler reports the failure; the message comes back 2 s
    // after its receive
    Feeds.pause(300);
    List<String> beforeRedelivery = feeds.ownersOf(status);
    assertThat(beforeRedelivery)
        .as("entries written before the crash: some of the page, not all of it")
        .isNotEmpty()
        .hasSizeLessThan(FOLLOWERS + 1);

    List<String> owners =
        Feeds.await(WAIT, () -> feeds.ownersOf(status), o -> o.size() >= FOLLOWERS + 1);
    feeds.awaitQueueDrained(WAIT);
    owners = feeds.ownersOf(status);
    System.out.printf(
        "crash mid-page: %d of %d entries written before the crash, %d after the redelivery%n",
        beforeRedelivery.size(), FOLLOWERS + 1, owners.size());
    assertThat(faults.injected.get()).isEqualTo(injectedBefore + 1);
    assertThat(observer.sqsRedeliveries.get())
        .as("the message was delivered again")
        .isGreaterThan(redeliveriesBefore);
    assertThat(owners)
        .as("one entry per follower and the author's own, none twice")
        .containsExactlyInAnyOrderElementsOf(audience(author, followers));
    for (Member follower : followers.subList(0, 3)) {
      assertThat(podium.home(follower.token(), "?limit=40"))
          .as(follower.username())
          .containsOnlyOnce(status);
    }
    assertThat(feeds.deadLettered()).isEqualTo(deadBefore);
  }

  @Test
  void aMessageDeadLetteredDuringAnOutageFansOutWhenTheReplayCommandMovesItBack() {
    Member writer = feeds.member("writer");
    List<Member> readers = followers.subList(0, 3);
    for (Member reader : readers) {
      podium.follow(reader.token(), writer.id());
    }
    feeds.awaitQueueDrained(WAIT);
    int deadBefore = feeds.deadLettered();
    String status;
    faults.failAll = true;
    try {
      status = podium.post(writer.token(), "posted during a timeline outage");
      assertThat(Feeds.eventually(WAIT, () -> feeds.deadLettered() == deadBefore + 1))
          .as("the fan-out message reached the DLQ after 5 failed receives")
          .isTrue();
      feeds.awaitQueueDrained(WAIT);
    } finally {
      faults.failAll = false;
    }
    // posting itself puts the status on the author's own timeline; the followers' entries are the
    // fan-out's
    assertThat(feeds.ownersOf(status))
        .as("entries while the message sits in the DLQ")
        .containsExactly(writer.id());

    String report =
        ReplayDeadLetters.run(
            Map.of(
                AwsClients.SQS_ENDPOINT_ENV,
                stack.sqsEndpoint(),
                "TABLE_PREFIX",
                stack.backend().settings().tablePrefix()));

    System.out.println(report);
    assertThat(report).startsWith("Replayed " + (deadBefore + 1) + " message");
    List<String> owners =
        Feeds.await(WAIT, () -> feeds.ownersOf(status), o -> o.size() >= readers.size() + 1);
    feeds.awaitQueueDrained(WAIT);
    assertThat(owners).containsExactlyInAnyOrderElementsOf(audience(writer, readers));
    assertThat(feeds.ownersOf(status))
        .containsExactlyInAnyOrderElementsOf(audience(writer, readers));
    assertThat(feeds.deadLettered()).as("the DLQ after the replay").isZero();
    for (Member reader : readers) {
      assertThat(podium.home(reader.token(), "?limit=40"))
          .as(reader.username())
          .containsOnlyOnce(status);
    }
  }
}
