package app.podium.domain;

import java.time.Instant;
import java.util.Optional;

/** A post. {@code text} is what the author typed; clients receive it as escaped HTML. */
public record Status(
    String id,
    String authorId,
    String text,
    String spoilerText,
    boolean sensitive,
    Visibility visibility,
    Optional<String> inReplyToId,
    Optional<String> inReplyToAccountId,
    String language,
    Instant createdAt) {

  public long numericId() {
    return Long.parseLong(id);
  }
}
