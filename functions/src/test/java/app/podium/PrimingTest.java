package app.podium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import app.podium.accounts.Argon2PasswordHasher;
import app.podium.http.OriginCheck;
import app.podium.http.Route;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Settings;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Resource;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context.BeforeExecution;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

/** SnapStart priming never fails a checkpoint, and a container registers it once. */
class PrimingTest {
  /** Nothing listens on port 1 of the loopback: every DynamoDB call fails to connect. */
  static final String UNREACHABLE = "http://127.0.0.1:1";

  final List<String> operations = new ArrayList<>();

  Priming priming(String endpoint) {
    ExecutionInterceptor recorder =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(BeforeExecution context, ExecutionAttributes attributes) {
            operations.add(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
          }
        };
    FanoutTasks tasks = TestFanoutTasks.refusing("priming must not publish or enqueue");
    Backend backend =
        new Backend(
            Settings.fromEnvironment(Map.of("TABLE_PREFIX", "podium-test-")),
            AwsClients.dynamoDb(endpoint, recorder),
            tasks,
            Clock.systemUTC(),
            new Argon2PasswordHasher());
    return new Priming(backend.settings(), backend.dynamoDb(), backend.origin(), List.of());
  }

  @Test
  void primingAgainstAnUnreachableDynamoDbCompletes() {
    Priming priming = priming(UNREACHABLE);

    assertThatCode(() -> priming.beforeCheckpoint(null)).doesNotThrowAnyException();
    assertThat(operations).contains("GetItem");
    // only the network step failed; Jackson, the schemas and the request path ran
    assertThat(priming.prime()).containsExactly("dynamodb");
    assertThatCode(() -> priming.afterRestore(null)).doesNotThrowAnyException();
    assertThat(app.podium.Schemas.prime()).isEqualTo(14);
  }

  @Test
  void registersOnceHoweverOftenAsked() {
    CountingContext context = new CountingContext();
    Priming.Registration registration = new Priming.Registration();
    Priming first = registration.register(() -> priming(UNREACHABLE), context);
    Priming second = registration.register(() -> priming(UNREACHABLE), context);

    assertThat(second).isSameAs(first);
    assertThat(context.registered).containsExactly(first);
  }

  static final class CountingContext extends Context<Resource> {
    final List<Resource> registered = new ArrayList<>();

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {}

    @Override
    public void afterRestore(Context<? extends Resource> context) {}

    @Override
    public void register(Resource resource) {
      registered.add(resource);
    }
  }

  /**
   * Each route's function primes its route: every declared route runs, past the origin check and
   * its access rule into its own code, on clients that send nothing.
   */
  @Test
  void everyDeclaredRouteIsPrimedWithoutTouchingTheNetwork() {
    List<String> keys = Routes.ALL.stream().map(Route::key).toList();
    Priming priming =
        new Priming(
            Settings.fromEnvironment(Map.of("TABLE_PREFIX", "podium-test-")),
            AwsClients.dynamoDb(UNREACHABLE),
            OriginCheck.off(),
            keys);

    Priming.Primed primed = priming.routes();

    assertThat(primed.answered().keySet()).containsExactlyElementsOf(keys);
    primed
        .answered()
        .forEach(
            (key, response) ->
                assertThat(response.getBody())
                    .as(key)
                    .doesNotContain("Requests must come through the CDN")
                    .doesNotContain("outside the authorized scopes")
                    .doesNotContain("requires an authenticated user"));
    // the caller is found (a GetItem answered from memory), so nearly every route's code goes on
    // past it: to its reads and writes, its answer 2xx or its own 404 or 422 (the authorize pages
    // refuse the priming's unknown client with invalid_client, a 401 as Doorkeeper answers it)
    assertThat(primed.answered().values().stream().filter(r -> r.getStatusCode() == 401))
        .hasSizeLessThanOrEqualTo(5);
    assertThat(primed.calls())
        .contains(
            "DynamoDB_20120810.GetItem",
            "DynamoDB_20120810.Query",
            "DynamoDB_20120810.BatchGetItem",
            "DynamoDB_20120810.TransactWriteItems",
            "DynamoDB_20120810.UpdateItem")
        .doesNotContain("DynamoDB_20120810.Scan");
  }

  @Test
  void aFunctionWithoutARoutePrimesNone() {
    assertThat(priming(UNREACHABLE).routes().answered()).isEmpty();
  }
}
