package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of every route, kept as YAML in
 * {@code openapi.yaml} (OpenApiTest checks it against the route table) and served as JSON.
 */
public final class GetOpenApiHandler extends ApiHandler {
  public static final String RESOURCE = "/openapi.yaml";

  public GetOpenApiHandler() {
    this(Services.shared());
  }

  public GetOpenApiHandler(Services services) {
    super(services);
  }

  /** The document, read once per container. */
  public static JsonNode document() {
    return Document.INSTANCE;
  }

  private static final class Document {
    static final JsonNode INSTANCE = read();

    private static JsonNode read() {
      try (InputStream in = GetOpenApiHandler.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException(RESOURCE + " is not on the classpath");
        }
        return new YAMLMapper().readTree(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(document());
  }
}
