package app.podium.timelines;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.ManualClock;
import app.podium.accounts.AccountStore;
import app.podium.shared.PageRequest;
import app.podium.shared.Visibility;
import app.podium.statuses.Status;
import app.podium.statuses.StatusStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentStatusesTest {
  static final Instant START = Instant.parse("2026-11-25T12:00:00Z");
  static final Duration WINDOW = Duration.ofMillis(2000);

  /** One author's statuses in memory, paged as the repository pages them; counts the queries. */
  static final class AuthorStatuses implements StatusStore {
    final List<Status> statuses = new ArrayList<>();
    final AtomicInteger queries = new AtomicInteger();
    volatile CountDownLatch hold = new CountDownLatch(0);
    volatile RuntimeException failure;

    AuthorStatuses(int count) {
      for (int i = 1; i <= count; i++) {
        add(i);
      }
    }

    void add(long id) {
      statuses.add(
          Status.plain(String.valueOf(id), "author", "post " + id, Visibility.PUBLIC, START));
    }

    @Override
    public List<Status> byAuthor(String authorId, PageRequest page) {
      queries.incrementAndGet();
      try {
        hold.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (failure != null) {
        throw failure;
      }
      Comparator<Status> order = Comparator.comparingLong(Status::numericId);
      return statuses.stream()
          .filter(s -> page.contains(s.numericId()))
          .sorted(page.ascending() ? order : order.reversed())
          .limit(page.limit())
          .toList();
    }

    @Override
    public boolean create(Status status, Instant ownEntryExpiresAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean createReply(Status reply, Status parent, Instant ownEntryExpiresAt) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Status> find(String id) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Status> findAll(Collection<String> ids) {
      throw new UnsupportedOperationException();
    }

    @Override
    public boolean delete(Status status) {
      throw new UnsupportedOperationException();
    }
  }

  final ManualClock clock = new ManualClock(START);

  /** Accounts that do not exist: these tests are about statuses. */
  static final AccountStore NO_ACCOUNTS =
      (AccountStore)
          java.lang.reflect.Proxy.newProxyInstance(
              AccountStore.class.getClassLoader(),
              new Class<?>[] {AccountStore.class},
              (proxy, method, args) -> method.getName().equals("find") ? Optional.empty() : null);

  static PageRequest page(Long maxId, Long sinceId, Long minId, int limit) {
    return new PageRequest(
        Optional.ofNullable(maxId),
        Optional.ofNullable(sinceId),
        Optional.ofNullable(minId),
        limit);
  }

  static List<Long> ids(List<Status> statuses) {
    return statuses.stream().map(Status::numericId).toList();
  }

  @Test
  void readsTheAuthorOncePerWindowAndAgainAfterIt() {
    AuthorStatuses store = new AuthorStatuses(5);
    RecentStatuses recent = new RecentStatuses(store, NO_ACCOUNTS, WINDOW, clock);

    for (int i = 0; i < 100; i++) {
      assertThat(ids(recent.byAuthor("author", PageRequest.newest(20))))
          .containsExactly(5L, 4L, 3L, 2L, 1L);
    }
    assertThat(store.queries).hasValue(1);

    store.add(6);
    clock.set(START.plus(WINDOW).minusMillis(1));
    assertThat(ids(recent.byAuthor("author", PageRequest.newest(20))))
        .as("stale within the window")
        .startsWith(5L);
    clock.set(START.plus(WINDOW));
    assertThat(ids(recent.byAuthor("author", PageRequest.newest(20))))
        .as("fresh after it")
        .startsWith(6L, 5L);
    assertThat(store.queries).hasValue(2);
  }

  @Test
  void concurrentReadersOfOneAuthorShareOneQuery() throws Exception {
    AuthorStatuses store = new AuthorStatuses(3);
    store.hold = new CountDownLatch(1);
    RecentStatuses recent = new RecentStatuses(store, NO_ACCOUNTS, WINDOW, clock);
    ExecutorService readers = Executors.newFixedThreadPool(16);
    try {
      List<Future<List<Status>>> reads = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        reads.add(readers.submit(() -> recent.byAuthor("author", PageRequest.newest(20))));
      }
      Thread.sleep(200);
      store.hold.countDown();
      for (Future<List<Status>> read : reads) {
        assertThat(ids(read.get(5, TimeUnit.SECONDS))).containsExactly(3L, 2L, 1L);
      }
    } finally {
      readers.shutdownNow();
    }
    assertThat(store.queries).hasValue(1);
  }

  @Test
  void aFailedReadIsNotKeptAndTheNextReaderTriesAgain() {
    AuthorStatuses store = new AuthorStatuses(3);
    store.failure = new IllegalStateException("throttled");
    RecentStatuses recent = new RecentStatuses(store, NO_ACCOUNTS, WINDOW, clock);

    assertThatThrownBy(() -> recent.byAuthor("author", PageRequest.newest(20)))
        .hasMessage("throttled");
    store.failure = null;
    assertThat(ids(recent.byAuthor("author", PageRequest.newest(20)))).containsExactly(3L, 2L, 1L);
    assertThat(store.queries).hasValue(2);
  }

  @Test
  void pagesWithinTheCachedStatusesAreServedFromThem() {
    AuthorStatuses store = new AuthorStatuses(200);
    RecentStatuses recent = new RecentStatuses(store, NO_ACCOUNTS, WINDOW, clock);
    recent.byAuthor("author", PageRequest.newest(1));

    assertThat(ids(recent.byAuthor("author", page(190L, null, null, 3))))
        .containsExactly(189L, 188L, 187L);
    assertThat(ids(recent.byAuthor("author", page(null, 195L, null, 40))))
        .hasSize(5)
        .startsWith(200L);
    assertThat(ids(recent.byAuthor("author", page(null, null, 190L, 3))))
        .containsExactly(191L, 192L, 193L);
    assertThat(store.queries).as("one load served all three").hasValue(1);
  }

  @Test
  void pagesReachingPastTheCachedStatusesGoToTheStore() {
    AuthorStatuses store = new AuthorStatuses(200);
    RecentStatuses recent = new RecentStatuses(store, NO_ACCOUNTS, WINDOW, clock);
    recent.byAuthor("author", PageRequest.newest(1));
    long oldestCached = 200 - RecentStatuses.DEPTH + 1;

    assertThat(ids(recent.byAuthor("author", page(oldestCached + 2, null, null, 5))))
        .containsExactly(
            oldestCached + 1, oldestCached, oldestCached - 1, oldestCached - 2, oldestCached - 3);
    assertThat(ids(recent.byAuthor("author", page(null, null, 10L, 2)))).containsExactly(11L, 12L);
    assertThat(store.queries).hasValue(3);
  }

  @Test
  void anAuthorWithFewerStatusesThanTheDepthIsAnsweredWhollyFromTheCache() {
    AuthorStatuses store = new AuthorStatuses(30);
    RecentStatuses recent = new RecentStatuses(store, NO_ACCOUNTS, WINDOW, clock);

    assertThat(ids(recent.byAuthor("author", page(3L, null, null, 40)))).containsExactly(2L, 1L);
    assertThat(ids(recent.byAuthor("author", page(null, null, 0L, 2)))).containsExactly(1L, 2L);
    assertThat(recent.byAuthor("author", page(1L, null, null, 40))).isEmpty();
    assertThat(store.queries).hasValue(1);
  }

  @Test
  void aZeroWindowReadsTheStoreEveryTime() {
    AuthorStatuses store = new AuthorStatuses(3);
    RecentStatuses recent = new RecentStatuses(store, NO_ACCOUNTS, Duration.ZERO, clock);

    recent.byAuthor("author", PageRequest.newest(20));
    recent.byAuthor("author", PageRequest.newest(20));
    assertThat(store.queries).hasValue(2);
  }
}
