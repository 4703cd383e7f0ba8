package app.podium.engine;

import app.podium.engine.limits.HotKey;
import app.podium.engine.limits.PartitionThroughput;
import app.podium.engine.server.DynamoServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The engine's own HTTP paths, beside DynamoDB's protocol on the same port, for tests and people:
 * {@code GET /engine/hot-keys} (the hot-key report), {@code DELETE /engine/hot-keys} (start it afresh).
 */
final class Controls implements DynamoServer.Controls {
  private final PartitionThroughput throughput;

  Controls(PartitionThroughput throughput) {
    this.throughput = throughput;
  }

  @Override
  public DynamoServer.Answer handle(String method, String path, JsonNode body) {
    if (path.equals("/engine/hot-keys")) {
      if (method.equals("GET")) {
        return new DynamoServer.Answer(200, hotKeys(throughput));
      }
      if (method.equals("DELETE")) {
        throughput.reset();
        return new DynamoServer.Answer(200, Map.of("reset", true));
      }
      return new DynamoServer.Answer(405, Map.of("message", method + " is not allowed on " + path));
    }
    return new DynamoServer.Answer(404, Map.of("message", "no such engine path: " + path));
  }

  static Map<String, Object> hotKeys(PartitionThroughput throughput) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("throttling", throughput.limits());
    report.put("writeLimit", throughput.writeLimit());
    report.put("readLimit", throughput.readLimit());
    List<Map<String, Object>> keys = throughput.report().stream().map(Controls::describe).toList();
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
