package app.podium.timelines;

import app.podium.accounts.Account;
import app.podium.accounts.AccountService;
import app.podium.accounts.AccountStore;
import app.podium.graph.Backfill;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.FollowStore;
import app.podium.shared.DomainException;
import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTasks;
import app.podium.shared.PageRequest;
import app.podium.shared.Reads;
import app.podium.shared.Settings;
import app.podium.stats.StatsService;
import app.podium.statuses.AuthoredStatus;
import app.podium.statuses.Interactions;
import app.podium.statuses.PageReads;
import app.podium.statuses.ReaderInteractions;
import app.podium.statuses.Status;
import app.podium.statuses.StatusHydrator;
import app.podium.statuses.StatusStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The home timeline: the member's fanned-out entries merged, in the same id window, with the recent
 * statuses of the large accounts they follow (which are never fanned out, and are read through the
 * container's {@link RecentStatuses} so their followers' reads do not all land on their partition),
 * then hydrated. Reading it writes nothing: the reader's activity mark is the fan-out queue's to
 * write ({@link HomeActivity}).
 */
public final class TimelineService implements Backfill {
  /** Statuses a follow (or an unmute) puts on the member's timeline. */
  static final int BACKFILL = 20;

  /** Entries read beyond the limit, so statuses deleted since fan-out do not leave a page short. */
  static final int SLACK = 10;

  /** Members whose activity this container handed on in the last day, kept to about this many. */
  static final int HANDED_ON_MAX = 100_000;

  private static final Logger LOG = LogManager.getLogger(TimelineService.class);
  private static final ExecutorService PARALLEL = Executors.newVirtualThreadPerTaskExecutor();

  private final TimelineStore timelines;
  private final StatusStore statuses;
  private final PageReads pages;
  private final RecentStatuses largeAccounts;
  private final StatusHydrator hydrator;
  private final BlockMuteStore blocks;
  private final Clock clock;
  private final HomeFeedPolicy policy;
  private final HomeActivity activity;
  private final FanoutTasks tasks;
  private final ReaderInteractions interactions;
  private final ConcurrentHashMap<String, Instant> handedOn = new ConcurrentHashMap<>();

  /**
   * Each reader's large followees (those not hidden) as this container last read them, kept to
   * about {@link #HANDED_ON_MAX}: their statuses are merged before the reader's account is read.
   */
  private final ConcurrentHashMap<String, Set<String>> largeSeen = new ConcurrentHashMap<>();

  public TimelineService(
      TimelineStore timelines,
      StatusStore statuses,
      PageReads pages,
      RecentStatuses largeAccounts,
      AccountStore accounts,
      FollowStore follows,
      BlockMuteStore blocks,
      StatusHydrator hydrator,
      Settings settings,
      Clock clock,
      FanoutTasks tasks,
      ReaderInteractions interactions,
      StatsService stats) {
    this.timelines = timelines;
    this.statuses = statuses;
    this.pages = pages;
    this.largeAccounts = largeAccounts;
    this.hydrator = hydrator;
    this.blocks = blocks;
    this.clock = clock;
    this.policy = new HomeFeedPolicy(follows, blocks, clock);
    this.activity =
        new HomeActivity(accounts, timelines, statuses, follows, policy, settings, clock, stats);
    this.tasks = tasks;
    this.interactions = interactions;
  }

  /**
   * Newest first, as Mastodon returns every page (also a {@code min_id} page). Two rounds of reads:
   * the timeline page beside the reader's blocks and mutes (one query); then one batch read of the
   * statuses of the first {@code limit} ids with their authors (the entries name them) and the
   * reader's account, beside what the reader did to them. More only when some of those turn out
   * deleted or no longer visible, or for the originals of reblogs. Authors the reader blocks or
   * mutes are dropped before the window is cut (the fan-out skips them, but an entry written just
   * before a block or mute may still wait for its clean-up).
   *
   * <p>The reader's large followees are known only with their account, in the second round; their
   * statuses are merged before it from this container's last sight of that set, and when the
   * account says otherwise (a large account followed or unfollowed since) the window is cut again.
   */
  public Home home(String readerId, PageRequest page) {
    int fetch = page.limit() + SLACK;
    CompletableFuture<List<TimelineEntry>> entries =
        CompletableFuture.supplyAsync(
            () -> timelines.page(readerId, page.withLimit(fetch)), PARALLEL);
    // whom the reader hides, and who blocks the reader (for hydration: it needs no author ids, so
    // it is read now rather than after the statuses): one query of the reader's partition
    BlockMuteStore.MemberBlocks readerBlocks = blocks.ofMember(readerId);
    Set<String> hidden = policy.hiddenFrom(readerId, readerBlocks.held());
    Map<String, Status> loaded = new HashMap<>();
    Map<String, Account> authors = new HashMap<>();
    Merged merged =
        merge(
            readerId,
            largeSeen.getOrDefault(readerId, Set.of()),
            hidden,
            Reads.join(entries),
            page,
            loaded,
            authors);
    // the first limit ids are most of what the page shows; its reblogs' originals and ids read to
    // fill it up are asked after
    Set<String> asked =
        merged.window().stream()
            .limit(page.limit())
            .map(String::valueOf)
            .collect(Collectors.toSet());
    CompletableFuture<Interactions> done =
        CompletableFuture.supplyAsync(() -> interactions.ofIds(readerId, asked), PARALLEL);
    Account reader =
        read(
                merged.window().stream().limit(page.limit()).toList(),
                merged,
                loaded,
                authors,
                readerId)
            .accounts()
            .stream()
            .filter(account -> account.id().equals(readerId))
            .findFirst()
            .orElseThrow(() -> new DomainException.Unauthorized("The access token is invalid"));
    AccountService.requireUsable(reader);
    Instant now = clock.instant();
    CompletableFuture<Void> markHandedOn =
        HomeActivity.due(reader, now)
            ? CompletableFuture.runAsync(() -> handOnActivity(reader, now), PARALLEL)
            : CompletableFuture.completedFuture(null);
    // a member back from longer than the fan-out's window: their timeline missed it, and its
    // rebuild is the task's to write; until it is written, the read merges it
    boolean returning = activity.returning(reader, now);
    if (returning || !merged.large().equals(shownLarge(reader, hidden))) {
      rememberLarge(reader, hidden);
      List<TimelineEntry> all = new ArrayList<>(Reads.join(entries));
      if (returning) {
        all.addAll(activity.rebuilt(reader));
      }
      merged = merge(readerId, shownLarge(reader, hidden), hidden, all, page, loaded, authors);
    }

    List<AuthoredStatus> result = new ArrayList<>();
    List<Long> window = merged.window();
    for (int from = 0; from < window.size() && result.size() < page.limit(); ) {
      int to = Math.min(window.size(), from + page.limit() - result.size());
      result.addAll(
          visible(
              readerId,
              window.subList(from, to),
              merged,
              loaded,
              authors,
              readerBlocks.blockers()));
      result = withoutRepeats(result);
      from = to;
    }
    if (page.ascending()) {
      Collections.reverse(result);
    }
    List<String> more =
        result.stream()
            .map(ReaderInteractions::stateId)
            .filter(id -> !asked.contains(id))
            .distinct()
            .toList();
    Interactions readerDid = Reads.join(done).plus(interactions.ofIds(readerId, more));
    Reads.join(markHandedOn);
    return new Home(result, readerDid);
  }

  /**
   * A page's candidates: its entries and its large followees' statuses that belong on the reader's
   * home, their ids in the page's order ({@code window}, at most {@code limit + SLACK}), with the
   * author of each and the relations the rules read.
   */
  private record Merged(
      Set<String> large,
      Map<Long, String> authorOf,
      HomeFeedPolicy.MemberRelations relations,
      List<Long> window) {}

  /**
   * Merges the large followees' recent statuses (from {@link RecentStatuses}, with their authors
   * and their reblogs' originals, added to {@code loaded} and {@code authors}) with the entries.
   */
  private Merged merge(
      String readerId,
      Set<String> large,
      Set<String> hidden,
      List<TimelineEntry> entries,
      PageRequest page,
      Map<String, Status> loaded,
      Map<String, Account> authors) {
    int fetch = page.limit() + SLACK;
    Map<Long, String> authorOf = new HashMap<>();
    List<Status> fromLarge = new ArrayList<>();
    for (String followee : large) {
      largeAccounts.author(followee).ifPresent(author -> authors.put(author.id(), author));
      // the originals of a large account's reblogs come with its statuses, so its followers do not
      // all read them
      loaded.putAll(largeAccounts.originals(followee));
      largeAccounts.originalAuthors(followee).forEach(authors::putIfAbsent);
      fromLarge.addAll(largeAccounts.byAuthor(followee, page.withLimit(fetch)));
    }
    // one read of the reader's follows for the replies of all their large followees, not one per
    // followee
    HomeFeedPolicy.MemberRelations relations =
        policy.ofMember(readerId, hidden, HomeFeedPolicy.candidates(fromLarge));
    for (Status status : HomeFeedPolicy.onHome(readerId, fromLarge, relations)) {
      authorOf.put(status.numericId(), status.authorId());
      loaded.put(status.id(), status);
    }
    // the fan-out applied the rules when it wrote an entry; a block or mute since then is applied
    // here
    for (TimelineEntry entry : entries) {
      if (HomeFeedPolicy.belongs(readerId, HomeFeedPolicy.Candidate.of(entry), relations)) {
        authorOf.put(entry.statusId(), entry.authorId());
      }
    }
    Comparator<Long> order =
        page.ascending() ? Comparator.naturalOrder() : Comparator.reverseOrder();
    List<Long> window =
        authorOf.keySet().stream().filter(page::contains).sorted(order).limit(fetch).toList();
    return new Merged(large, authorOf, relations, window);
  }

  /** The large accounts the reader follows whose statuses the page may show: not those hidden. */
  private static Set<String> shownLarge(Account reader, Set<String> hidden) {
    return reader.largeFollowees().stream()
        .filter(large -> !hidden.contains(large))
        .collect(Collectors.toSet());
  }

  private void rememberLarge(Account reader, Set<String> hidden) {
    if (largeSeen.size() >= HANDED_ON_MAX) {
      largeSeen.clear();
    }
    largeSeen.put(reader.id(), shownLarge(reader, hidden));
  }

  /**
   * Reads the statuses behind {@code ids} and their authors not yet {@code loaded} into the maps,
   * with the accounts of {@code alsoAccounts} (the reader's, on the first read) in the same batch
   * read.
   */
  private PageReads.Found read(
      List<Long> ids,
      Merged merged,
      Map<String, Status> loaded,
      Map<String, Account> authors,
      String... alsoAccounts) {
    Set<String> accountIds =
        ids.stream()
            .map(merged.authorOf()::get)
            .filter(author -> !authors.containsKey(author))
            .collect(Collectors.toCollection(HashSet::new));
    accountIds.addAll(List.of(alsoAccounts));
    PageReads.Found found =
        pages.find(
            ids.stream().map(String::valueOf).filter(id -> !loaded.containsKey(id)).toList(),
            accountIds);
    found.statuses().forEach(s -> loaded.put(s.id(), s));
    found.accounts().forEach(a -> authors.put(a.id(), a));
    return found;
  }

  /** A home page: its statuses, newest first, and what the reader did to them. */
  public record Home(List<AuthoredStatus> statuses, Interactions interactions) {}

  /**
   * The statuses behind {@code ids} that still exist and that the reader may see, in the same
   * order, reblogs with their originals (see {@link StatusHydrator}). Statuses and authors not yet
   * {@code loaded} (the first read's, large accounts' cached ones) are read in one batch read; only
   * the authors of reblogged originals not cached are read after. The authors are read here anyway,
   * so hiding a suspended author's statuses (fanned out or merged from a large account) costs no
   * extra read.
   */
  private List<AuthoredStatus> visible(
      String readerId,
      List<Long> ids,
      Merged merged,
      Map<String, Status> loaded,
      Map<String, Account> authors,
      Optional<Set<String>> blockers) {
    read(ids, merged, loaded, authors);
    List<Status> page =
        ids.stream().map(id -> loaded.get(String.valueOf(id))).filter(Objects::nonNull).toList();
    // hydrated, a reblog's original is known: a reblog of an author the reader hides goes too
    return hydrator.visible(readerId, page, loaded, authors, blockers).stream()
        .filter(
            shown ->
                HomeFeedPolicy.belongs(
                    readerId, HomeFeedPolicy.Candidate.shown(shown), merged.relations()))
        .toList();
  }

  /**
   * Puts the followee's latest statuses on the member's timeline; a large followee is merged at
   * read time.
   */
  @Override
  public void backfill(String memberId, Account followee) {
    if (!followee.large()) {
      List<Status> recent =
          policy.onHome(memberId, statuses.byAuthor(followee.id(), PageRequest.newest(BACKFILL)));
      timelines.write(
          recent.stream()
              .map(s -> new TimelineEntry(memberId, s.numericId(), s.authorId()))
              .toList());
    }
  }

  /**
   * A status shows once on a page: a reblog whose original is on the page is left out (the original
   * shows), and of several reblogs of one status only the first stays.
   */
  public static List<AuthoredStatus> withoutRepeats(List<AuthoredStatus> page) {
    Set<String> plain =
        page.stream()
            .filter(s -> s.reblog().isEmpty())
            .map(s -> s.status().id())
            .collect(Collectors.toSet());
    Set<String> reblogged = new HashSet<>();
    List<AuthoredStatus> kept = new ArrayList<>();
    for (AuthoredStatus shown : page) {
      Optional<String> original = shown.status().reblogOfId();
      if (original.isPresent()
          && (plain.contains(original.get()) || !reblogged.add(original.get()))) {
        continue;
      }
      kept.add(shown);
    }
    return kept;
  }

  /**
   * Hands the member's activity mark to the fan-out queue when it is a day old or more ({@link
   * HomeActivity}), once a day per member from this container; the task's write is conditional, so
   * another container's costs a refused write, not a second mark. The read does not fail for it: a
   * mark not handed on now is handed on by a later read.
   */
  private void handOnActivity(Account reader, Instant now) {
    Instant handed = handedOn.get(reader.id());
    if (handed != null && handed.isAfter(now.minus(HomeActivity.RESOLUTION))) {
      return;
    }
    if (handedOn.size() >= HANDED_ON_MAX) {
      handedOn.clear();
    }
    handedOn.put(reader.id(), now);
    try {
      tasks.enqueue(new FanoutTask.MemberActive(reader.id()));
    } catch (RuntimeException e) {
      handedOn.remove(reader.id(), now);
      LOG.warn(
          "Could not hand on member {}'s activity; a later read will: {}",
          reader.id(),
          e.toString());
    }
  }
}
