package app.podium;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.http.ApiHandler;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesTest {
  @Test
  void everyRouteKeyIsUniqueAndEveryHandlerServesOneRoute() {
    Set<String> keys = new HashSet<>();
    Set<Class<?>> handlers = new HashSet<>();
    for (Routes.Route route : Routes.ALL) {
      assertThat(keys.add(route.key())).as(route.key()).isTrue();
      assertThat(handlers.add(route.handler())).as(route.handler().getName()).isTrue();
    }
  }

  @Test
  void everyHandlerIsAThinApiHandlerWithLambdasAndTheTestConstructor() throws Exception {
    for (Routes.Route route : Routes.ALL) {
      assertThat(ApiHandler.class).isAssignableFrom(route.handler());
      assertThat(route.handler().getPackageName()).isEqualTo("app.podium.api");
      assertThat(route.handler().getSimpleName()).endsWith("Handler");
      assertThat(route.handler().getConstructor().getParameterCount()).as("Lambda's no-arg constructor").isZero();
      assertThat(route.handler().getConstructor(Services.class)).as("the test constructor").isNotNull();
    }
  }

  @Test
  void pathsUseApiGatewaySyntax() {
    for (Routes.Route route : Routes.ALL) {
      assertThat(route.path()).startsWith("/").doesNotContain(":").doesNotEndWith("/");
    }
  }

  @Test
  void userRoutesAlwaysNameTheScopeTheyNeed() {
    Routes.ALL.stream().filter(r -> r.access().kind() == Routes.Access.Kind.USER)
        .forEach(r -> assertThat(r.access().scope()).as(r.key()).isPresent());
  }
}
