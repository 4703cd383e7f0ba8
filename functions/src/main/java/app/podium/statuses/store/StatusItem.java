package app.podium.statuses.store;

import app.podium.Tables;
import app.podium.shared.Visibility;
import app.podium.statuses.Mention;
import app.podium.statuses.Status;
import app.podium.statuses.StatusCounts;
import app.podium.store.Attributes;
import app.podium.store.Schemas;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * An item of the posts table. The reply, reblog and favourite counts of an unsharded status live on
 * it.
 */
public final class StatusItem {
  static final String AUTHOR_INDEX = "by_author";
  public static final String PARENT_INDEX = "by_parent";
  public static final String REPLIES_COUNT = "replies_count";
  public static final String REBLOGS_COUNT = "reblogs_count";
  public static final String FAVOURITES_COUNT = "favourites_count";

  Long id;
  String authorId;
  String text;
  String spoilerText;
  Boolean sensitive;
  String visibility;
  String inReplyToId;
  String inReplyToAccountId;
  String language;
  Long createdAt;
  Long reblogOfId;

  /** {@code <account id>:<username>} per mentioned member. */
  List<String> mentions;

  List<String> tags;
  Long repliesCount;
  Long reblogsCount;
  Long favouritesCount;
  Integer counterShards;

  public static final TableSchema<StatusItem> SCHEMA =
      Schemas.of(Tables.POSTS, StatusItem.class, StatusItem::new, MethodHandles.lookup());

  static StatusItem from(Status status) {
    StatusItem item = new StatusItem();
    item.id = status.numericId();
    item.authorId = status.authorId();
    item.text = status.text();
    item.spoilerText = status.spoilerText().isEmpty() ? null : status.spoilerText();
    item.sensitive = status.sensitive();
    item.visibility = status.visibility().text();
    item.inReplyToId = status.inReplyToId().orElse(null);
    item.inReplyToAccountId = status.inReplyToAccountId().orElse(null);
    item.language = status.language();
    item.createdAt = Attributes.millis(status.createdAt());
    item.reblogOfId = status.reblogOfId().map(Long::parseLong).orElse(null);
    item.mentions =
        status.mentions().isEmpty()
            ? null
            : status.mentions().stream().map(m -> m.accountId() + ":" + m.username()).toList();
    item.tags = status.tags().isEmpty() ? null : status.tags();
    // counts are only ever changed by ADD, never written with the status
    item.counterShards = status.counterShards() > 1 ? status.counterShards() : null;
    return item;
  }

  public Status toStatus() {
    return Status.builder()
        .id(Long.toString(id))
        .authorId(authorId)
        .text(text)
        .spoilerText(spoilerText == null ? "" : spoilerText)
        .sensitive(Boolean.TRUE.equals(sensitive))
        .visibility(Visibility.parse(visibility))
        .inReplyToId(Optional.ofNullable(inReplyToId))
        .inReplyToAccountId(Optional.ofNullable(inReplyToAccountId))
        .language(language)
        .createdAt(Attributes.instant(createdAt))
        .reblogOfId(Optional.ofNullable(reblogOfId).map(String::valueOf))
        .mentions(
            mentions == null ? List.of() : mentions.stream().map(StatusItem::mention).toList())
        .tags(tags == null ? List.of() : tags)
        .counts(new StatusCounts(count(repliesCount), count(reblogsCount), count(favouritesCount)))
        .counterShards(counterShards == null ? 1 : counterShards)
        .build();
  }

  private static Mention mention(String stored) {
    int colon = stored.indexOf(':');
    return new Mention(stored.substring(0, colon), stored.substring(colon + 1));
  }

  /** A count can dip below zero for a moment only if an undo overtook its do; never shown so. */
  private static long count(Long value) {
    return value == null ? 0 : Math.max(0, value);
  }
}
