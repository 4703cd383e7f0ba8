package app.podium.graph;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code ownerId} blocks or mutes {@code targetId}. {@code id} orders them in time, for paging the
 * lists; a mute may hide notifications too and may end at {@code expiresAt}. A block never expires.
 */
public record BlockOrMute(
    Kind kind,
    String id,
    String ownerId,
    String targetId,
    Instant createdAt,
    boolean hidesNotifications,
    Optional<Instant> expiresAt) {

  public enum Kind {
    BLOCK,
    MUTE
  }

  public static BlockOrMute block(String id, String ownerId, String targetId, Instant at) {
    return new BlockOrMute(Kind.BLOCK, id, ownerId, targetId, at, false, Optional.empty());
  }

  public static BlockOrMute mute(
      String id,
      String ownerId,
      String targetId,
      Instant at,
      boolean notifications,
      Optional<Instant> expiresAt) {
    return new BlockOrMute(Kind.MUTE, id, ownerId, targetId, at, notifications, expiresAt);
  }

  /** False once a timed mute has run out (its item may linger until TTL deletes it). */
  public boolean activeAt(Instant now) {
    return expiresAt.map(now::isBefore).orElse(true);
  }

  /** The targets that {@code ownerId}'s active blocks and mutes hide from them. */
  public static Set<String> hiddenFrom(String ownerId, Collection<BlockOrMute> items, Instant now) {
    return select(items, now, b -> b.ownerId().equals(ownerId), BlockOrMute::targetId);
  }

  /**
   * The members who, by an active block or mute, keep {@code authorId}'s statuses off their
   * timelines.
   */
  public static Set<String> hidingFrom(
      String authorId, Collection<BlockOrMute> items, Instant now) {
    return select(items, now, b -> b.targetId().equals(authorId), BlockOrMute::ownerId);
  }

  private static Set<String> select(
      Collection<BlockOrMute> items,
      Instant now,
      java.util.function.Predicate<BlockOrMute> side,
      Function<BlockOrMute, String> pick) {
    return items.stream()
        .filter(side)
        .filter(b -> b.activeAt(now))
        .map(pick)
        .collect(Collectors.toSet());
  }
}
