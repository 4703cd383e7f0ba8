package app.podium.engine;

import app.podium.engine.limits.Faults;
import app.podium.engine.limits.HotKey;
import app.podium.engine.limits.PartitionThroughput;
import app.podium.engine.server.DynamoServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's own HTTP paths, beside DynamoDB's protocol on the same port, for tests and people:
 *
 * <ul>
 *   <li>{@code GET /engine/hot-keys}: the hot-key report ({@code ?table=<prefix>&limit=<n>}: the
 *       keys of those tables only); {@code DELETE}: start it afresh;
 *   <li>{@code GET /engine/faults}: the fault rules and what they injected; {@code PUT} with {@code
 *       {"PutItem": {"internalErrors": 0.1, "internalErrorsAfterApplying": 0, "throttling": 0.05,
 *       "latencyMillis": 20, "atMost": 0}, "*": {...}}} sets rules (per operation, {@code *} for
 *       the rest); {@code DELETE} clears them.
 * </ul>
 */
final class Controls implements DynamoServer.Controls {
  private final PartitionThroughput throughput;
  private final Faults faults;

  Controls(PartitionThroughput throughput, Faults faults) {
    this.throughput = throughput;
    this.faults = faults;
  }

  @Override
  public DynamoServer.Answer handle(
      String method, String path, Map<String, String> query, JsonNode body) {
    if (path.equals("/engine/hot-keys")) {
      if (method.equals("GET")) {
        try {
          return new DynamoServer.Answer(
              200,
              hotKeys(
                  throughput,
                  query.getOrDefault("table", ""),
                  Integer.parseInt(
                      query.getOrDefault(
                          "limit", Integer.toString(PartitionThroughput.REPORTED)))));
        } catch (NumberFormatException notANumber) {
          return new DynamoServer.Answer(400, Map.of("message", "limit must be a number"));
        }
      }
      if (method.equals("DELETE")) {
        throughput.reset();
        return new DynamoServer.Answer(200, Map.of("reset", true));
      }
      return notAllowed(method, path);
    }
    if (path.equals("/engine/faults")) {
      switch (method) {
        case "GET" -> {
          return new DynamoServer.Answer(200, faults());
        }
        case "PUT", "POST" -> {
          if (body == null || !body.isObject()) {
            return new DynamoServer.Answer(
                400, Map.of("message", "expected a JSON object of operation to rule"));
          }
          try {
            body.fields()
                .forEachRemaining(field -> faults.set(field.getKey(), rule(field.getValue())));
          } catch (IllegalArgumentException invalid) {
            return new DynamoServer.Answer(400, Map.of("message", invalid.getMessage()));
          }
          return new DynamoServer.Answer(200, faults());
        }
        case "DELETE" -> {
          faults.clear();
          return new DynamoServer.Answer(200, faults());
        }
        default -> {
          return notAllowed(method, path);
        }
      }
    }
    return new DynamoServer.Answer(404, Map.of("message", "no such engine path: " + path));
  }

  private static DynamoServer.Answer notAllowed(String method, String path) {
    return new DynamoServer.Answer(405, Map.of("message", method + " is not allowed on " + path));
  }

  private static Faults.Rule rule(JsonNode spec) {
    return Faults.Rule.none()
        .withInternalErrors(spec.path("internalErrors").asDouble(0))
        .withInternalErrorsAfterApplying(spec.path("internalErrorsAfterApplying").asDouble(0))
        .withThrottling(spec.path("throttling").asDouble(0))
        .withLatency(Duration.ofMillis(spec.path("latencyMillis").asLong(0)))
        .atMost(spec.path("atMost").asLong(0));
  }

  private Map<String, Object> faults() {
    Map<String, Object> rules = new LinkedHashMap<>();
    faults
        .rules()
        .forEach(
            (operation, rule) -> {
              Map<String, Object> described = new LinkedHashMap<>();
              described.put("internalErrors", rule.internalErrors());
              described.put("internalErrorsAfterApplying", rule.internalErrorsAfter());
              described.put("throttling", rule.throttling());
              described.put("latencyMillis", rule.latency().toMillis());
              described.put("atMost", rule.limit());
              rules.put(operation, described);
            });
    Map<String, Object> injected = new LinkedHashMap<>();
    faults
        .counts()
        .forEach(
            (operation, kinds) -> {
              Map<String, Object> byKind = new LinkedHashMap<>();
              kinds.forEach((kind, count) -> byKind.put(kind.name(), count));
              injected.put(operation, byKind);
            });
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("rules", rules);
    answer.put("injected", injected);
    return answer;
  }

  static Map<String, Object> hotKeys(
      PartitionThroughput throughput, String tablePrefix, int limit) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("throttling", throughput.limits());
    report.put("writeLimit", throughput.writeLimit());
    report.put("readLimit", throughput.readLimit());
    List<Map<String, Object>> keys =
        throughput.report(tablePrefix, limit).stream().map(Controls::describe).toList();
    report.put("keys", keys);
    return report;
  }

  private static Map<String, Object> describe(HotKey key) {
    Map<String, Object> described = new LinkedHashMap<>();
    described.put("table", key.table());
    if (key.index() != null) {
      described.put("index", key.index());
    }
    described.put("key", key.key());
    described.put("peakWriteUnits", key.peakWriteUnits());
    described.put("peakReadUnits", key.peakReadUnits());
    described.put("throttled", key.throttled());
    return described;
  }
}
