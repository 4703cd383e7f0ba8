package app.podium.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondaryPartitionKey;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.secondarySortKey;

import app.podium.domain.Status;
import app.podium.domain.Visibility;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** An item of the posts table. */
final class StatusItem {
  static final String AUTHOR_INDEX = "by_author";

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

  static final TableSchema<StatusItem> SCHEMA = StaticTableSchema.builder(StatusItem.class)
      .newItemSupplier(StatusItem::new)
      .addAttribute(Long.class, a -> a.name("id").getter(i -> i.id).setter((i, v) -> i.id = v)
          .tags(primaryPartitionKey(), secondarySortKey(AUTHOR_INDEX)))
      .addAttribute(String.class, a -> a.name("author_id").getter(i -> i.authorId).setter((i, v) -> i.authorId = v)
          .tags(secondaryPartitionKey(AUTHOR_INDEX)))
      .addAttribute(String.class, a -> a.name("text").getter(i -> i.text).setter((i, v) -> i.text = v))
      .addAttribute(String.class, a -> a.name("spoiler_text").getter(i -> i.spoilerText)
          .setter((i, v) -> i.spoilerText = v))
      .addAttribute(Boolean.class, a -> a.name("sensitive").getter(i -> i.sensitive).setter((i, v) -> i.sensitive = v))
      .addAttribute(String.class, a -> a.name("visibility").getter(i -> i.visibility)
          .setter((i, v) -> i.visibility = v))
      .addAttribute(String.class, a -> a.name("in_reply_to_id").getter(i -> i.inReplyToId)
          .setter((i, v) -> i.inReplyToId = v))
      .addAttribute(String.class, a -> a.name("in_reply_to_account_id").getter(i -> i.inReplyToAccountId)
          .setter((i, v) -> i.inReplyToAccountId = v))
      .addAttribute(String.class, a -> a.name("language").getter(i -> i.language).setter((i, v) -> i.language = v))
      .addAttribute(Long.class, a -> a.name("created_at").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
      .build();

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
    return item;
  }

  Status toStatus() {
    return new Status(Long.toString(id), authorId, text, spoilerText == null ? "" : spoilerText,
        Boolean.TRUE.equals(sensitive), Visibility.parse(visibility), Optional.ofNullable(inReplyToId),
        Optional.ofNullable(inReplyToAccountId), language, Attributes.instant(createdAt));
  }
}
