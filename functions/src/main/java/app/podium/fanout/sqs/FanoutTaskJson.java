package app.podium.fanout.sqs;

import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTask.AuthorBecameLarge;
import app.podium.shared.FanoutTask.AuthorHidden;
import app.podium.shared.FanoutTask.Favourited;
import app.podium.shared.FanoutTask.Followed;
import app.podium.shared.FanoutTask.MemberActive;
import app.podium.shared.FanoutTask.PostCreated;
import app.podium.shared.FanoutTask.PostDeleted;
import app.podium.shared.FanoutTask.Reblogged;
import app.podium.shared.FanoutTask.ReblogsOfDeleted;
import app.podium.shared.FanoutTask.StatusFacts;
import app.podium.shared.FanoutTask.Unfollowed;
import app.podium.shared.Visibility;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;

/**
 * The wire form of a fan-out task, the body of every SNS and SQS message on the fan-out path:
 * {@code
 * {"type":"PostCreated","author_id":"1","status_id":"2","visibility":"public","mention_ids":["3"],
 * "cursor":"..."}}. {@code type} names the record; {@code author_id} is who acted, {@code
 * subject_id} the other member (the one notified, or whose timeline changes). Fields a reader does
 * not know are ignored, so a message written by a newer version is read; a message without its type
 * or one of its kind's fields is no task.
 */
public final class FanoutTaskJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** {@code <shard>/<last reaction id done>}, the id empty on a shard's first page. */
  private static final Pattern SHARD_CURSOR = Pattern.compile("([0-9]{1,3})/([0-9]{0,19})");

  private FanoutTaskJson() {}

  /** The {@code type} tag of a task, also the SNS message attribute its subscriptions filter on. */
  public static String typeName(FanoutTask task) {
    return switch (task) {
      case PostCreated t -> "PostCreated";
      case PostDeleted t -> "PostDeleted";
      case AuthorBecameLarge t -> "AuthorBecameLarge";
      case Unfollowed t -> "Unfollowed";
      case AuthorHidden t -> "AuthorHidden";
      case Favourited t -> "Favourited";
      case Reblogged t -> "Reblogged";
      case Followed t -> "Followed";
      case ReblogsOfDeleted t -> "ReblogsOfDeleted";
      case MemberActive t -> "MemberActive";
    };
  }

  public static String write(FanoutTask task) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", typeName(task));
    switch (task) {
      case PostCreated t -> {
        node.put("author_id", t.authorId()).put("status_id", t.statusId());
        StatusFacts facts = t.facts();
        node.put("visibility", facts.visibility().text());
        facts.inReplyToAccountId().ifPresent(v -> node.put("in_reply_to_account_id", v));
        facts.reblogOfId().ifPresent(v -> node.put("reblog_of_id", v));
        if (!facts.mentionIds().isEmpty()) {
          facts.mentionIds().forEach(node.putArray("mention_ids")::add);
        }
        t.cursor().ifPresent(v -> node.put("cursor", v));
      }
      case PostDeleted t -> {
        node.put("author_id", t.authorId()).put("status_id", t.statusId());
        t.cursor().ifPresent(v -> node.put("cursor", v));
      }
      case AuthorBecameLarge t -> {
        node.put("author_id", t.authorId());
        t.cursor().ifPresent(v -> node.put("cursor", v));
      }
      case Unfollowed t -> node.put("author_id", t.authorId()).put("subject_id", t.memberId());
      case AuthorHidden t -> node.put("author_id", t.authorId()).put("subject_id", t.memberId());
      case Favourited t ->
          node.put("author_id", t.accountId())
              .put("status_id", t.statusId())
              .put("subject_id", t.recipientId());
      case Reblogged t ->
          node.put("author_id", t.accountId())
              .put("status_id", t.statusId())
              .put("subject_id", t.recipientId());
      case Followed t -> node.put("author_id", t.accountId()).put("subject_id", t.recipientId());
      case ReblogsOfDeleted t ->
          node.put("author_id", t.authorId())
              .put("status_id", t.statusId())
              .put("cursor", t.shard() + "/" + t.before().map(String::valueOf).orElse(""));
      case MemberActive t -> node.put("author_id", t.memberId());
    }
    return node.toString();
  }

  /**
   * Parses a message body; throws {@link IllegalArgumentException} on anything that is not a task:
   * not JSON, no or an unknown {@code type}, or a field its type needs missing.
   */
  public static FanoutTask read(String body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message body is not JSON", e);
    }
    if (node == null || !node.isObject() || !node.hasNonNull("type")) {
      throw new IllegalArgumentException("message body is not a fan-out task");
    }
    String type = node.get("type").asText();
    String author = required(node, type, "author_id");
    return switch (type) {
      case "PostCreated" ->
          new PostCreated(author, statusId(node, type), facts(node, type), text(node, "cursor"));
      case "PostDeleted" -> new PostDeleted(author, statusId(node, type), text(node, "cursor"));
      case "AuthorBecameLarge" -> new AuthorBecameLarge(author, text(node, "cursor"));
      case "Unfollowed" -> new Unfollowed(author, required(node, type, "subject_id"));
      case "AuthorHidden" -> new AuthorHidden(author, required(node, type, "subject_id"));
      case "Favourited" ->
          new Favourited(author, statusId(node, type), required(node, type, "subject_id"));
      case "Reblogged" ->
          new Reblogged(author, statusId(node, type), required(node, type, "subject_id"));
      case "Followed" -> new Followed(author, required(node, type, "subject_id"));
      case "ReblogsOfDeleted" -> {
        Matcher cursor = SHARD_CURSOR.matcher(required(node, type, "cursor"));
        if (!cursor.matches()) {
          throw new IllegalArgumentException(type + " task with a cursor of no shard");
        }
        yield new ReblogsOfDeleted(
            author,
            statusId(node, type),
            Integer.parseInt(cursor.group(1)),
            cursor.group(2).isEmpty()
                ? Optional.empty()
                : Optional.of(Long.parseLong(cursor.group(2))));
      }
      case "MemberActive" -> new MemberActive(author);
      default -> throw new IllegalArgumentException("unknown task type " + type);
    };
  }

  private static StatusFacts facts(JsonNode node, String type) {
    return new StatusFacts(
        Visibility.parse(required(node, type, "visibility")),
        text(node, "in_reply_to_account_id"),
        text(node, "reblog_of_id"),
        node.has("mention_ids")
            ? StreamSupport.stream(node.get("mention_ids").spliterator(), false)
                .map(JsonNode::asText)
                .toList()
            : List.of());
  }

  private static String statusId(JsonNode node, String type) {
    String id = required(node, type, "status_id");
    if (id.isEmpty() || !id.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(type + " task with a status id of no status");
    }
    return id;
  }

  private static String required(JsonNode node, String type, String field) {
    return text(node, field)
        .orElseThrow(() -> new IllegalArgumentException(type + " task without its " + field));
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }
}
