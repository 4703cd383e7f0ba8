package app.podium.moderation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A member's report of another account, as Mastodon keeps one: optional statuses of that account, a
 * comment and a category. An admin resolves it ({@code actionTakenAt}, {@code actionTakenBy}).
 */
public record Report(
    String id,
    String reporterId,
    String targetAccountId,
    List<String> statusIds,
    String comment,
    Category category,
    Instant createdAt,
    Optional<Instant> actionTakenAt,
    Optional<String> actionTakenBy) {

  public Report {
    statusIds = List.copyOf(statusIds);
  }

  public enum Category {
    SPAM,
    LEGAL,
    VIOLATION,
    OTHER;

    public String apiName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public boolean resolved() {
    return actionTakenAt.isPresent();
  }
}
