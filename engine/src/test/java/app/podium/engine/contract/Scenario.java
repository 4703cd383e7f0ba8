package app.podium.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One contract file: a scenario's requests in order, each with the answer DynamoDB gave when it was
 * recorded. Kept as the JSON tree it was read from, so that recording writes back the file with
 * only the answers changed.
 */
record Scenario(String name, Path file, ObjectNode json) {
  static final String TARGET_PREFIX = "DynamoDB_20120810.";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every {@code *.json} file of {@code dir}, by name. */
  static List<Scenario> loadAll(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(file -> file.getFileName().toString().endsWith(".json"))
          .sorted()
          .map(Scenario::load)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Scenario load(Path file) {
    try {
      String name = file.getFileName().toString().replaceFirst("\\.json$", "");
      return new Scenario(name, file, (ObjectNode) JSON.readTree(file.toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  ArrayNode steps() {
    return (ArrayNode) json.get("steps");
  }

  /** The operation a step calls: its target without {@code DynamoDB_20120810.}. */
  static String operation(JsonNode step) {
    String target = step.get("target").asText();
    return target.startsWith(TARGET_PREFIX) ? target.substring(TARGET_PREFIX.length()) : target;
  }

  void write() {
    try {
      Files.writeString(file, CompactJson.write(json));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
