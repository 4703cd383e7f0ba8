package app.podium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.accounts.Argon2PasswordHasher;
import app.podium.http.Access;
import app.podium.http.Route;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Settings;
import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoutesTest {
  @Test
  void everyRouteKeyAndEveryFunctionNameIsUnique() {
    Set<String> keys = new HashSet<>();
    for (Route<?> route : Routes.ALL) {
      assertThat(keys.add(route.key())).as(route.key()).isTrue();
    }
    Set<String> names = new HashSet<>();
    for (Routes.Function function : Routes.FUNCTIONS) {
      assertThat(names.add(function.name())).as(function.name()).isTrue();
      assertThat(function.name()).matches("[A-Z][A-Za-z0-9]+");
    }
    assertThat(Routes.FUNCTIONS).hasSize(Routes.ALL.size() + 5);
  }

  @Test
  void pathsUseApiGatewaySyntax() {
    for (Route<?> route : Routes.ALL) {
      assertThat(route.path()).startsWith("/").doesNotContain(":").doesNotEndWith("/");
    }
  }

  @Test
  void userRoutesAlwaysNameTheScopeTheyNeed() {
    Routes.ALL.stream()
        .filter(r -> r.access().kind() == Access.Kind.USER)
        .forEach(r -> assertThat(r.access().scope()).as(r.key()).isPresent());
  }

  @Test
  void everyRouteFunctionAndTheAuthorizerCheckTheOriginAndNothingElseDoes() {
    for (Routes.Function function : Routes.FUNCTIONS) {
      boolean checksOrigin = function.route().isPresent() || function.equals(Routes.AUTHORIZER);
      assertThat(function.grants().readsOriginSecret()).as(function.name()).isEqualTo(checksOrigin);
    }
  }

  @Test
  void theBackendServesEveryDeclaredRouteAndNoOther() {
    FanoutTasks nowhere =
        TestFanoutTasks.refusing("nothing is published while the backend is built");
    Backend backend =
        new Backend(
            Settings.fromEnvironment(Map.of()),
            AwsClients.dynamoDb("http://127.0.0.1:1"),
            nowhere,
            Clock.systemUTC(),
            new Argon2PasswordHasher());
    for (Route<?> route : Routes.ALL) {
      assertThat(backend.route(route.key())).as(route.key()).isNotNull();
      assertThat(new RouteFunction(backend, route.key())).as(route.key()).isNotNull();
    }
    assertThatThrownBy(() -> backend.route("GET /api/v1/nowhere")).hasMessageContaining("no route");
  }

  /**
   * Lambda finds a handler by name in its function's jar: each one in functions' jar is here, a
   * Lambda handler; the rotation's is in functions/rotation (its RotationJarTest checks it there).
   */
  @Test
  void everyHandlerOfTheFunctionsJarIsALambdaHandlerOfThisModule() throws Exception {
    for (Routes.Function function : Routes.FUNCTIONS) {
      if (function.jar() == Routes.Jar.FUNCTIONS) {
        assertThat(Class.forName(function.handler()))
            .as(function.name())
            .isAssignableTo(com.amazonaws.services.lambda.runtime.RequestHandler.class);
      } else {
        assertThatThrownBy(() -> Class.forName(function.handler()))
            .as(function.name() + " is in another jar")
            .isInstanceOf(ClassNotFoundException.class);
      }
    }
  }
}
