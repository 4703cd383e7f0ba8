package app.podium.statuses;

import app.podium.shared.Visibility;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A post. {@code text} is what the author typed; clients receive it as escaped HTML with its
 * mentions and tags linked. A reblog is a status of its own, by the reblogger, with {@code
 * reblogOfId} set and no text.
 *
 * @param mentions the members the text names, in order of first appearance
 * @param tags the hashtags of the text, case-folded, in order of first appearance
 * @param counterShards how many keys the status's reply, reblog and favourite counts are spread
 *     over: 1 (the counts live on the status's own item) for most statuses, more for a large
 *     account's, whose counts a burst of favourites would make a hot key
 */
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
    Instant createdAt,
    Optional<String> reblogOfId,
    List<Mention> mentions,
    List<String> tags,
    StatusCounts counts,
    int counterShards) {

  public Status {
    mentions = List.copyOf(mentions);
    tags = List.copyOf(tags);
  }

  /**
   * A status as its author writes it: no reblog, nobody mentioned, no tags, nothing counted yet.
   */
  public static Status plain(
      String id, String authorId, String text, Visibility visibility, Instant createdAt) {
    return new Status(
        id,
        authorId,
        text,
        "",
        false,
        visibility,
        Optional.empty(),
        Optional.empty(),
        "en",
        createdAt,
        Optional.empty(),
        List.of(),
        List.of(),
        StatusCounts.NONE,
        1);
  }

  public long numericId() {
    return Long.parseLong(id);
  }

  public boolean isReblog() {
    return reblogOfId.isPresent();
  }

  /**
   * Whether the status speaks to the member: it mentions them or answers one of their statuses, the
   * two ways a member is notified of a status as a mention. Such a member may read it even when it
   * is private, as Mastodon lets a mentioned member ({@code StatusPolicy#mention_exists?}).
   */
  public boolean addresses(String accountId) {
    return inReplyToAccountId.filter(accountId::equals).isPresent()
        || mentions.stream().anyMatch(mention -> mention.accountId().equals(accountId));
  }

  /** The status with other counts (its counter shards summed in, say). */
  public Status withCounts(StatusCounts newCounts) {
    return new Status(
        id,
        authorId,
        text,
        spoilerText,
        sensitive,
        visibility,
        inReplyToId,
        inReplyToAccountId,
        language,
        createdAt,
        reblogOfId,
        mentions,
        tags,
        newCounts,
        counterShards);
  }
}
