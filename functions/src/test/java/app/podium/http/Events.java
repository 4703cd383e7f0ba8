package app.podium.http;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads the real-shaped events in the repository's {@code events/} folder. */
public final class Events {
  private static final ObjectMapper MAPPER =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES);
  private static final Path ROOT = Path.of("..", "events");

  private Events() {}

  public static <T> T load(String name, Class<T> type) {
    try {
      return MAPPER.readValue(Files.readString(ROOT.resolve(name)), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read events/" + name, e);
    }
  }

  public static APIGatewayV2HTTPEvent http(String name) {
    return load("http/" + name, APIGatewayV2HTTPEvent.class);
  }
}
