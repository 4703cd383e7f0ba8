package app.podium.domain;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Statuses as a reader is shown them: each with its author, and a reblog with the status it reblogs and that
 * status's author; left out is whatever the reader may not see (a suspended author's statuses, private ones of
 * accounts the reader does not follow) and a reblog whose original they may not see, is gone, or is by an author
 * the reader hides. A page costs at most one batch read of the originals of its reblogs, one of the authors and
 * one of the reader's follows of private authors, whatever its size.
 */
public final class StatusHydrator {
  private final StatusStore statuses;
  private final AccountStore accounts;
  private final FollowStore follows;

  public StatusHydrator(StatusStore statuses, AccountStore accounts, FollowStore follows) {
    this.statuses = statuses;
    this.accounts = accounts;
    this.follows = follows;
  }

  /** As below, with nothing read before and no author hidden. */
  public List<AuthoredStatus> visible(Optional<Account> reader, List<Status> page) {
    return visible(reader, page, new java.util.HashMap<>(), new java.util.HashMap<>(), Set.of());
  }

  /**
   * The statuses of {@code page} the reader may see, in the same order.
   *
   * @param loaded statuses already read (a large account's cached ones): not read again; the originals read
   *     here are added to it
   * @param authors accounts already read: not read again; the authors read here are added to it
   * @param hiddenAuthors authors the reader blocks or mutes: reblogs of their statuses are left out too
   */
  public List<AuthoredStatus> visible(Optional<Account> reader, List<Status> page, Map<String, Status> loaded,
      Map<String, Account> authors, Set<String> hiddenAuthors) {
    List<String> missing = page.stream().map(Status::reblogOfId).flatMap(Optional::stream)
        .filter(id -> !loaded.containsKey(id)).distinct().toList();
    statuses.findAll(missing).forEach(original -> loaded.put(original.id(), original));
    List<Status> originals = page.stream().map(Status::reblogOfId).flatMap(Optional::stream).map(loaded::get)
        .filter(Objects::nonNull).toList();
    Set<String> unread = Stream.concat(page.stream(), originals.stream()).map(Status::authorId)
        .filter(id -> !authors.containsKey(id)).collect(Collectors.toSet());
    accounts.findAll(unread).forEach(author -> authors.put(author.id(), author));
    Set<String> privateAuthors = Stream.concat(page.stream(), originals.stream())
        .filter(s -> s.visibility() == Visibility.PRIVATE && !isReader(reader, s.authorId()))
        .map(Status::authorId).collect(Collectors.toSet());
    Set<String> followed = reader.isEmpty() || privateAuthors.isEmpty() ? Set.of()
        : new HashSet<>(follows.followedBy(reader.get().id(), privateAuthors));

    List<AuthoredStatus> result = new ArrayList<>();
    for (Status status : page) {
      Optional<AuthoredStatus> shown = shown(reader, status, authors, followed);
      if (shown.isEmpty()) {
        continue;
      }
      if (status.reblogOfId().isEmpty()) {
        result.add(shown.get());
        continue;
      }
      Optional<AuthoredStatus> original = Optional.ofNullable(loaded.get(status.reblogOfId().get()))
          .filter(o -> !o.isReblog() && !hiddenAuthors.contains(o.authorId()))
          .flatMap(o -> shown(reader, o, authors, followed));
      original.ifPresent(o -> result.add(new AuthoredStatus(status, shown.get().author(), Optional.of(o))));
    }
    return result;
  }

  private static Optional<AuthoredStatus> shown(Optional<Account> reader, Status status, Map<String, Account> authors,
      Set<String> followed) {
    Account author = authors.get(status.authorId());
    // a suspended author's statuses stay stored and show again when the suspension is lifted
    if (author == null || author.suspended()) {
      return Optional.empty();
    }
    if (status.visibility() == Visibility.PRIVATE && !isReader(reader, author.id())
        && !followed.contains(author.id())) {
      return Optional.empty();
    }
    return Optional.of(new AuthoredStatus(status, author));
  }

  private static boolean isReader(Optional<Account> reader, String accountId) {
    return reader.map(r -> r.id().equals(accountId)).orElse(false);
  }
}
