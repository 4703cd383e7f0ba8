package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.TestStacks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Paging the home timeline while followees keep posting. The reader follows two small accounts
 * (fanned out) and one large account (merged at read time: the threshold is 1 follower), so every
 * page is a merge. For random page sizes and random numbers of statuses posted before and during
 * the walk, the walk's pages hold no status twice, miss none that was on the timeline when the walk
 * began, and keep their order.
 */
class HomePaginationPropertyIT {
  static final Duration WAIT = Duration.ofSeconds(30);
  static final int MAX_PAGES = 1000;

  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;
  static Member reader;
  static List<Member> writers;
  static Member big;

  /** Every status the followees posted so far, in no particular order. */
  static final List<String> posted = Collections.synchronizedList(new ArrayList<>());

  static int round;

  /** Statuses the current walk's poster has posted so far. */
  static final AtomicInteger postedSoFar = new AtomicInteger();

  /**
   * Reports how far posting got by the end of the walk, so the report shows that walks and posts
   * overlap.
   */
  static void collectOverlap(int during) {
    int landed = postedSoFar.get();
    Statistics.label("posts done when the walk ended")
        .collect(
            during == 0
                ? "none to post"
                : landed == 0 ? "none yet" : landed < during ? "some" : "all");
  }

  @BeforeContainer
  static void start() throws Exception {
    stack = TestStacks.start(Map.of("FANOUT_MAX_FOLLOWERS", "1"));
    podium = new Podium(stack);
    feeds = new Feeds(podium);
    reader = feeds.member("reader");
    writers = feeds.members("small", 2);
    big = feeds.member("big");
    Member other = feeds.member("other");
    for (Member writer : writers) {
      podium.follow(reader.token(), writer.id());
    }
    podium.follow(reader.token(), big.id());
    podium.follow(other.token(), big.id());
    // big's first post converts it (2 followers > 1); from then on it is merged at read time
    posted.add(podium.post(big.token(), "big, crossing"));
    assertThat(Feeds.eventually(WAIT, () -> feeds.largeFolloweesOf(reader.id()).contains(big.id())))
        .isTrue();
    for (int i = 0; i < 12; i++) {
      posted.add(podium.post((i % 3 == 2 ? big : writers.get(i % 3)).token(), "seed " + i));
    }
  }

  @AfterContainer
  static void stop() throws Exception {
    stack.close();
  }

  static Member author(int i) {
    return i % 3 == 2 ? big : writers.get(i % 3);
  }

  /**
   * Posts {@code before} statuses and waits until the timeline holds every status posted so far.
   */
  static List<String> settle(int before) {
    round++;
    for (int i = 0; i < before; i++) {
      posted.add(podium.post(author(i + round).token(), "before " + round + "." + i));
    }
    List<String> expected;
    synchronized (posted) {
      expected = new ArrayList<>(posted);
    }
    expected.sort((a, b) -> Long.compare(Long.parseLong(b), Long.parseLong(a)));
    List<String> onHome =
        Feeds.await(
            WAIT, HomePaginationPropertyIT::walkDownQuietly, ids -> ids.containsAll(expected));
    assertThat(onHome).as("the timeline before the walk").containsAll(expected);
    return expected;
  }

  static List<String> walkDownQuietly() {
    List<String> all = new ArrayList<>();
    String query = "?limit=40";
    for (int page = 0; page < MAX_PAGES; page++) {
      List<String> ids = podium.home(reader.token(), query);
      if (ids.isEmpty()) {
        break;
      }
      all.addAll(ids);
      query = "?limit=40&max_id=" + ids.getLast();
    }
    return all;
  }

  /** Posts {@code during} statuses, a pause apart, on another thread while the caller walks. */
  static CompletableFuture<Void> postMeanwhile(int during, int pauseMillis) {
    int r = round;
    postedSoFar.set(0);
    return CompletableFuture.runAsync(
        () -> {
          for (int i = 0; i < during; i++) {
            posted.add(podium.post(author(i + r).token(), "during " + r + "." + i));
            postedSoFar.incrementAndGet();
            Feeds.pause(pauseMillis);
          }
        });
  }

  static long id(String id) {
    return Long.parseLong(id);
  }

  @Property(tries = 12, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.RANDOM_SEED)
  void pagesDownByMaxIdHaveNoGapsNoRepeatsAndDescend(
      @ForAll @IntRange(min = 1, max = 40) int pageSize,
      @ForAll @IntRange(min = 0, max = 4) int postedBefore,
      @ForAll @IntRange(min = 0, max = 8) int postedDuring,
      @ForAll @IntRange(min = 0, max = 25) int pauseMillis)
      throws Exception {
    List<String> existing = settle(postedBefore);
    CompletableFuture<Void> poster = postMeanwhile(postedDuring, pauseMillis);

    List<String> walked = new ArrayList<>();
    String query = "?limit=" + pageSize;
    int pages = 0;
    for (; pages < MAX_PAGES; pages++) {
      List<String> page = podium.home(reader.token(), query);
      assertThat(page.size()).isLessThanOrEqualTo(pageSize);
      if (page.isEmpty()) {
        break;
      }
      walked.addAll(page);
      query = "?limit=" + pageSize + "&max_id=" + page.getLast();
    }
    collectOverlap(postedDuring);
    poster.get(60, TimeUnit.SECONDS);

    assertThat(pages).as("the walk ended").isLessThan(MAX_PAGES);
    assertThat(new HashSet<>(walked)).as("no status twice").hasSize(walked.size());
    for (int i = 1; i < walked.size(); i++) {
      assertThat(id(walked.get(i)))
          .as("strictly descending at %d of %s", i, walked)
          .isLessThan(id(walked.get(i - 1)));
    }
    assertThat(walked).as("every status there before the walk").containsAll(existing);
  }

  @Property(tries = 12, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.RANDOM_SEED)
  void pagesUpByMinIdFromTheBottomHaveNoGapsNoRepeatsAndAscend(
      @ForAll @IntRange(min = 1, max = 40) int pageSize,
      @ForAll @IntRange(min = 0, max = 4) int postedBefore,
      @ForAll @IntRange(min = 0, max = 8) int postedDuring,
      @ForAll @IntRange(min = 0, max = 25) int pauseMillis)
      throws Exception {
    List<String> existing = settle(postedBefore);
    CompletableFuture<Void> poster = postMeanwhile(postedDuring, pauseMillis);

    List<String> walked = new ArrayList<>();
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    String query = "?limit=" + pageSize + "&min_id=0";
    long previousTop = -1;
    int pages = 0;
    for (; pages < MAX_PAGES; pages++) {
      List<String> page = podium.home(reader.token(), query);
      assertThat(page.size()).isLessThanOrEqualTo(pageSize);
      if (page.isEmpty()) {
        break;
      }
      for (int i = 1; i < page.size(); i++) {
        if (id(page.get(i)) >= id(page.get(i - 1))) {
          problems.add("page " + pages + " not newest first: " + page);
        }
      }
      if (id(page.getLast()) <= previousTop) {
        problems.add(
            "page "
                + pages
                + " reaches below the page before it: "
                + page
                + " after "
                + previousTop);
      }
      previousTop = id(page.getFirst());
      walked.addAll(page);
      query = "?limit=" + pageSize + "&min_id=" + page.getFirst();
    }
    collectOverlap(postedDuring);
    poster.get(60, TimeUnit.SECONDS);

    assertThat(pages).as("the walk ended").isLessThan(MAX_PAGES);
    assertThat(problems).isEmpty();
    Set<String> unique = new HashSet<>(walked);
    assertThat(unique).as("no status twice").hasSize(walked.size());
    assertThat(walked).as("every status there before the walk").containsAll(existing);
  }
}
