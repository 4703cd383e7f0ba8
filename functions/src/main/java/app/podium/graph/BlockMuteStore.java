package app.podium.graph;

import app.podium.shared.PageRequest;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/** Where blocks and mutes live. */
public interface BlockMuteStore {
  /**
   * Records the block, with its mirror keyed by the blocked member ({@link #blockersOf}) in the
   * same transaction; false if it already existed (nothing changes).
   */
  boolean block(BlockOrMute block);

  /**
   * Records the mute, or updates the options of an existing one (notifications, expiry) keeping its
   * id, as Mastodon does when an account is muted again.
   */
  void mute(BlockOrMute mute);

  /** Removes the block (with its mirror) or the mute; false if there was none. */
  boolean remove(BlockOrMute.Kind kind, String ownerId, String targetId);

  /**
   * Every block or mute between {@code viewerId} and each of {@code otherIds} that a relationship
   * shows: the viewer's blocks and mutes of them, and their blocks of the viewer. Expired mutes
   * too: callers check.
   */
  List<BlockOrMute> between(String viewerId, Collection<String> otherIds);

  /**
   * Which of {@code accountIds} block {@code memberId}: one batch read of keys of the member's own,
   * so that every reader asking about the same large author does not land on that author's keys.
   */
  Set<String> blockersOf(String memberId, Collection<String> accountIds);

  /**
   * Every account that blocks {@code memberId}, when they are few enough for one small read of the
   * member's own keys; empty when there are more (ask {@link #blockersOf} about the accounts that
   * matter). Needs no list of accounts, so a page's read can start it beside its first reads.
   */
  java.util.Optional<Set<String>> allBlockersOf(String memberId);

  /** Every block and mute the member holds (the home timeline's filter). */
  List<BlockOrMute> heldBy(String ownerId);

  /**
   * {@link #heldBy} and {@link #allBlockersOf} of one member, in one read when both are few (most
   * members): the home read's two filters, which it needs before anything else.
   */
  MemberBlocks ofMember(String memberId);

  /**
   * A member's blocks and mutes, and the accounts that block them (empty when too many to list: ask
   * {@link #blockersOf}).
   */
  record MemberBlocks(List<BlockOrMute> held, java.util.Optional<Set<String>> blockers) {}

  /** Every block and mute of the account by others (the fan-out's filter). */
  List<BlockOrMute> targeting(String targetId);

  /** The member's blocks or mutes, newest first, in the page's window of ids. */
  List<BlockOrMute> page(BlockOrMute.Kind kind, String ownerId, PageRequest page);
}
