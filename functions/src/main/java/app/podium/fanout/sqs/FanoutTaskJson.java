package app.podium.fanout.sqs;

import app.podium.shared.FanoutTask;
import app.podium.shared.Visibility;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.StreamSupport;

/**
 * The wire form of a fan-out task, the body of every SNS and SQS message on the fan-out path:
 * {@code
 * {"type":"PostCreated","author_id":"1","status_id":"2","visibility":"public","mention_ids":["3"],
 * "cursor":"..."}}. Fields a reader does not know are ignored, so a message written by a newer
 * version is read.
 */
public final class FanoutTaskJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FanoutTaskJson() {}

  public static String write(FanoutTask task) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", typeName(task.kind()));
    node.put("author_id", task.authorId());
    task.statusId().ifPresent(v -> node.put("status_id", v));
    task.facts()
        .ifPresent(
            facts -> {
              node.put("visibility", facts.visibility().text());
              facts.inReplyToAccountId().ifPresent(v -> node.put("in_reply_to_account_id", v));
              facts.reblogOfId().ifPresent(v -> node.put("reblog_of_id", v));
              if (!facts.mentionIds().isEmpty()) {
                facts.mentionIds().forEach(node.putArray("mention_ids")::add);
              }
            });
    task.subjectId().ifPresent(v -> node.put("subject_id", v));
    task.cursor().ifPresent(v -> node.put("cursor", v));
    return node.toString();
  }

  /**
   * Parses a message body; throws {@link IllegalArgumentException} on anything that is not a task.
   */
  public static FanoutTask read(String body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message body is not JSON", e);
    }
    if (node == null
        || !node.isObject()
        || !node.hasNonNull("type")
        || !node.hasNonNull("author_id")) {
      throw new IllegalArgumentException("message body is not a fan-out task");
    }
    FanoutTask.Kind kind = kindOf(node.get("type").asText());
    Optional<FanoutTask.StatusFacts> facts =
        text(node, "visibility")
            .map(
                visibility ->
                    new FanoutTask.StatusFacts(
                        Visibility.parse(visibility),
                        text(node, "in_reply_to_account_id"),
                        text(node, "reblog_of_id"),
                        node.has("mention_ids")
                            ? StreamSupport.stream(node.get("mention_ids").spliterator(), false)
                                .map(JsonNode::asText)
                                .toList()
                            : List.of()));
    FanoutTask task =
        new FanoutTask(
            kind,
            node.get("author_id").asText(),
            text(node, "status_id"),
            facts,
            text(node, "subject_id"),
            text(node, "cursor"));
    boolean needsStatus =
        switch (kind) {
          case POST_CREATED, POST_DELETED, FAVOURITED, REBLOGGED, REBLOGS_OF_DELETED -> true;
          default -> false;
        };
    boolean needsSubject =
        switch (kind) {
          case UNFOLLOWED, AUTHOR_HIDDEN, FAVOURITED, REBLOGGED, FOLLOWED -> true;
          default -> false;
        };
    boolean shardCursor =
        kind != FanoutTask.Kind.REBLOGS_OF_DELETED
            || task.cursor().filter(c -> c.matches("[0-9]{1,3}/[0-9]{0,19}")).isPresent();
    if (needsStatus && task.statusId().filter(FanoutTaskJson::isId).isEmpty()
        || needsSubject && task.subjectId().isEmpty()
        || !shardCursor) {
      throw new IllegalArgumentException(kind + " task without its ids");
    }
    return task;
  }

  private static boolean isId(String id) {
    return !id.isEmpty() && id.chars().allMatch(Character::isDigit);
  }

  private static Optional<String> text(JsonNode node, String field) {
    return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
  }

  static String typeName(FanoutTask.Kind kind) {
    StringBuilder name = new StringBuilder();
    for (String part : kind.name().split("_")) {
      name.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return name.toString();
  }

  private static FanoutTask.Kind kindOf(String type) {
    for (FanoutTask.Kind kind : FanoutTask.Kind.values()) {
      if (typeName(kind).equals(type)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown task type " + type);
  }
}
