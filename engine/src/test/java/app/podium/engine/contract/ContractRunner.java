package app.podium.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

/**
 * Plays a scenario against one endpoint: its setup requests (each must succeed; their answers are
 * not pairs), then its steps in order, giving back each step's answer normalised ({@link
 * Normalizer}). Afterwards it deletes the tables the scenario created, so that every scenario
 * starts from an endpoint without tables.
 */
final class ContractRunner {
  /**
   * What a parallel Scan's step leaves to its group: which segment holds an item is the server's
   * choice.
   */
  static final List<String> SEGMENT_FIELDS =
      List.of("Items", "Count", "ScannedCount", "LastEvaluatedKey");

  private static final Duration WAIT = Duration.ofMinutes(10);
  private final WireClient client;

  ContractRunner(WireClient client) {
    this.client = client;
  }

  String endpoint() {
    return client.endpoint();
  }

  List<WireClient.Answer> play(Scenario scenario) {
    List<WireClient.Answer> answers = new ArrayList<>();
    Set<String> tables = new LinkedHashSet<>();
    String play = UUID.randomUUID().toString().substring(0, 8);
    try {
      int number = 0;
      for (JsonNode setup : scenario.json().path("setup")) {
        number++;
        JsonNode request = Macros.expand(setup.get("request"), play);
        WireClient.Answer answer = client.send(setup.get("target").asText(), request.toString());
        if (answer.status() != 200) {
          throw new IllegalStateException(
              scenario.name()
                  + ": setup request "
                  + number
                  + " ("
                  + Scenario.operation(setup)
                  + ") failed with "
                  + answer.status()
                  + ": "
                  + answer.body());
        }
        created(Scenario.operation(setup), request, tables);
      }
      for (JsonNode step : scenario.steps()) {
        String operation = Scenario.operation(step);
        JsonNode request = Macros.expand(step.get("request"), play);
        WireClient.Answer answer = client.send(step.get("target").asText(), request.toString());
        answers.add(
            new WireClient.Answer(answer.status(), Normalizer.normalize(operation, answer.body())));
        if (answer.status() == 200) {
          created(operation, request, tables);
        }
      }
    } finally {
      tables.forEach(
          table -> client.send(Scenario.TARGET_PREFIX + "DeleteTable", tableName(table)));
    }
    return answers;
  }

  /**
   * Notes a table that {@code operation} created, and waits until it and its indexes can be used:
   * DynamoDB and DynamoDB Local both build a new index in the background, and the next step must
   * not race it.
   */
  private void created(String operation, JsonNode request, Set<String> tables) {
    if (operation.equals("CreateTable") || operation.equals("UpdateTable")) {
      tables.add(request.get("TableName").asText());
      awaitActive(request.get("TableName").asText());
    }
  }

  /**
   * The answer as a contract file keeps it: status, error type (null for a success) and normalised
   * body.
   */
  static ObjectNode recorded(WireClient.Answer answer) {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("status", answer.status());
    String error = answer.errorType();
    if (error != null) {
      out.put("error", error);
    }
    out.set("body", answer.body());
    return out;
  }

  /**
   * How {@code actual} differs from the answer recorded in {@code step}: status and error type
   * always; the body field by field, leaving out the message where the step says DynamoDB does not
   * fix it, and any field it names.
   */
  static List<String> differences(JsonNode step, WireClient.Answer actual) {
    JsonNode expected = step.get("answer");
    if (expected == null) {
      return List.of("no answer recorded: run -Pparity to record it");
    }
    List<String> out = new ArrayList<>();
    if (expected.get("status").asInt() != actual.status()) {
      out.add("status: expected " + expected.get("status").asInt() + ", got " + actual.status());
    }
    String expectedError = expected.path("error").asText(null);
    String actualError = actual.errorType();
    if (expectedError == null ? actualError != null : !expectedError.equals(actualError)) {
      out.add("error type: expected " + expectedError + ", got " + actualError);
    }
    Set<String> ignored = new LinkedHashSet<>(List.of("__type"));
    JsonNode compare = step.path("compare");
    if (!compare.path("message").asBoolean(true)) {
      ignored.addAll(List.of("message", "Message"));
    }
    compare.path("ignore").forEach(field -> ignored.add(field.asText()));
    if (compare.has("segments")) {
      ignored.addAll(SEGMENT_FIELDS);
    }
    out.addAll(JsonDiff.between(expected.get("body"), actual.body(), ignored));
    return out;
  }

  private void awaitActive(String table) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode description =
          client
              .send(Scenario.TARGET_PREFIX + "DescribeTable", tableName(table))
              .body()
              .path("Table");
      boolean indexesActive =
          StreamSupport.stream(description.path("GlobalSecondaryIndexes").spliterator(), false)
              .allMatch(index -> index.path("IndexStatus").asText().equals("ACTIVE"));
      if (description.path("TableStatus").asText().equals("ACTIVE") && indexesActive) {
        return;
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException(table + " is still not ACTIVE after " + WAIT);
  }

  /**
   * For the steps that share a {@code compare.segments} group: the items of all of them together,
   * sorted, must be those recorded, and their counts must add up to the recorded ones.
   */
  static List<String> segmentDifferences(List<JsonNode> steps, List<WireClient.Answer> actual) {
    ObjectNode expected = JsonNodeFactory.instance.objectNode();
    ObjectNode got = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < steps.size(); i++) {
      union(expected, steps.get(i).path("answer").path("body"));
      union(got, actual.get(i).body());
    }
    return JsonDiff.between(
        Normalizer.normalize("Scan", expected), Normalizer.normalize("Scan", got), Set.of());
  }

  private static void union(ObjectNode into, JsonNode page) {
    ArrayNode items = into.withArrayProperty("Items");
    page.path("Items").forEach(item -> items.add(item.deepCopy()));
    for (String count : List.of("Count", "ScannedCount")) {
      into.put(count, into.path(count).asInt() + page.path(count).asInt());
    }
  }

  private static String tableName(String table) {
    return JsonNodeFactory.instance.objectNode().put("TableName", table).toString();
  }
}
