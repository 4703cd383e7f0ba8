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
    return builder()
        .id(id)
        .authorId(authorId)
        .text(text)
        .visibility(visibility)
        .createdAt(createdAt)
        .build();
  }

  /** A status named field by field; see {@link Builder} for the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this status's fields, to change some of them. */
  public Builder toBuilder() {
    var b = new Builder();
    b.id = id;
    b.authorId = authorId;
    b.text = text;
    b.spoilerText = spoilerText;
    b.sensitive = sensitive;
    b.visibility = visibility;
    b.inReplyToId = inReplyToId;
    b.inReplyToAccountId = inReplyToAccountId;
    b.language = language;
    b.createdAt = createdAt;
    b.reblogOfId = reblogOfId;
    b.mentions = mentions;
    b.tags = tags;
    b.counts = counts;
    b.counterShards = counterShards;
    return b;
  }

  /** Names each field of a {@link Status}; a field not set keeps the default shown. */
  public static final class Builder {
    private String id;
    private String authorId;
    private String text = "";
    private String spoilerText = "";
    private boolean sensitive;
    private Visibility visibility = Visibility.PUBLIC;
    private Optional<String> inReplyToId = Optional.empty();
    private Optional<String> inReplyToAccountId = Optional.empty();
    private String language = "en";
    private Instant createdAt;
    private Optional<String> reblogOfId = Optional.empty();
    private List<Mention> mentions = List.of();
    private List<String> tags = List.of();
    private StatusCounts counts = StatusCounts.NONE;
    private int counterShards = 1;

    private Builder() {}

    public Builder id(String id) {
      this.id = id;
      return this;
    }

    public Builder authorId(String authorId) {
      this.authorId = authorId;
      return this;
    }

    public Builder text(String text) {
      this.text = text;
      return this;
    }

    public Builder spoilerText(String spoilerText) {
      this.spoilerText = spoilerText;
      return this;
    }

    public Builder sensitive(boolean sensitive) {
      this.sensitive = sensitive;
      return this;
    }

    public Builder visibility(Visibility visibility) {
      this.visibility = visibility;
      return this;
    }

    public Builder inReplyToId(Optional<String> inReplyToId) {
      this.inReplyToId = inReplyToId;
      return this;
    }

    public Builder inReplyToAccountId(Optional<String> inReplyToAccountId) {
      this.inReplyToAccountId = inReplyToAccountId;
      return this;
    }

    public Builder language(String language) {
      this.language = language;
      return this;
    }

    public Builder createdAt(Instant createdAt) {
      this.createdAt = createdAt;
      return this;
    }

    public Builder reblogOfId(Optional<String> reblogOfId) {
      this.reblogOfId = reblogOfId;
      return this;
    }

    public Builder mentions(List<Mention> mentions) {
      this.mentions = mentions;
      return this;
    }

    public Builder tags(List<String> tags) {
      this.tags = tags;
      return this;
    }

    public Builder counts(StatusCounts counts) {
      this.counts = counts;
      return this;
    }

    public Builder counterShards(int counterShards) {
      this.counterShards = counterShards;
      return this;
    }

    public Status build() {
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
          counts,
          counterShards);
    }
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
    return toBuilder().counts(newCounts).build();
  }
}
