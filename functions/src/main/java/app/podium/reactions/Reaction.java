package app.podium.reactions;

import app.podium.statuses.Status;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A member's favourite or reblog of a status. {@code id} orders reactions in time and pages the
 * lists of who favourited or reblogged a status and of a member's favourites; a reblog's id is the
 * id of the reblog status it made ({@code reblogId}).
 */
public record Reaction(
    String id,
    String accountId,
    Kind kind,
    String statusId,
    Optional<String> reblogId,
    Instant createdAt) {

  public enum Kind {
    FAVOURITE,
    REBLOG;

    public String text() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public static Reaction favourite(String id, String accountId, String statusId, Instant at) {
    return new Reaction(id, accountId, Kind.FAVOURITE, statusId, Optional.empty(), at);
  }

  /** The reaction of a reblog: same id as the reblog status. */
  public static Reaction reblog(Status reblog) {
    return new Reaction(
        reblog.id(),
        reblog.authorId(),
        Kind.REBLOG,
        reblog.reblogOfId().orElseThrow(),
        Optional.of(reblog.id()),
        reblog.createdAt());
  }
}
