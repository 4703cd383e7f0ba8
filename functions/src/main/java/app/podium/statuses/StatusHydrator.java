package app.podium.statuses;

import static app.podium.shared.Reads.join;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.FollowStore;
import app.podium.shared.Visibility;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Statuses as a reader is shown them, each with its author, and a reblog with the status it reblogs
 * and that status's author. The one place that decides who may see a status, as Mastodon's {@code
 * StatusPolicy#show?}:
 *
 * <ul>
 *   <li>nobody sees a suspended author's statuses;
 *   <li>a member the author blocks sees none of the author's statuses (Mastodon checks the block on
 *       public and unlisted statuses only, and lets a member mentioned before the block go on
 *       reading a private one; here the block wins);
 *   <li>a private status is for its author, their followers and the members it addresses (mentions,
 *       or answers), who are the members notified of it;
 *   <li>public and unlisted statuses are for everyone else, with or without a token.
 * </ul>
 *
 * A reblog is left out when the reader may not see the status it reblogs, or that status is gone
 * (what belongs on a home timeline, reblogs of hidden authors left out, is {@code
 * HomeFeedPolicy}'s). A page costs at most one batch read of each, whatever its size: the originals
 * of its reblogs, then side by side the authors, the authors' blocks of the reader (keys of the
 * reader's own, see {@link BlockMuteStore#blockersOf}) and the reader's follows of the authors of
 * private statuses not addressed to them.
 */
public final class StatusHydrator {
  private static final ExecutorService PARALLEL = Executors.newVirtualThreadPerTaskExecutor();

  private final StatusStore statuses;
  private final AccountStore accounts;
  private final FollowStore follows;
  private final BlockMuteStore blocks;

  public StatusHydrator(
      StatusStore statuses, AccountStore accounts, FollowStore follows, BlockMuteStore blocks) {
    this.statuses = statuses;
    this.accounts = accounts;
    this.follows = follows;
    this.blocks = blocks;
  }

  /** As below, with nothing read before. */
  public List<AuthoredStatus> visible(Optional<Account> reader, List<Status> page) {
    return visible(reader, page, new HashMap<>(), new HashMap<>());
  }

  /**
   * The statuses of {@code page} the reader may see, in the same order.
   *
   * @param loaded statuses already read (a large account's cached ones): not read again; the
   *     originals read here are added to it
   * @param authors accounts already read: not read again; the authors read here are added to it
   */
  public List<AuthoredStatus> visible(
      Optional<Account> reader,
      List<Status> page,
      Map<String, Status> loaded,
      Map<String, Account> authors) {
    return decide(reader.map(Account::id), page, loaded, authors, Optional.empty());
  }

  /**
   * As above, with the accounts that block the reader already read ({@link
   * BlockMuteStore#allBlockersOf}, beside a page's first reads): when known, not asked again.
   */
  public List<AuthoredStatus> visible(
      String readerId,
      List<Status> page,
      Map<String, Status> loaded,
      Map<String, Account> authors,
      Optional<Set<String>> blockersOfReader) {
    return decide(Optional.of(readerId), page, loaded, authors, blockersOfReader);
  }

  /** As {@link #visible}, for a member known by id (a notification knows only whose it is). */
  public List<AuthoredStatus> visibleToMember(
      String memberId, List<Status> page, Map<String, Account> authors) {
    return decide(Optional.of(memberId), page, new HashMap<>(), authors, Optional.empty());
  }

  private List<AuthoredStatus> decide(
      Optional<String> readerId,
      List<Status> page,
      Map<String, Status> loaded,
      Map<String, Account> authors,
      Optional<Set<String>> blockersOfReader) {
    List<String> missing =
        page.stream()
            .map(Status::reblogOfId)
            .flatMap(Optional::stream)
            .filter(id -> !loaded.containsKey(id))
            .distinct()
            .toList();
    statuses.findAll(missing).forEach(original -> loaded.put(original.id(), original));
    List<Status> originals =
        page.stream()
            .map(Status::reblogOfId)
            .flatMap(Optional::stream)
            .map(loaded::get)
            .filter(Objects::nonNull)
            .toList();
    List<Status> all = Stream.concat(page.stream(), originals.stream()).toList();

    Set<String> others =
        all.stream()
            .map(Status::authorId)
            .filter(id -> !isReader(readerId, id))
            .collect(Collectors.toSet());
    Set<String> privateAuthors =
        all.stream()
            .filter(s -> needsFollow(readerId, s))
            .map(Status::authorId)
            .collect(Collectors.toSet());
    CompletableFuture<Set<String>> blockers =
        readerId.isEmpty() || others.isEmpty()
            ? done()
            : blockersOfReader.isPresent()
                ? CompletableFuture.completedFuture(blockersOfReader.get())
                : async(() -> blocks.blockersOf(readerId.get(), others));
    CompletableFuture<Set<String>> followed =
        readerId.isEmpty() || privateAuthors.isEmpty()
            ? done()
            : async(() -> new HashSet<>(follows.followedBy(readerId.get(), privateAuthors)));
    Set<String> unread =
        all.stream()
            .map(Status::authorId)
            .filter(id -> !authors.containsKey(id))
            .collect(Collectors.toSet());
    accounts.findAll(unread).forEach(author -> authors.put(author.id(), author));
    Access access = new Access(readerId, authors, join(followed), join(blockers));

    List<AuthoredStatus> result = new ArrayList<>();
    for (Status status : page) {
      Optional<AuthoredStatus> shown = access.shown(status);
      if (shown.isEmpty()) {
        continue;
      }
      if (status.reblogOfId().isEmpty()) {
        result.add(shown.get());
        continue;
      }
      Optional<AuthoredStatus> original =
          Optional.ofNullable(loaded.get(status.reblogOfId().get()))
              .filter(o -> !o.isReblog())
              .flatMap(access::shown);
      original.ifPresent(
          o -> result.add(new AuthoredStatus(status, shown.get().author(), Optional.of(o))));
    }
    return result;
  }

  /**
   * What one page's reads tell about its reader: whom they follow among private authors, who blocks
   * them.
   */
  private record Access(
      Optional<String> readerId,
      Map<String, Account> authors,
      Set<String> followed,
      Set<String> blockers) {

    Optional<AuthoredStatus> shown(Status status) {
      Account author = authors.get(status.authorId());
      // a suspended author's statuses stay stored and show again when the suspension is lifted
      if (author == null || author.suspended()) {
        return Optional.empty();
      }
      return mayRead(status, author)
          ? Optional.of(new AuthoredStatus(status, author))
          : Optional.empty();
    }

    private boolean mayRead(Status status, Account author) {
      if (readerId.isEmpty()) {
        return status.visibility() != Visibility.PRIVATE;
      }
      String reader = readerId.get();
      if (reader.equals(author.id())) {
        return true;
      }
      if (blockers.contains(author.id())) {
        return false;
      }
      return status.visibility() != Visibility.PRIVATE
          || followed.contains(author.id())
          || status.addresses(reader);
    }
  }

  /**
   * Whether only a follow would let the reader see the status: private, neither theirs nor
   * addressed to them.
   */
  private static boolean needsFollow(Optional<String> readerId, Status status) {
    return readerId.isPresent()
        && status.visibility() == Visibility.PRIVATE
        && !status.authorId().equals(readerId.get())
        && !status.addresses(readerId.get());
  }

  private static boolean isReader(Optional<String> readerId, String accountId) {
    return readerId.map(accountId::equals).orElse(false);
  }

  private static CompletableFuture<Set<String>> done() {
    return CompletableFuture.completedFuture(Set.of());
  }

  private static <T> CompletableFuture<T> async(Supplier<T> read) {
    return CompletableFuture.supplyAsync(read, PARALLEL);
  }
}
