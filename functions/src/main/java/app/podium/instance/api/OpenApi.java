package app.podium.instance.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The OpenAPI 3.1 description of every route, kept as YAML in {@code openapi.yaml} (OpenApiTest
 * checks it against the route table) and served as JSON by {@code GET /api/openapi.json}. The build
 * writes the JSON ({@link OpenApiJson}), so no function carries a YAML parser.
 */
public final class OpenApi {
  /** The document as the build wrote it from {@code openapi.yaml}. */
  public static final String RESOURCE = "/openapi.json";

  private OpenApi() {}

  /** The document, read once per container. */
  public static JsonNode document() {
    return Document.INSTANCE;
  }

  private static final class Document {
    static final JsonNode INSTANCE = read();

    private static JsonNode read() {
      try (InputStream in = OpenApi.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(
              RESOURCE + " is not on the classpath: the build writes it from openapi.yaml");
        }
        return new ObjectMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
