package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.support.ApiClient;
import app.podium.local.support.CallFaults;
import app.podium.local.support.CallFaults.Kind;
import app.podium.local.support.CallFaults.Service;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Posting under load while a fifth of the DynamoDB, SNS and SQS call attempts fail (throttled, 5xx,
 * or timed out after the service applied them; see {@link CallFaults}). Authors post from
 * concurrent client threads; a client that gets a 5xx or loses the connection retries with the same
 * {@code Idempotency-Key}, a bounded number of times, and a post counts as acknowledged only on a
 * 200. Every follower follows every author, so each acknowledged post belongs on every follower's
 * home timeline exactly once, and nothing else does. Setup (signups, follows) runs without faults.
 *
 * <p>The size is set by system properties; the default (200 posts by 10 authors to 50 followers)
 * keeps the test near a minute and a half on a shared 2-core machine. The full size (2,000 posts by
 * 50 authors to 500 followers: 1,000,000 follower entries) is
 *
 * <pre>
 * ./mvnw -q -pl local -am verify -Dit.test=FaultLoadIT -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dpodium.load.posts=2000 -Dpodium.load.authors=50 -Dpodium.load.followers=500 \
 *     -Dpodium.load.visibilitySeconds=30 -Dpodium.load.drainMinutes=60</pre>
 *
 * (with the default 10 s visibility a loaded machine's batches outran it; 800 posts by 20 authors
 * to 200 followers passed with 30 s). Figures are printed as {@code RESULT <name> <value> <unit>}
 * lines.
 */
@PodiumIT(cheapPasswords = true)
@ResourceLock(PodiumIT.LOAD)
class FaultLoadIT {
  static final int POSTS = Integer.getInteger("podium.load.posts", 200);
  static final int AUTHORS = Integer.getInteger("podium.load.authors", 10);
  static final int FOLLOWERS = Integer.getInteger("podium.load.followers", 50);
  static final int PERCENT = Integer.getInteger("podium.load.faultPercent", 20);
  static final int CLIENTS = Integer.getInteger("podium.load.clients", 8);

  /** Attempts a client makes of one post: the first and its retries. */
  static final int CLIENT_ATTEMPTS = Integer.getInteger("podium.load.clientAttempts", 6);

  /** Followers whose home timelines are also read through the API, every page. */
  static final int API_SAMPLE = Integer.getInteger("podium.load.apiSample", 5);

  /** Two follower pages per post, so the follow-up message is exercised under faults too. */
  static final int PAGE_SIZE = (FOLLOWERS + 1) / 2;

  static final int POLLERS = Integer.getInteger("podium.load.pollers", 8);

  /** The fan-out queue's visibility timeout, so also the local handler's time limit for a batch. */
  static final int VISIBILITY_SECONDS = Integer.getInteger("podium.load.visibilitySeconds", 10);

  static final Duration DRAIN = Duration.ofMinutes(Long.getLong("podium.load.drainMinutes", 20));

  @PodiumIT.OnStack static final CallFaults faults = new CallFaults(PERCENT, 6L);
  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;
  static List<Member> authors;
  static List<Member> followers;

  /** Members sign up through the API with passwords hashed cheaply (the full size signs up 550). */
  static Map<String, String> stackSettings() {
    return Map.of(
        "FANOUT_PAGE_SIZE", Integer.toString(PAGE_SIZE),
        "FANOUT_MAX_FOLLOWERS", Integer.toString(FOLLOWERS * 10),
        "TIMELINE_MAX", Integer.toString(POSTS * 10),
        // a busy handler must not see its batch come back while it still works on it
        "PODIUM_FANOUT_VISIBILITY_SECONDS", Integer.toString(VISIBILITY_SECONDS),
        // as Lambda's event source mapping does, several batches at once (it starts with
        // five pollers)
        "PODIUM_FANOUT_POLLERS", Integer.toString(POLLERS));
  }

  @BeforeAll
  static void start() throws Exception {
    long started = System.nanoTime();
    String admin = podium.adminToken();
    authors = signUp("author", AUTHORS, admin);
    followers = signUp("reader", FOLLOWERS, admin);
    inParallel(
        FOLLOWERS,
        i -> authors.forEach(author -> podium.follow(followers.get(i).token(), author.id())));
    result("setup_duration", (System.nanoTime() - started) / 1_000_000_000.0, "s");
  }

  @AfterAll
  static void stop() throws Exception {
    faults.enabled = false;
  }

  static List<Member> signUp(String prefix, int n, String admin) {
    Member[] members = new Member[n];
    inParallel(
        n,
        i -> {
          String token = podium.member(prefix + i, admin);
          members[i] = new Member(token, podium.accountId(token), prefix + i);
        });
    return List.of(members);
  }

  /** Runs task(0..n-1) on the client threads; the first failure fails the test. */
  static void inParallel(int n, IntConsumer task) {
    ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        done.add(threads.submit(() -> task.accept(index)));
      }
      for (Future<?> future : done) {
        future.get(30, TimeUnit.MINUTES);
      }
    } catch (Exception e) {
      throw new AssertionError("a client thread failed", e);
    } finally {
      threads.shutdownNow();
    }
  }

  static void result(String name, Object value, String unit) {
    System.out.println("RESULT " + name + " " + value + " " + unit);
  }

  record Outcome(String statusId, int attempts) {}

  /**
   * Posts as a Mastodon client does: on a 5xx or a broken connection it tries again with the same
   * Idempotency-Key, up to {@link #CLIENT_ATTEMPTS} attempts. Returns the id of the 200, or null.
   */
  static Outcome post(Member author, String text, String key, Map<Integer, AtomicInteger> answers) {
    for (int attempt = 1; attempt <= CLIENT_ATTEMPTS; attempt++) {
      int status;
      ApiClient.Response response = null;
      try {
        response = podium.postForm(author.token(), Map.of("status", text), key);
        status = response.status();
      } catch (UncheckedIOException transport) {
        status = 0;
      }
      answers.computeIfAbsent(status, s -> new AtomicInteger()).incrementAndGet();
      if (status == 200) {
        return new Outcome(response.field("id"), attempt);
      }
      if (status != 0 && status < 500) {
        throw new AssertionError("post " + key + " refused: " + response);
      }
      Feeds.pause(50L * attempt);
    }
    return new Outcome(null, CLIENT_ATTEMPTS);
  }

  /**
   * Every status id on the member's home timeline through the API, following the Link headers to
   * the end.
   */
  static List<String> apiTimeline(Member member) {
    var first = podium.api.get("/api/v1/timelines/home?limit=40").token(member.token()).send();
    return feeds.allPages(first, member.token());
  }

  static long duplicates(List<String> ids) {
    return ids.size() - new HashSet<>(ids).size();
  }

  @Test
  void everyAcknowledgedPostReachesEveryFollowerExactlyOnceWhileAFifthOfTheCallsFail() {
    Map<Integer, AtomicInteger> answers = new ConcurrentHashMap<>();
    Map<String, Member> authorOf = new ConcurrentHashMap<>();
    Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    List<String> unacknowledged = Collections.synchronizedList(new ArrayList<>());
    AtomicLong clientRetries = new AtomicLong();
    int deadBefore = feeds.deadLettered();

    faults.enabled = true;
    long started = System.nanoTime();
    try {
      inParallel(
          POSTS,
          i -> {
            Member author = authors.get(i % AUTHORS);
            Outcome outcome =
                post(author, "load " + i + " by " + author.username(), "load-" + i, answers);
            clientRetries.addAndGet(outcome.attempts() - 1);
            if (outcome.statusId() == null) {
              unacknowledged.add("load-" + i);
            } else {
              assertThat(acknowledged.add(outcome.statusId()))
                  .as("a new id for post %d", i)
                  .isTrue();
              authorOf.put(outcome.statusId(), author);
            }
          });
      long posted = System.nanoTime();
      result("posting_duration", (posted - started) / 1_000_000_000.0, "s");
      feeds.awaitQueueDrained(DRAIN);
      result("fanout_drain_after_posting", (System.nanoTime() - posted) / 1_000_000_000.0, "s");
    } finally {
      faults.enabled = false;
    }
    double duration = (System.nanoTime() - started) / 1_000_000_000.0;

    Map<String, List<String>> ownEntries = new HashMap<>();
    long found = 0;
    long duplicates = 0;
    List<String> wrongFollowers = new ArrayList<>();
    for (Member follower : followers) {
      List<String> entries = feeds.entriesOf(follower.id());
      found += entries.size();
      duplicates += duplicates(entries);
      if (!new HashSet<>(entries).equals(acknowledged) || duplicates(entries) > 0) {
        wrongFollowers.add(follower.username() + " (" + entries.size() + " entries)");
      }
    }
    for (Member author : authors) {
      ownEntries.put(author.id(), feeds.entriesOf(author.id()));
    }
    long authorEntries = ownEntries.values().stream().mapToLong(List::size).sum();
    List<List<String>> sampled =
        followers.stream().limit(API_SAMPLE).map(FaultLoadIT::apiTimeline).toList();

    result("fault_percent", PERCENT, "%");
    result("posts_attempted", POSTS, "posts");
    result("authors", AUTHORS, "accounts");
    result("followers", FOLLOWERS, "accounts");
    result("client_threads", CLIENTS, "threads");
    result("posts_acknowledged", acknowledged.size(), "posts");
    result("posts_unacknowledged", unacknowledged.size(), "posts");
    result("client_retries", clientRetries.get(), "requests");
    answers.forEach(
        (status, n) ->
            result("client_answers_" + (status == 0 ? "transport_error" : status), n, "responses"));
    result("calls", faults.calls(), "calls");
    result("attempts", faults.attempts(), "attempts");
    for (Service service : List.of(Service.DYNAMODB, Service.SNS, Service.SQS)) {
      String name = service.name().toLowerCase();
      result("calls_" + name, faults.calls(service), "calls");
      result("sdk_retries_" + name, faults.sdkRetries(service), "attempts");
      for (Kind kind : Kind.values()) {
        result(
            "faults_" + name + "_" + kind.name().toLowerCase(),
            faults.injected(service, kind),
            "faults");
      }
    }
    for (Kind kind : Kind.values()) {
      result("faults_" + kind.name().toLowerCase(), faults.injected(kind), "faults");
    }
    result("faults_injected", faults.injected(), "faults");
    result(
        "fault_share_of_attempts",
        String.format("%.1f", 100.0 * faults.injected() / faults.attempts()),
        "%");
    result("sdk_retries", faults.sdkRetries(), "attempts");
    result("sqs_redeliveries", faults.sqsRedeliveries.get(), "messages");
    result("dead_lettered", feeds.deadLettered() - deadBefore, "messages");
    result("entries_expected", (long) acknowledged.size() * FOLLOWERS, "entries");
    result("entries_found", found, "entries");
    result("author_entries_expected", acknowledged.size(), "entries");
    result("author_entries_found", authorEntries, "entries");
    result("duplicates", duplicates, "entries");
    result("api_followers_read", sampled.size(), "timelines");
    result("api_duplicates", sampled.stream().mapToLong(FaultLoadIT::duplicates).sum(), "entries");
    result("duration", String.format("%.1f", duration), "s");

    assertThat(unacknowledged)
        .as("posts never acknowledged after %d attempts", CLIENT_ATTEMPTS)
        .isEmpty();
    assertThat(acknowledged).hasSize(POSTS);
    assertThat(faults.injected()).as("faults injected").isPositive();
    for (Kind kind : Kind.values()) {
      assertThat(faults.injected(kind)).as("faults of kind %s", kind).isPositive();
    }
    assertThat(faults.sdkRetries()).as("the SDK retried").isPositive();
    assertThat(wrongFollowers)
        .as("followers whose table timeline is not exactly the acknowledged posts")
        .isEmpty();
    assertThat(found).isEqualTo((long) acknowledged.size() * FOLLOWERS);
    assertThat(duplicates).isZero();
    for (Member author : authors) {
      Set<String> own = new HashSet<>();
      authorOf.forEach(
          (status, by) -> {
            if (by.equals(author)) {
              own.add(status);
            }
          });
      assertThat(ownEntries.get(author.id()))
          .as("%s's own timeline", author.username())
          .containsExactlyInAnyOrderElementsOf(own);
    }
    for (List<String> timeline : sampled) {
      assertThat(timeline)
          .as("a follower's home timeline through the API")
          .doesNotHaveDuplicates()
          .containsExactlyInAnyOrderElementsOf(acknowledged);
    }
    assertThat(feeds.deadLettered()).as("messages dead-lettered").isEqualTo(deadBefore);
    assertThat(podium.count(Tables.POSTS)).as("posts stored").isEqualTo(acknowledged.size());
  }
}
