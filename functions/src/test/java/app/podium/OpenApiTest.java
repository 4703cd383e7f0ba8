package app.podium;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.http.Access;
import app.podium.http.Route;
import app.podium.instance.api.OpenApi;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * openapi.yaml and the route table describe the same API: same routes, same access rules. The web
 * pages are routes too but not API: a browser reads them, no client is generated from them, their
 * answers are HTML; openapi.yaml leaves them out, and this test holds it to that.
 */
class OpenApiTest {
  static final JsonNode DOCUMENT = OpenApi.document();

  /** The routes of the API: every route but the pages. */
  static final List<Route<?>> API = Routes.ALL.stream().filter(r -> !r.access().isPage()).toList();

  /** Every documented operation by route key ({@code GET /api/v1/accounts/{id}}). */
  static Map<String, JsonNode> operations() {
    Map<String, JsonNode> operations = new HashMap<>();
    DOCUMENT
        .get("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        operation ->
                            operations.put(
                                operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(),
                                operation.getValue())));
    return operations;
  }

  @Test
  void itIsOpenApi31() {
    assertThat(DOCUMENT.get("openapi").asText()).startsWith("3.1.");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
    assertThat(operations().keySet())
        .containsExactlyInAnyOrderElementsOf(API.stream().map(Route::key).toList());
  }

  @Test
  void eachOperationStatesTheRoutesAccessRuleAndScope() {
    Map<String, JsonNode> operations = operations();
    for (Route<?> route : API) {
      JsonNode operation = operations.get(route.key());
      assertThat(operation).as(route.key() + " is documented").isNotNull();
      assertThat(operation.get("x-podium-access").asText())
          .as(route.key())
          .isEqualTo(route.access().kind().name().toLowerCase(Locale.ROOT));
      // the operation is the route's function: PostStatus is postStatus
      assertThat(operation.get("operationId").asText())
          .as(route.key())
          .isEqualTo(Character.toLowerCase(route.name().charAt(0)) + route.name().substring(1));
      assertThat(operation.at("/responses/200").isObject()).as(route.key()).isTrue();
      switch (route.access().kind()) {
        case PUBLIC -> assertThat(operation.get("security")).as(route.key()).isEmpty();
        case OPTIONAL -> assertThat(operation.get("security")).as(route.key()).hasSize(2);
        case PAGE -> throw new AssertionError(route.key() + " is a page, not API");
        case APP, USER -> {
          JsonNode scopes = operation.at("/security/0/bearer");
          assertThat(scopes.isArray()).as(route.key()).isTrue();
          if (route.access().scope().isPresent()) {
            assertThat(scopes).as(route.key()).hasSize(1);
            assertThat(scopes.get(0).asText())
                .as(route.key())
                .isEqualTo(route.access().scope().get());
          }
        }
      }
    }
  }

  @Test
  void everyPathParameterIsDeclared() {
    operations()
        .forEach(
            (key, operation) -> {
              if (key.contains("{id}")) {
                assertThat(
                        operation.get("parameters").findValuesAsText("$ref").stream()
                            .map(ref -> DOCUMENT.at(ref.substring(1)).path("name").asText()))
                    .as(key)
                    .contains("id");
              }
            });
  }

  /** Every {@code $ref} in the document with where it is, so a broken one can be named. */
  private static void refs(JsonNode node, String at, Map<String, String> found) {
    if (node.isObject()) {
      node.properties()
          .forEach(
              e -> {
                if (e.getKey().equals("$ref")) {
                  found.put(at, e.getValue().asText());
                } else {
                  refs(e.getValue(), at + "/" + e.getKey(), found);
                }
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        refs(node.get(i), at + "/" + i, found);
      }
    }
  }

  private static JsonNode resolve(JsonNode node) {
    return node.has("$ref") ? DOCUMENT.at(node.get("$ref").asText().substring(1)) : node;
  }

  @Test
  void everyRefResolvesInsideTheDocument() {
    Map<String, String> found = new HashMap<>();
    refs(DOCUMENT, "", found);
    assertThat(found).isNotEmpty();
    found.forEach(
        (at, ref) -> {
          assertThat(ref).as(at).startsWith("#/");
          assertThat(DOCUMENT.at(ref.substring(1)).isMissingNode())
              .as(at + " -> " + ref + " resolves")
              .isFalse();
        });
  }

  /**
   * The ITs check every answer's status against its operation (OpenApiContract in local): a {@code
   * default} response would let any status through, so each operation lists the codes it answers.
   */
  @Test
  void everyOperationListsItsStatusCodesAndEachHasAJsonSchema() {
    operations()
        .forEach(
            (key, operation) -> {
              JsonNode responses = operation.get("responses");
              assertThat(responses.has("default"))
                  .as(key + ": list the status codes instead of a default response")
                  .isFalse();
              responses
                  .properties()
                  .forEach(
                      response -> {
                        assertThat(response.getKey()).as(key).matches("[1-5][0-9][0-9]");
                        JsonNode schema =
                            resolve(response.getValue()).at("/content/application~1json/schema");
                        assertThat(schema.isObject())
                            .as(key + " " + response.getKey() + " has an application/json schema")
                            .isTrue();
                        if (!response.getKey().startsWith("2")) {
                          String ref =
                              resolve(schema).has("allOf")
                                  ? resolve(schema).at("/allOf/0/$ref").asText()
                                  : schema.path("$ref").asText();
                          assertThat(ref)
                              .as(
                                  key
                                      + " "
                                      + response.getKey()
                                      + " is an Error (Podium's) or a GatewayError (API Gateway's)")
                              .isIn(
                                  "#/components/schemas/Error",
                                  "#/components/schemas/GatewayError");
                        }
                      });
            });
  }

  /**
   * What every request can be answered before a handler looks at it: the edge's request-wide
   * limits, unreadable input, and the CDN check.
   */
  @Test
  void everyOperationDocumentsTheRefusalsEveryHandlerCanGive() {
    operations()
        .forEach(
            (key, operation) ->
                assertThat(
                        operation.get("responses").properties().stream()
                            .map(Map.Entry::getKey)
                            .toList())
                    .as(key)
                    .contains("400", "403", "413", "415", "429"));
    for (Route<?> route : API) {
      if (route.access().kind() == Access.Kind.APP || route.access().kind() == Access.Kind.USER) {
        assertThat(
                operations().get(route.key()).get("responses").properties().stream()
                    .map(Map.Entry::getKey)
                    .toList())
            .as(route.key())
            .contains("401");
      }
      if (route.path().contains("{id}")) {
        assertThat(
                operations().get(route.key()).get("responses").properties().stream()
                    .map(Map.Entry::getKey)
                    .toList())
            .as(route.key())
            .contains("404");
      }
    }
  }

  /** Entity schemas that clients read without checking say which fields are always there. */
  @Test
  void theMastodonEntitiesRequireTheFieldsClientsRead() {
    List<String> missing = new ArrayList<>();
    Map.of(
            "Account",
            List.of("id", "username", "acct", "url", "display_name", "avatar", "created_at"),
            "Status",
            List.of(
                "id",
                "created_at",
                "account",
                "content",
                "visibility",
                "media_attachments",
                "mentions",
                "reblog",
                "in_reply_to_id"),
            "Relationship",
            List.of("id", "following", "followed_by", "blocking", "muting", "requested"),
            "Token",
            List.of("access_token", "token_type", "scope", "created_at"),
            "Instance",
            List.of("domain", "version", "configuration", "registrations"))
        .forEach(
            (schema, fields) -> {
              JsonNode required = DOCUMENT.at("/components/schemas/" + schema + "/required");
              fields.stream()
                  .filter(f -> !required.toString().contains("\"" + f + "\""))
                  .forEach(f -> missing.add(schema + "." + f));
            });
    assertThat(missing).isEmpty();
  }
}
