package app.podium.fanout;

import app.podium.domain.FanoutTask;
import app.podium.domain.Visibility;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Optional;

/**
 * The wire form of a fan-out task, the body of every SNS and SQS message on the fan-out path:
 * {@code {"type":"PostCreated","author_id":"1","status_id":"2","visibility":"public","cursor":"..."}}.
 */
public final class FanoutTaskJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private FanoutTaskJson() {}

  public static String write(FanoutTask task) {
    ObjectNode node = MAPPER.createObjectNode();
    node.put("type", typeName(task.kind()));
    node.put("author_id", task.authorId());
    task.statusId().ifPresent(v -> node.put("status_id", v));
    task.statusVisibility().ifPresent(v -> node.put("visibility", v.text()));
    task.subjectId().ifPresent(v -> node.put("subject_id", v));
    task.cursor().ifPresent(v -> node.put("cursor", v));
    return node.toString();
  }

  /** Parses a message body; throws {@link IllegalArgumentException} on anything that is not a task. */
  public static FanoutTask read(String body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("message body is not JSON", e);
    }
    if (node == null || !node.isObject() || !node.hasNonNull("type") || !node.hasNonNull("author_id")) {
      throw new IllegalArgumentException("message body is not a fan-out task");
    }
    FanoutTask.Kind kind = kindOf(node.get("type").asText());
    FanoutTask task = new FanoutTask(kind, node.get("author_id").asText(), text(node, "status_id"),
        text(node, "visibility").map(Visibility::parse), text(node, "subject_id"), text(node, "cursor"));
    boolean needsStatus = kind == FanoutTask.Kind.POST_CREATED || kind == FanoutTask.Kind.POST_DELETED;
    if (needsStatus && task.statusId().filter(id -> id.chars().allMatch(Character::isDigit) && !id.isEmpty()).isEmpty()
        || (kind == FanoutTask.Kind.UNFOLLOWED || kind == FanoutTask.Kind.AUTHOR_HIDDEN) && task.subjectId().isEmpty()) {
      throw new IllegalArgumentException(kind + " task without its ids");
    }
    return task;
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
