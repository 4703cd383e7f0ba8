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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Function;
import net.jqwik.api.AfterFailureMode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
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

  /**
   * A walk: pages of {@code pageSize}, after {@code postedBefore} statuses, while {@code
   * postedDuring} more are posted {@code pauseMillis} apart.
   */
  record Walk(int pageSize, int postedBefore, int postedDuring, int pauseMillis) {}

  @Provide
  Arbitrary<Walk> walks() {
    return Combinators.combine(
            Arbitraries.integers().between(1, 40),
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 8),
            Arbitraries.integers().between(0, 25))
        .as(Walk::new);
  }

  /**
   * Walks the reader's home as {@code walk} says, from {@code first} on, and checks what every walk
   * promises: each page at most {@code pageSize}, the walk ends, no status twice, every status
   * there before it. Returns the statuses walked, in order.
   *
   * @param eachPage what the walk checks of each page besides (its number, the page)
   * @param next the query of the page after the one given
   */
  static List<String> walkWhilePosting(
      Walk walk,
      String first,
      BiConsumer<Integer, List<String>> eachPage,
      Function<List<String>, String> next)
      throws Exception {
    int pageSize = walk.pageSize();
    List<String> existing = settle(walk.postedBefore());
    CompletableFuture<Void> poster = postMeanwhile(walk.postedDuring(), walk.pauseMillis());

    List<String> walked = new ArrayList<>();
    String query = "?limit=" + pageSize + first;
    int pages = 0;
    for (; pages < MAX_PAGES; pages++) {
      List<String> page = podium.home(reader.token(), query);
      assertThat(page.size()).isLessThanOrEqualTo(pageSize);
      if (page.isEmpty()) {
        break;
      }
      eachPage.accept(pages, page);
      walked.addAll(page);
      query = "?limit=" + pageSize + next.apply(page);
    }
    collectOverlap(walk.postedDuring());
    poster.get(60, TimeUnit.SECONDS);

    assertThat(pages).as("the walk ended").isLessThan(MAX_PAGES);
    assertThat(new HashSet<>(walked)).as("no status twice").hasSize(walked.size());
    assertThat(walked).as("every status there before the walk").containsAll(existing);
    return walked;
  }

  @Property(tries = 12, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.RANDOM_SEED)
  void pagesDownByMaxIdHaveNoGapsNoRepeatsAndDescend(@ForAll("walks") Walk walk) throws Exception {
    List<String> walked =
        walkWhilePosting(walk, "", (number, page) -> {}, page -> "&max_id=" + page.getLast());
    for (int i = 1; i < walked.size(); i++) {
      assertThat(id(walked.get(i)))
          .as("strictly descending at %d of %s", i, walked)
          .isLessThan(id(walked.get(i - 1)));
    }
  }

  @Property(tries = 12, shrinking = ShrinkingMode.OFF, afterFailure = AfterFailureMode.RANDOM_SEED)
  void pagesUpByMinIdFromTheBottomHaveNoGapsNoRepeatsAndAscend(@ForAll("walks") Walk walk)
      throws Exception {
    ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
    AtomicLong previousTop = new AtomicLong(-1);
    walkWhilePosting(
        walk,
        "&min_id=0",
        (number, page) -> {
          for (int i = 1; i < page.size(); i++) {
            if (id(page.get(i)) >= id(page.get(i - 1))) {
              problems.add("page " + number + " not newest first: " + page);
            }
          }
          if (id(page.getLast()) <= previousTop.get()) {
            problems.add(
                "page "
                    + number
                    + " reaches below the page before it: "
                    + page
                    + " after "
                    + previousTop.get());
          }
          previousTop.set(id(page.getFirst()));
        },
        page -> "&min_id=" + page.getFirst());
    assertThat(problems).isEmpty();
  }
}
