package app.podium.reactions;

import app.podium.shared.PageRequest;
import app.podium.statuses.Interactions;
import app.podium.statuses.Status;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Favourites and reblogs, each stored with the count it changes in one transaction, so counts stay
 * exact however many members react at once, and reacting twice changes nothing.
 */
public interface ReactionStore {
  /**
   * Stores the favourite and counts it on the status; false if the member had already favourited
   * it.
   */
  boolean favourite(Reaction favourite, Status status);

  /** Removes the member's favourite and uncounts it; false if there was none. */
  boolean unfavourite(String accountId, Status status);

  /**
   * Stores the reblog reaction and the reblog status, counts the reblog on the original and the
   * status on the reblogger's account, and puts the reblog on the reblogger's own timeline, all or
   * nothing. False if the member had already reblogged the original: nothing changes then.
   */
  boolean reblog(Status original, Status reblog, Instant ownEntryExpiresAt);

  /**
   * Removes a reblog: its reaction, its status, its count on the reblogger's account and its entry
   * on their own timeline, and (unless {@code original} is gone) its count on the original. False
   * if it was already removed.
   */
  boolean unreblog(Reaction reblog, Optional<Status> original);

  /** The member's reaction of that kind to the status, read consistently. */
  Optional<Reaction> find(String accountId, Reaction.Kind kind, String statusId);

  /** What the member did to each of the statuses: one batch read of their reaction keys. */
  Interactions interactions(String accountId, Collection<String> statusIds);

  /**
   * Who reacted that way to the status, in the page's window of reaction ids (all shards merged).
   */
  List<Reaction> byStatus(Reaction.Kind kind, Status status, PageRequest page);

  /**
   * One shard of the status's reactions of that kind, newest first, older than {@code
   * page.maxId()}.
   */
  List<Reaction> byStatusShard(Reaction.Kind kind, String statusId, int shard, PageRequest page);

  /** A member's favourites in the page's window of favourite ids. */
  List<Reaction> favouritesOf(String accountId, PageRequest page);
}
