package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;

/**
 * A failure between publishing a post's event and storing the post. Posting publishes first, then
 * stores; the Idempotency-Key claim holds the id, so the client's retry with the same key finishes
 * what the first attempt began, and no follower misses the status or sees it twice.
 */
@PodiumIT
class FailureIT {
  static final Duration WAIT = Duration.ofSeconds(30);

  /** Arms one failure (or delay) of the next matching call; every attempt of that call fails. */
  static final class Faults implements ExecutionInterceptor {
    private static final ExecutionAttribute<String> DOOMED =
        new ExecutionAttribute<>("podium.test.doomed");
    final AtomicBoolean failNextPostStore = new AtomicBoolean();
    final AtomicBoolean failNextPublish = new AtomicBoolean();

    /** The authorizer's next read of a token fails, every attempt of it. */
    final AtomicBoolean failNextTokenRead = new AtomicBoolean();

    final AtomicBoolean delayNextPostStore = new AtomicBoolean();

    /**
     * The next post store is applied, then its answer is lost (the function dies before it hears
     * back).
     */
    final AtomicBoolean loseNextPostStoreAnswer = new AtomicBoolean();

    final AtomicInteger injected = new AtomicInteger();
    volatile CountDownLatch delayedStoreStarted = new CountDownLatch(1);
    volatile long delayMillis;

    static boolean readsAToken(SdkRequest request) {
      return request instanceof GetItemRequest read
          && read.tableName().endsWith(Tables.TOKENS.name());
    }

    static boolean storesAPost(SdkRequest request) {
      return request instanceof TransactWriteItemsRequest transaction
          && transaction.transactItems().stream()
              .anyMatch(item -> item.put() != null && item.put().tableName().endsWith("posts"));
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
      SdkRequest request = context.request();
      if (storesAPost(request) && failNextPostStore.compareAndSet(true, false)) {
        attributes.putAttribute(DOOMED, "store");
      } else if (readsAToken(request) && failNextTokenRead.compareAndSet(true, false)) {
        attributes.putAttribute(DOOMED, "token read");
      } else if (request instanceof PublishRequest && failNextPublish.compareAndSet(true, false)) {
        attributes.putAttribute(DOOMED, "publish");
      } else if (storesAPost(request) && delayNextPostStore.compareAndSet(true, false)) {
        attributes.putAttribute(DOOMED, "delay");
      } else if (storesAPost(request) && loseNextPostStoreAnswer.compareAndSet(true, false)) {
        attributes.putAttribute(DOOMED, "answer");
      }
      return request;
    }

    @Override
    public void beforeTransmission(
        Context.BeforeTransmission context, ExecutionAttributes attributes) {
      String fault = attributes.getAttribute(DOOMED);
      if (fault == null) {
        return;
      }
      if (fault.equals("delay")) {
        delayedStoreStarted.countDown();
        Feeds.pause(delayMillis);
        return;
      }
      if (fault.equals("answer")) {
        return;
      }
      injected.incrementAndGet();
      throw SdkClientException.create(
          "injected by the test: the " + fault + " call never reached the service");
    }

    @Override
    public void afterTransmission(
        Context.AfterTransmission context, ExecutionAttributes attributes) {
      if ("answer".equals(attributes.getAttribute(DOOMED))) {
        injected.incrementAndGet();
        throw SdkClientException.create(
            "injected by the test: the store was applied, its answer never came back");
      }
    }
  }

  @PodiumIT.OnStack static final Faults faults = new Faults();
  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  static ApiClient.Response post(Member author, String text, String key) {
    return podium.postForm(author.token(), Map.of("status", text), key);
  }

  /** Every follower's home shows the status, and each timeline of the audience holds it once. */
  static void assertReachedEveryone(Audience audience, String id) {
    for (Member follower : audience.followers()) {
      assertThat(podium.awaitHome(follower.token(), ids -> !ids.isEmpty()))
          .as(follower.username())
          .containsExactly(id);
    }
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(id)).containsExactlyInAnyOrderElementsOf(audience.ids());
  }

  /** Posts with the fault armed: a 5xx, with exactly that one fault injected. */
  /** Posts once with the fault set, which fails it; the status id the key's claim holds. */
  static String postFailingOnce(AtomicBoolean fault, Member writer, String text, String key) {
    int injected = faults.injected.get();
    fault.set(true);
    var failed = post(writer, text, key);
    assertThat(failed.status()).as(failed.toString()).isGreaterThanOrEqualTo(500);
    assertThat(faults.injected.get()).isEqualTo(injected + 1);
    return feeds.idempotencyClaim(writer.id(), key);
  }

  /**
   * The retry with the same key answers 200 with the status the first attempt reserved, and the
   * writer has one status in all.
   */
  static void assertRetryAnswersWith(
      String id, Member writer, String text, String key, int postsBefore) {
    var retried = post(writer, text, key);
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    assertThat(retried.field("id")).isEqualTo(id);
    assertThat(podium.count(Tables.POSTS)).isEqualTo(postsBefore + 1);
    assertThat(statusesCount(writer)).isEqualTo(1);
  }

  static long statusesCount(Member member) {
    return podium
        .api
        .get("/api/v1/accounts/" + member.id())
        .send()
        .json()
        .get("statuses_count")
        .asLong();
  }

  record Audience(Member writer, List<Member> followers) {
    List<String> ids() {
      return Stream.concat(Stream.of(writer), followers.stream()).map(Member::id).toList();
    }
  }

  static Audience audience(String name) {
    Member writer = feeds.member(name);
    List<Member> followers = feeds.followersOf(writer, name + "_f", 3);
    return new Audience(writer, followers);
  }

  /**
   * The authorizer runs before the route's function: when it cannot read the token (DynamoDB
   * throttled or unreachable after the SDK's retries) it fails, and API Gateway answers 500 with
   * its own body; nothing was written, and the client's retry goes through. FaultLoadIT met this at
   * random (four throttled attempts of one token read) as an undocumented 500.
   */
  @Test
  void anAuthorizerThatCannotReadTheTokenIsApiGatewaysOwn500AndWritesNothing() {
    Audience audience = audience("authfail");
    int posts = podium.count(Tables.POSTS);
    faults.failNextTokenRead.set(true);

    ApiClient.Response failed =
        post(audience.writer(), "behind a failing authorizer", "authfail-1");

    assertThat(failed.status()).as(failed.toString()).isEqualTo(500);
    assertThat(failed.json().get("message").asText()).isEqualTo("Internal Server Error");
    assertThat(faults.failNextTokenRead).as("the token read was the one that failed").isFalse();
    assertThat(podium.count(Tables.POSTS)).isEqualTo(posts);
    ApiClient.Response retried =
        post(audience.writer(), "behind a failing authorizer", "authfail-1");
    assertThat(retried.status()).as(retried.toString()).isEqualTo(200);
    assertThat(podium.count(Tables.POSTS)).isEqualTo(posts + 1);
  }

  @Test
  void aStoreThatFailsAfterPublishingIsFinishedByTheRetryWithTheSameKey() {
    Audience audience = audience("storefail");
    int posts = podium.count(Tables.POSTS);
    String reserved =
        postFailingOnce(
            faults.failNextPostStore, audience.writer(), "published, not stored", "retry-me");
    assertThat(reserved).as("the id the first attempt reserved").isNotNull();
    assertThat(podium.count(Tables.POSTS)).isEqualTo(posts);
    assertThat(podium.api.get("/api/v1/statuses/" + reserved).send().status()).isEqualTo(404);
    // the event went out: its entries may already sit on the timelines, pointing at nothing yet
    feeds.awaitQueueDrained(WAIT);
    for (Member follower : audience.followers()) {
      assertThat(podium.home(follower.token(), "")).as(follower.username()).isEmpty();
    }

    assertRetryAnswersWith(reserved, audience.writer(), "published, not stored", "retry-me", posts);
    assertReachedEveryone(audience, reserved);
    assertThat(podium.api.get("/api/v1/statuses/" + reserved).send().field("content"))
        .isEqualTo("<p>published, not stored</p>");
  }

  @Test
  void aPostStoredWhoseAnswerIsLostIsAlreadyFannedOutAndTheRetryWithTheSameKeyAnswersWithIt() {
    Audience audience = audience("lostanswer");
    int posts = podium.count(Tables.POSTS);
    String stored =
        postFailingOnce(
            faults.loseNextPostStoreAnswer,
            audience.writer(),
            "stored, never answered",
            "lost-answer");
    assertThat(podium.count(Tables.POSTS)).as("the store went through").isEqualTo(posts + 1);
    assertThat(podium.api.get("/api/v1/statuses/" + stored).send().status()).isEqualTo(200);
    // published before it was stored: a client that gives up after the 5xx loses nothing
    for (Member follower : audience.followers()) {
      assertThat(podium.awaitHome(follower.token(), ids -> !ids.isEmpty()))
          .as(follower.username())
          .containsExactly(stored);
    }

    assertRetryAnswersWith(
        stored, audience.writer(), "stored, never answered", "lost-answer", posts);
    feeds.awaitQueueDrained(WAIT);
    assertThat(feeds.ownersOf(stored)).containsExactlyInAnyOrderElementsOf(audience.ids());
    for (Member follower : audience.followers()) {
      assertThat(podium.home(follower.token(), "")).as(follower.username()).containsExactly(stored);
    }
  }

  @Test
  void aPublishThatFailsStoresNothingAndTheRetryWithTheSameKeyFansOut() {
    Audience audience = audience("pubfail");
    int posts = podium.count(Tables.POSTS);
    feeds.awaitQueueDrained(WAIT);
    int timelines = podium.count(Tables.TIMELINES);
    String id =
        postFailingOnce(faults.failNextPublish, audience.writer(), "not even published", "again");
    assertThat(podium.count(Tables.POSTS)).isEqualTo(posts);
    assertThat(podium.count(Tables.TIMELINES)).isEqualTo(timelines);
    assertThat(statusesCount(audience.writer())).isZero();

    assertRetryAnswersWith(id, audience.writer(), "not even published", "again", posts);
    assertReachedEveryone(audience, id);
  }

  @Test
  void aRetryWhileTheFirstAttemptIsStillStoringAnswersWithTheStoredStatus() throws Exception {
    Audience audience = audience("slowstore");
    faults.delayedStoreStarted = new CountDownLatch(1);
    faults.delayMillis = 1500;
    faults.delayNextPostStore.set(true);

    CompletableFuture<ApiClient.Response> first =
        CompletableFuture.supplyAsync(() -> post(audience.writer(), "slow to store", "patience"));
    assertThat(faults.delayedStoreStarted.await(30, TimeUnit.SECONDS))
        .as("the first store began")
        .isTrue();
    var second = post(audience.writer(), "slow to store", "patience");
    var firstAnswer = first.get(60, TimeUnit.SECONDS);

    assertThat(firstAnswer.status()).as(firstAnswer.toString()).isEqualTo(200);
    assertThat(second.status()).as(second.toString()).isEqualTo(200);
    String id = firstAnswer.field("id");
    assertThat(second.field("id")).isEqualTo(id);
    var stored = podium.api.get("/api/v1/statuses/" + id).send();
    assertThat(List.of(firstAnswer, second))
        .as("both answers are the stored status")
        .allSatisfy(
            answer -> assertThat(answer.field("created_at")).isEqualTo(stored.field("created_at")));
    assertThat(statusesCount(audience.writer())).isEqualTo(1);
    for (Member follower : audience.followers()) {
      assertThat(podium.awaitHome(follower.token(), ids -> !ids.isEmpty())).containsExactly(id);
    }
  }
}
