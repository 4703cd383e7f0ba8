package app.podium.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.Routes;
import app.podium.http.Route;
import org.junit.jupiter.api.Test;

class RouteAreasTest {

  @Test
  void theAreaIsTheFirstSegmentAfterTheApiAndItsVersion() {
    assertThat(RouteAreas.of("/api/v1/accounts")).isEqualTo("accounts");
    assertThat(RouteAreas.of("/api/v1/accounts/{id}/follow")).isEqualTo("accounts");
    assertThat(RouteAreas.of("/api/v1/statuses/{id}")).isEqualTo("statuses");
    assertThat(RouteAreas.of("/api/v1/admin/accounts/{id}/invitees")).isEqualTo("admin");
    assertThat(RouteAreas.of("/api/v2/admin/accounts")).isEqualTo("admin");
    assertThat(RouteAreas.of("/api/v1/custom_emojis")).isEqualTo("custom_emojis");
  }

  @Test
  void pathsOutsideTheApiTakeTheirFirstSegmentAndServerDescriptionsAreDiscovery() {
    assertThat(RouteAreas.of("/oauth/token")).isEqualTo("oauth");
    assertThat(RouteAreas.of("/oauth/revoke")).isEqualTo("oauth");
    assertThat(RouteAreas.of("/api/v1/instance")).isEqualTo("discovery");
    assertThat(RouteAreas.of("/api/v2/instance")).isEqualTo("discovery");
    assertThat(RouteAreas.of("/.well-known/nodeinfo")).isEqualTo("discovery");
    assertThat(RouteAreas.of("/nodeinfo/2.0")).isEqualTo("discovery");
    assertThat(RouteAreas.of("/api/openapi.json")).isEqualTo("discovery");
  }

  @Test
  void aPathWhoseAreaIsNoNameIsRefusedRatherThanGuessed() {
    assertThatThrownBy(() -> RouteAreas.of("/api/v1/{id}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("RouteAreas");
    assertThatThrownBy(() -> RouteAreas.of("/")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everyRouteOfTheTableHasAnAreaAndEachAreaANestedStackId() {
    for (Route<?> route : Routes.ALL) {
      assertThat(RouteAreas.stackId(RouteAreas.of(route.path())))
          .as(route.key())
          .matches("[A-Z][A-Za-z]+Routes");
    }
    assertThat(RouteAreas.stackId("custom_emojis")).isEqualTo("CustomEmojisRoutes");
  }

  @Test
  void anAreaHoldsAtLeastThirtySixRoutes() {
    assertThat(RouteAreas.CAPACITY).isGreaterThanOrEqualTo(36);
  }
}
