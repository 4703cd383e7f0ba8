package app.podium.local.support;

import app.podium.instance.api.OpenApi;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Podium's contract as the integration tests hold it to: every response to an operation documented
 * in {@code openapi.yaml} must have a documented status code, the documented content type and a
 * body valid against the documented schema (OpenAPI 3.1, JSON Schema 2020-12, by networknt's
 * json-schema-validator). The document is the one the API serves ({@link OpenApi#document()}), read
 * once per JVM.
 *
 * <p>A documented operation must list its status codes: a {@code default} response does not
 * document one. Requests to paths or methods the document does not have (a gateway 404) are not
 * checked.
 */
public final class OpenApiContract {
  /** Where the validator files the document; nothing is fetched from it. */
  private static final String DOCUMENT_IRI = "https://podium.invalid/openapi.json";

  private static final int BODY_SHOWN = 600;

  private static final class Holder {
    static final OpenApiContract INSTANCE = new OpenApiContract(OpenApi.document());

    static {
      // what the check costs the suite, once per JVM (the failsafe report's output)
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () ->
                      System.out.printf(
                          "OpenAPI contract: %d responses passed through the check in %d ms%n",
                          INSTANCE.checked.sum(), INSTANCE.nanos.sum() / 1_000_000)));
    }
  }

  private record Template(String path, Pattern pattern, int parameters) {}

  private final JsonNode document;
  private final SchemaRegistry registry;
  private final List<Template> templates;
  private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
  private final LongAdder checked = new LongAdder();
  private final LongAdder nanos = new LongAdder();

  OpenApiContract(JsonNode document) {
    this.document = document;
    this.registry =
        SchemaRegistry.withDialect(
            Dialects.getOpenApi31(),
            builder ->
                builder
                    .schemas(Map.of(DOCUMENT_IRI, document.toString()))
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    List<Template> paths = new ArrayList<>();
    document
        .get("paths")
        .properties()
        .forEach(
            path ->
                paths.add(
                    new Template(
                        path.getKey(),
                        Pattern.compile(
                            "^"
                                + path.getKey()
                                    .replace(".", "\\.")
                                    .replaceAll("\\{[^/}]+}", "[^/]+")
                                + "$"),
                        path.getKey().split("\\{", -1).length - 1)));
    // a literal segment wins over a parameter: /api/v1/accounts/lookup is not /api/v1/accounts/{id}
    paths.sort(Comparator.comparingInt(Template::parameters));
    this.templates = List.copyOf(paths);
  }

  /** The contract of the document on the classpath, built on first use. */
  public static OpenApiContract get() {
    return Holder.INSTANCE;
  }

  /**
   * Fails with the route, the status and what does not match, when the response breaks the
   * contract.
   */
  public void check(String method, String pathAndQuery, ApiClient.Response response) {
    long start = System.nanoTime();
    Optional<String> violation = violation(method, pathAndQuery, response);
    nanos.add(System.nanoTime() - start);
    checked.increment();
    violation.ifPresent(
        message -> {
          throw new AssertionError(message);
        });
  }

  /**
   * What is wrong with the response, or empty when it keeps the contract or its route is not
   * documented.
   */
  public Optional<String> violation(
      String method, String pathAndQuery, ApiClient.Response response) {
    String path = pathAndQuery.split("\\?", 2)[0];
    String verb = method.toLowerCase(Locale.ROOT);
    Optional<Template> template =
        templates.stream()
            .filter(
                t ->
                    t.pattern().matcher(path).matches()
                        && document.get("paths").get(t.path()).has(verb))
            .findFirst();
    if (template.isEmpty()) {
      return Optional.empty();
    }
    String route = method.toUpperCase(Locale.ROOT) + " " + template.get().path();
    String pointer = "/paths/" + escape(template.get().path()) + "/" + verb + "/responses";
    String status = Integer.toString(response.status());
    JsonNode documented = document.at(pointer).get(status);
    String prefix =
        "OpenAPI contract: " + route + " (" + method + " " + pathAndQuery + ") answered " + status;
    if (documented == null) {
      return Optional.of(
          prefix
              + ", a status openapi.yaml does not document for this operation (documented: "
              + names(document.at(pointer))
              + "); body: "
              + shown(response.body()));
    }
    pointer += "/" + status;
    if (documented.has("$ref")) {
      pointer = documented.get("$ref").asText().substring(1);
      documented = document.at(pointer);
    }
    JsonNode content = documented.get("content");
    if (content == null || content.isEmpty()) {
      return response.body().isEmpty()
          ? Optional.empty()
          : Optional.of(
              prefix + " with a body where the document has none: " + shown(response.body()));
    }
    String contentType = response.header("Content-Type");
    String mediaType =
        contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
    if (!content.has(mediaType)) {
      return Optional.of(
          prefix + " as '" + contentType + "', not as documented (" + names(content) + ")");
    }
    String schemaPointer = pointer + "/content/" + escape(mediaType) + "/schema";
    List<Error> errors;
    try {
      errors =
          schemas
              .computeIfAbsent(
                  schemaPointer, p -> registry.getSchema(SchemaLocation.of(DOCUMENT_IRI + "#" + p)))
              .validate(response.body(), InputFormat.JSON);
    } catch (RuntimeException notJson) {
      return Optional.of(
          prefix
              + " with a body that is not "
              + mediaType
              + " ("
              + notJson.getMessage()
              + "): "
              + shown(response.body()));
    }
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    String schemaName =
        content.get(mediaType).path("schema").path("$ref").asText("#" + schemaPointer);
    return Optional.of(
        prefix
            + " with a body that does not match "
            + schemaName
            + ":\n  "
            + errors.stream().map(OpenApiContract::describe).collect(Collectors.joining("\n  "))
            + "\nbody: "
            + shown(response.body()));
  }

  private static String describe(Error error) {
    return error.getInstanceLocation()
        + ": "
        + error.getMessage()
        + "  [schema "
        + error.getSchemaLocation()
        + "]";
  }

  private static String names(JsonNode object) {
    return object.properties().stream().map(Map.Entry::getKey).collect(Collectors.joining(", "));
  }

  private static String escape(String pointerToken) {
    return pointerToken.replace("~", "~0").replace("/", "~1");
  }

  private static String shown(String body) {
    return body.length() <= BODY_SHOWN
        ? body
        : body.substring(0, BODY_SHOWN) + "... (" + body.length() + " chars)";
  }
}
