package app.podium;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.api.GetOpenApiHandler;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** openapi.yaml and the route table describe the same API: same routes, same access rules. */
class OpenApiTest {
  static final JsonNode DOCUMENT = GetOpenApiHandler.document();

  /** Every documented operation by route key ({@code GET /api/v1/accounts/{id}}). */
  static Map<String, JsonNode> operations() {
    Map<String, JsonNode> operations = new HashMap<>();
    DOCUMENT.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
        operations.put(operation.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey(), operation.getValue())));
    return operations;
  }

  @Test
  void itIsOpenApi31() {
    assertThat(DOCUMENT.get("openapi").asText()).startsWith("3.1.");
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
    assertThat(operations().keySet())
        .containsExactlyInAnyOrderElementsOf(Routes.ALL.stream().map(Routes.Route::key).toList());
  }

  @Test
  void eachOperationStatesTheRoutesAccessRuleAndScope() {
    Map<String, JsonNode> operations = operations();
    for (Routes.Route route : Routes.ALL) {
      JsonNode operation = operations.get(route.key());
      assertThat(operation).as(route.key() + " is documented").isNotNull();
      assertThat(operation.get("x-podium-access").asText()).as(route.key())
          .isEqualTo(route.access().kind().name().toLowerCase(Locale.ROOT));
      assertThat(operation.get("operationId").asText()).as(route.key()).isNotBlank();
      assertThat(operation.at("/responses/200").isObject()).as(route.key()).isTrue();
      switch (route.access().kind()) {
        case PUBLIC -> assertThat(operation.get("security")).as(route.key()).isEmpty();
        case OPTIONAL -> assertThat(operation.get("security")).as(route.key()).hasSize(2);
        case APP, USER -> {
          JsonNode scopes = operation.at("/security/0/bearer");
          assertThat(scopes.isArray()).as(route.key()).isTrue();
          if (route.access().scope().isPresent()) {
            assertThat(scopes).as(route.key()).hasSize(1);
            assertThat(scopes.get(0).asText()).as(route.key()).isEqualTo(route.access().scope().get());
          }
        }
      }
    }
  }

  @Test
  void everyPathParameterIsDeclared() {
    operations().forEach((key, operation) -> {
      if (key.contains("{id}")) {
        assertThat(operation.get("parameters").toString()).as(key).contains("#/components/parameters/id");
      }
    });
  }
}
