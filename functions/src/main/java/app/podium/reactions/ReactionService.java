package app.podium.reactions;

import app.podium.accounts.Account;
import app.podium.accounts.AccountStore;
import app.podium.graph.BlockMuteStore;
import app.podium.graph.BlockOrMute;
import app.podium.shared.DomainException;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import app.podium.shared.PageRequest;
import app.podium.shared.RateLimiter;
import app.podium.shared.Settings;
import app.podium.shared.StatusId;
import app.podium.shared.Visibility;
import app.podium.statuses.AuthoredStatus;
import app.podium.statuses.Interactions;
import app.podium.statuses.ReaderInteractions;
import app.podium.statuses.Status;
import app.podium.statuses.StatusCounts;
import app.podium.statuses.StatusHydrator;
import app.podium.statuses.StatusService;
import app.podium.statuses.StatusStore;
import app.podium.statuses.StatusTasks;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Favourites and reblogs, as Mastodon has them: each idempotent (a second favourite or reblog
 * changes nothing and answers the same), each counted exactly in the same transaction that stores
 * it, each allowed only on a status the member may see (404 otherwise). Favouriting or reblogging a
 * reblog acts on the status it reblogs. Also the one place that reads what a reader did to the
 * statuses they are shown ({@link #interactions}).
 */
public final class ReactionService implements StatusService.Reblogs, ReaderInteractions {
  private final StatusStore statuses;
  private final AccountStore accounts;
  private final BlockMuteStore blocks;
  private final ReactionStore reactions;
  private final StatusHydrator hydrator;
  private final FanoutTasks fanout;
  private final RateLimiter rateLimiter;
  private final Settings settings;
  private final Ids ids;
  private final Clock clock;

  public ReactionService(
      StatusStore statuses,
      AccountStore accounts,
      BlockMuteStore blocks,
      ReactionStore reactions,
      StatusHydrator hydrator,
      FanoutTasks fanout,
      RateLimiter rateLimiter,
      Settings settings,
      Ids ids,
      Clock clock) {
    this.statuses = statuses;
    this.accounts = accounts;
    this.blocks = blocks;
    this.reactions = reactions;
    this.hydrator = hydrator;
    this.fanout = fanout;
    this.rateLimiter = rateLimiter;
    this.settings = settings;
    this.ids = ids;
    this.clock = clock;
  }

  /** A status as the member who acted on it is answered: with what they did to it. */
  public record Shown(AuthoredStatus status, Interactions reader) {}

  /**
   * One page of who favourited or reblogged a status: the reactions page the list, the accounts are
   * shown.
   */
  public record Reactors(List<Reaction> reactions, List<Account> accounts) {}

  /**
   * One page of a member's favourites: the favourites page the list, the statuses still shown are
   * answered.
   */
  public record Favourites(List<Reaction> favourites, List<AuthoredStatus> statuses) {}

  /**
   * What the reader did to the statuses shown to them (a reblog's state is its original's): one
   * batch read of their reaction keys. Nothing for an anonymous reader.
   */
  @Override
  public Interactions ofIds(String readerId, Collection<String> statusIds) {
    return statusIds.isEmpty() ? Interactions.NONE : reactions.interactions(readerId, statusIds);
  }

  public Shown favourite(Account member, StatusId statusId) {
    AuthoredStatus target = target(member, statusId);
    requireNoBlock(member, target.author());
    Status status = target.status();
    boolean created =
        reactions.favourite(
            Reaction.favourite(ids.next(), member.id(), status.id(), clock.instant()), status);
    // published on a repeat too: if publishing failed after the favourite was stored, the client's
    // retry still
    // notifies the author; the notification's receipt per (author, status, member) keeps it from
    // counting twice
    fanout.publish(StatusTasks.favourited(member.id(), status));
    return answer(member, created ? counted(target, 0, 1) : target, Reaction.Kind.FAVOURITE, true);
  }

  public Shown unfavourite(Account member, StatusId statusId) {
    AuthoredStatus target = target(member, statusId);
    boolean removed = reactions.unfavourite(member.id(), target.status());
    return answer(
        member, removed ? counted(target, 0, -1) : target, Reaction.Kind.FAVOURITE, false);
  }

  /**
   * Reblogs a status: a status of the member's own, empty, with the original in {@code reblog}, as
   * public as asked (public by default; a private status, which only its author may reblog, stays
   * private). Its fan-out is published before it is stored, as for any status; the answer is the
   * reblog. A reblog is a status, so it counts against the member's {@code statuses} limit as in
   * Mastodon; unlike Mastodon, a repeat counts too (every attempt with a well-formed id and
   * visibility), so that a refused attempt costs no read.
   */
  public Shown reblog(Account member, StatusId statusId, String visibility) {
    Optional<Visibility> asked = askedVisibility(member, statusId, visibility);
    rateLimiter.check(settings.limits().statuses(), member.id());
    AuthoredStatus target = target(member, statusId);
    requireNoBlock(member, target.author());
    Status original = target.status();
    if (original.visibility() == Visibility.PRIVATE && !original.authorId().equals(member.id())) {
      throw new DomainException.Forbidden("This action is not allowed");
    }
    Visibility chosen =
        original.visibility() == Visibility.PRIVATE ? Visibility.PRIVATE : asked.orElseThrow();
    Optional<Shown> earlier = existingReblog(member, target);
    if (earlier.isPresent()) {
      // as for a favourite: a retry after a failed publish still notifies, and the receipt keeps it
      // counted once
      fanout.publish(StatusTasks.reblogged(member.id(), original));
      return earlier.get();
    }
    Instant now = clock.instant();
    Status reblog =
        Status.builder()
            .id(ids.next())
            .authorId(member.id())
            .visibility(chosen)
            .language(original.language())
            .createdAt(now)
            .reblogOfId(Optional.of(original.id()))
            .build();
    fanout.publish(StatusTasks.postCreated(reblog));
    if (!reactions.reblog(original, reblog, now.plus(settings.fanout().entryLifetime()))) {
      // a concurrent request of the member reblogged it first: answer with that reblog
      return existingReblog(member, target)
          .orElseThrow(
              () ->
                  new DomainException.Conflict(
                      "A concurrent change got there first; please retry"));
    }
    fanout.publish(StatusTasks.reblogged(member.id(), original));
    AuthoredStatus shown =
        new AuthoredStatus(
            reblog, member.withStatusPosted(now), Optional.of(counted(target, 1, 0)));
    return answer(member, shown, Reaction.Kind.REBLOG, true);
  }

  /**
   * The visibility a reblog asks for, checked before the reblog counts (a 422 counts nothing). A
   * private status's reblog stays private whatever is asked, as in Mastodon, so a value that is no
   * visibility is refused only when the status is not private: that rare case alone reads the
   * status before counting. Empty for a private status.
   */
  private Optional<Visibility> askedVisibility(
      Account member, StatusId statusId, String visibility) {
    try {
      return Optional.of(Visibility.parse(visibility));
    } catch (DomainException.Invalid invalid) {
      if (target(member, statusId).status().visibility() != Visibility.PRIVATE) {
        throw invalid;
      }
      return Optional.empty();
    }
  }

  /**
   * Undoes a reblog whose status is being deleted: its reaction and its count on the original, in
   * one transaction.
   */
  @Override
  public boolean undo(Status reblog, Optional<Status> original) {
    return reactions.unreblog(Reaction.reblog(reblog), original);
  }

  /**
   * Undoes the member's reblog of a status; the reblog leaves their followers' timelines. Answers
   * the original.
   */
  public Shown unreblog(Account member, StatusId statusId) {
    AuthoredStatus target = target(member, statusId);
    Optional<Reaction> reblog =
        reactions.find(member.id(), Reaction.Kind.REBLOG, target.status().id());
    boolean removed = false;
    if (reblog.isPresent()) {
      Optional<Status> reblogStatus =
          statuses.find(reblog.get().reblogId().orElse(reblog.get().id()));
      removed = reactions.unreblog(reblog.get(), Optional.of(target.status()));
      if (removed) {
        reblogStatus.ifPresent(status -> fanout.publish(StatusTasks.postDeleted(status)));
      }
    }
    return answer(member, removed ? counted(target, -1, 0) : target, Reaction.Kind.REBLOG, false);
  }

  /**
   * Who favourited or reblogged a status the viewer may see, newest first; suspended accounts left
   * out.
   */
  public Reactors reactors(
      Optional<Account> viewer, StatusId statusId, Reaction.Kind kind, PageRequest page) {
    Status status = statuses.find(statusId.value()).orElseThrow(StatusService::notFound);
    if (hydrator.visible(viewer, List.of(status)).isEmpty()) {
      throw StatusService.notFound();
    }
    List<Reaction> found = reactions.byStatus(kind, status, page);
    Map<String, Account> byId = new HashMap<>();
    accounts
        .findAll(found.stream().map(Reaction::accountId).toList())
        .forEach(a -> byId.put(a.id(), a));
    List<Account> shown =
        found.stream()
            .map(r -> byId.get(r.accountId()))
            .filter(a -> a != null && !a.suspended())
            .toList();
    return new Reactors(found, shown);
  }

  /**
   * The member's favourites, newest favourite first; statuses they may no longer see, or gone, left
   * out.
   */
  public Favourites favourites(Account member, PageRequest page) {
    List<Reaction> found = reactions.favouritesOf(member.id(), page);
    Map<String, Status> byId = new HashMap<>();
    statuses
        .findAll(found.stream().map(Reaction::statusId).toList())
        .forEach(s -> byId.put(s.id(), s));
    List<Status> inOrder =
        found.stream().map(f -> byId.get(f.statusId())).filter(Objects::nonNull).toList();
    return new Favourites(found, hydrator.visible(Optional.of(member), inOrder));
  }

  /** The status acted on (a reblog's original), if the member may see it. */
  private AuthoredStatus target(Account member, StatusId statusId) {
    Status status = statuses.find(statusId.value()).orElseThrow(StatusService::notFound);
    if (status.isReblog()) {
      status = statuses.find(status.reblogOfId().get()).orElseThrow(StatusService::notFound);
    }
    return hydrator.visible(Optional.of(member), List.of(status)).stream()
        .findFirst()
        .orElseThrow(StatusService::notFound);
  }

  /**
   * As Mastodon ({@code StatusPolicy#favourite?}, {@code #reblog?}): a member may not favourite or
   * reblog the statuses of an account they block (403). A status whose author blocks the member
   * never gets here: {@link #target} does not find it for them (404).
   */
  private void requireNoBlock(Account member, Account author) {
    if (member.id().equals(author.id())) {
      return;
    }
    for (BlockOrMute block : blocks.between(member.id(), List.of(author.id()))) {
      if (block.kind() == BlockOrMute.Kind.BLOCK && block.ownerId().equals(member.id())) {
        throw new DomainException.Forbidden("This action is not allowed");
      }
    }
  }

  private Optional<Shown> existingReblog(Account member, AuthoredStatus original) {
    return reactions
        .find(member.id(), Reaction.Kind.REBLOG, original.status().id())
        .flatMap(reaction -> statuses.find(reaction.reblogId().orElse(reaction.id())))
        .map(
            reblog ->
                answer(
                    member,
                    new AuthoredStatus(reblog, member, Optional.of(original)),
                    Reaction.Kind.REBLOG,
                    true));
  }

  /**
   * The answer: what the member did to it read with one batch read, and what they just did known.
   */
  private Shown answer(Account member, AuthoredStatus shown, Reaction.Kind kind, boolean done) {
    String acted = shown.reblog().map(o -> o.status().id()).orElse(shown.status().id());
    Interactions read = interactions(Optional.of(member.id()), List.of(shown));
    return new Shown(
        shown,
        kind == Reaction.Kind.FAVOURITE
            ? read.withFavourite(acted, done)
            : read.withReblog(acted, done));
  }

  /** The status with the change just made to its counts (read before it): no read back. */
  private static AuthoredStatus counted(AuthoredStatus shown, long reblogs, long favourites) {
    Status status = shown.status();
    StatusCounts counts = status.counts().plus(new StatusCounts(0, reblogs, favourites));
    return new AuthoredStatus(
        status.withCounts(
            new StatusCounts(
                counts.replies(), Math.max(0, counts.reblogs()), Math.max(0, counts.favourites()))),
        shown.author(),
        shown.reblog());
  }
}
