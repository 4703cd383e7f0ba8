package app.podium.timelines;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.shared.PageRequest;
import app.podium.shared.Reads;
import app.podium.statuses.Status;
import app.podium.statuses.StatusStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The newest statuses of large accounts, and the accounts themselves, kept in the container for a
 * short window so that the home reads of their millions of followers do not each query the author's
 * partition and read the author's item. However many reads ask at once, one load per author per
 * window goes out (single flight); the others wait for its answer.
 *
 * <p>The window is the staleness a reader may see: a large account's new status shows up, and a
 * deleted one goes away, within it. A page the cached statuses cannot answer exactly (paging deeper
 * than {@link #DEPTH} statuses back) is read from the store as before. A window of zero turns the
 * cache off.
 */
public final class RecentStatuses {
  /**
   * Statuses kept per author: a full page ({@code limit} 40 plus the timeline's slack) and then
   * some.
   */
  static final int DEPTH = 80;

  private final StatusStore statuses;
  private final AccountStore accounts;
  private final Duration window;
  private final Clock clock;
  private final ConcurrentHashMap<String, Load> loads = new ConcurrentHashMap<>();

  /**
   * What is kept of one author: their newest statuses, their account, and the statuses their
   * reblogs among those reblog with those statuses' authors (read once per window here rather than
   * by every follower's read).
   */
  private record Recent(
      List<Status> newest,
      Optional<Account> author,
      Map<String, Status> originals,
      Map<String, Account> originalAuthors) {}

  private record Load(Instant startedAt, CompletableFuture<Recent> newest) {
    boolean usableAt(Instant now, Duration window) {
      return now.isBefore(startedAt.plus(window)) && !newest.isCompletedExceptionally();
    }
  }

  public RecentStatuses(StatusStore statuses, AccountStore accounts, Duration window, Clock clock) {
    this.statuses = statuses;
    this.accounts = accounts;
    this.window = window;
    this.clock = clock;
  }

  /**
   * As {@link StatusStore#byAuthor}, from the cached newest statuses whenever they cover the page.
   */
  public List<Status> byAuthor(String authorId, PageRequest page) {
    if (window.isZero() || window.isNegative()) {
      return statuses.byAuthor(authorId, page);
    }
    return covered(recent(authorId).newest(), page)
        .orElseGet(() -> statuses.byAuthor(authorId, page));
  }

  /**
   * The author's account as loaded with their statuses in this window; empty when nothing is kept,
   * so the caller reads it with the other authors it needs in one batch.
   */
  public Optional<Account> author(String authorId) {
    if (window.isZero() || window.isNegative()) {
      return Optional.empty();
    }
    return recent(authorId).author();
  }

  /**
   * The statuses that the author's kept reblogs reblog, by id, and their authors, loaded with them;
   * empty when nothing is kept (the reader reads them with the rest of its page).
   */
  public Map<String, Status> originals(String authorId) {
    return window.isZero() || window.isNegative() ? Map.of() : recent(authorId).originals();
  }

  public Map<String, Account> originalAuthors(String authorId) {
    return window.isZero() || window.isNegative() ? Map.of() : recent(authorId).originalAuthors();
  }

  private Recent load(String authorId) {
    List<Status> newest = statuses.byAuthor(authorId, PageRequest.newest(DEPTH));
    List<String> originalIds =
        newest.stream().map(Status::reblogOfId).flatMap(Optional::stream).distinct().toList();
    Map<String, Status> originals = new HashMap<>();
    Map<String, Account> originalAuthors = new HashMap<>();
    if (!originalIds.isEmpty()) {
      statuses.findAll(originalIds).forEach(original -> originals.put(original.id(), original));
      Set<String> authorIds =
          originals.values().stream().map(Status::authorId).collect(Collectors.toSet());
      if (!authorIds.isEmpty()) {
        accounts.findAll(authorIds).forEach(author -> originalAuthors.put(author.id(), author));
      }
    }
    return new Recent(
        newest, accounts.find(authorId), Map.copyOf(originals), Map.copyOf(originalAuthors));
  }

  private Recent recent(String authorId) {
    Instant now = clock.instant();
    Load mine = new Load(now, new CompletableFuture<>());
    Load load =
        loads.compute(
            authorId,
            (id, current) -> current != null && current.usableAt(now, window) ? current : mine);
    if (load == mine) {
      try {
        mine.newest().complete(load(authorId));
      } catch (RuntimeException e) {
        mine.newest().completeExceptionally(e);
        loads.remove(authorId, mine);
        throw e;
      }
    }
    return Reads.join(load.newest());
  }

  /**
   * The page's statuses out of an author's {@code newest} (newest first), or empty when statuses
   * older than the cached ones could belong on the page.
   */
  static Optional<List<Status>> covered(List<Status> newest, PageRequest page) {
    boolean all = newest.size() < DEPTH;
    long oldestCached = newest.isEmpty() ? Long.MAX_VALUE : newest.getLast().numericId();
    List<Status> inWindow = newest.stream().filter(s -> page.contains(s.numericId())).toList();
    if (page.ascending()) {
      if (!all && oldestCached > page.minId().orElseThrow()) {
        return Optional.empty();
      }
      return Optional.of(inWindow.reversed().stream().limit(page.limit()).toList());
    }
    boolean reachesSince = page.sinceId().map(since -> oldestCached <= since).orElse(false);
    if (inWindow.size() >= page.limit() || all || reachesSince) {
      return Optional.of(inWindow.stream().limit(page.limit()).toList());
    }
    return Optional.empty();
  }
}
