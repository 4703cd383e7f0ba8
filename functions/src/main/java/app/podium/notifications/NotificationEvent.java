package app.podium.notifications;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One thing that happened to a member: {@code actorId} mentioned them in, favourited or reblogged
 * {@code statusId}, or followed them. {@code id} is time-ordered and derived from the event's
 * message, not minted on arrival, so a redelivered event carries the same id.
 *
 * @param othersNamed for a mention, the other members the status names (mentions, or answers): a
 *     member who blocks or mutes one of them is not notified of it
 */
public record NotificationEvent(
    String recipientId,
    NotificationType type,
    String actorId,
    Optional<String> statusId,
    long id,
    List<String> othersNamed) {

  public NotificationEvent {
    othersNamed = List.copyOf(othersNamed);
  }

  /** An event whose status names nobody else (or that has no status). */
  public NotificationEvent(
      String recipientId,
      NotificationType type,
      String actorId,
      Optional<String> statusId,
      long id) {
    this(recipientId, type, actorId, statusId, id, List.of());
  }

  /** Hours since the epoch: follows within one hour share a group, as Mastodon groups them. */
  static final long FOLLOW_GROUP_MILLIS = 3_600_000L;

  /** When it happened: the millisecond part of its id. */
  public Instant at() {
    return Instant.ofEpochMilli(id >>> 16);
  }

  /**
   * The stored group it joins: {@code favourite-<status>}, {@code follow-<hour>}, {@code
   * mention-<status>}.
   */
  public String groupKey() {
    return switch (type) {
      case FOLLOW -> "follow-" + (at().toEpochMilli() / FOLLOW_GROUP_MILLIS);
      case MENTION, FAVOURITE, REBLOG -> type.text() + "-" + statusId.orElseThrow();
    };
  }

  /**
   * A time-ordered id for an event that carries none of its own: the millisecond the message was
   * sent, and in the low 16 bits a hash of what the event is, so the same message always gives the
   * same id.
   */
  public static long idOf(Instant sentAt, String what) {
    return (sentAt.toEpochMilli() << 16) | (what.hashCode() & 0xFFFFL);
  }
}
