package app.podium;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.accounts.Argon2PasswordHasher;
import app.podium.apps.api.AuthorizeRequestHandler;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.http.Events;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The sample events of the repository's {@code events/} folder through the handlers Lambda runs
 * ({@link RouteFunction}, the authorizer, {@link FanoutHandler}): each is parsed as Lambda's
 * runtime parses it and read by its handler as far as its first DynamoDB call, which is noted and
 * refused before it leaves the process (so no I/O). A fixture that no longer parses, or that a
 * handler refuses before its service runs (a 4xx, a batch item that is no task), fails here; so
 * does a fixture that no test reads.
 */
class HandlerFixturesTest {
  /**
   * Every fixture and the DynamoDB calls its handler makes (in any order) before the refusals stop
   * it: one per request, one per fan-out task (the notification tasks go as one batch).
   */
  static final Map<String, List<String>> FIXTURES =
      Map.of(
          "http/authorizer-request.json", List.of("GetItem tokens"),
          "http/create-account-form.json", List.of("GetItem apps"),
          "http/create-invite-json.json", List.of("GetItem accounts"),
          "http/lookup-account.json", List.of("GetItem unique_keys"),
          // the first page of a post reads its author; a next page (a cursor) its followers
          "sqs/post-created.json", List.of("GetItem accounts", "Query follows"),
          "sqs/notifications.json", List.of("BatchGetItem blocks_mutes"));

  final List<String> calls = new CopyOnWriteArrayList<>();
  final List<String> published = new CopyOnWriteArrayList<>();
  Backend backend;

  /** A DynamoDB call the refuser stopped; a handler maps it as any other failure of its store. */
  static final class Refused extends RuntimeException {
    Refused(String call) {
      super("refused in the test: " + call);
    }
  }

  @BeforeEach
  void backend() {
    ExecutionInterceptor refuser =
        new ExecutionInterceptor() {
          @Override
          public void beforeExecution(
              Context.BeforeExecution context, ExecutionAttributes attributes) {
            String call = describe(context.request());
            calls.add(call);
            throw new Refused(call);
          }
        };
    FanoutTasks noted = TestFanoutTasks.noting(published);
    backend =
        new Backend(
            Settings.fromEnvironment(Map.of()),
            AwsClients.dynamoDb("http://127.0.0.1:1", refuser),
            noted,
            Clock.systemUTC(),
            new Argon2PasswordHasher());
  }

  @Test
  void everyFixtureInEventsIsReadHere() throws IOException {
    Path root = Path.of("..", "events");
    try (Stream<Path> files = Files.walk(root)) {
      assertThat(
              files
                  .filter(Files::isRegularFile)
                  .map(file -> root.relativize(file).toString().replace('\\', '/'))
                  .toList())
          .containsExactlyInAnyOrderElementsOf(new TreeSet<>(FIXTURES.keySet()));
    }
  }

  @Test
  void eachRouteFixtureReachesItsServiceThroughItsRouteFunction() {
    for (String name :
        List.of("create-account-form.json", "create-invite-json.json", "lookup-account.json")) {
      calls.clear();
      APIGatewayV2HTTPEvent event = Events.http(name);
      APIGatewayV2HTTPResponse response =
          new RouteFunction(backend, event.getRouteKey()).handleRequest(event, null);
      assertThat(calls)
          .as(name + ": " + response.getBody())
          .isEqualTo(FIXTURES.get("http/" + name));
      // the refused call is a failure of the store, not of the request
      assertThat(response.getStatusCode()).as(name).isEqualTo(500);
      assertThat(response.getBody()).as(name).startsWith("{\"error\":");
    }
  }

  @Test
  void theAuthorizerFixtureIsAskedAboutItsBearerToken() {
    APIGatewayV2CustomAuthorizerEvent event =
        Events.load("http/authorizer-request.json", APIGatewayV2CustomAuthorizerEvent.class);
    assertThat(event.getHeaders()).containsKey("authorization");
    // Lambda answers a failed authorizer with a 500; the token's lookup is what failed
    assertThatThrownBy(
            () ->
                new AuthorizeRequestHandler(backend.origin(), backend.oauth())
                    .handleRequest(event, null))
        .isInstanceOf(Refused.class);
    assertThat(calls).isEqualTo(FIXTURES.get("http/authorizer-request.json"));
  }

  @Test
  void eachMessageOfTheFanoutFixturesIsATaskThatReachesTheFanoutAndFailsAloneWhenItsStoreDoes() {
    for (String name : List.of("sqs/post-created.json", "sqs/notifications.json")) {
      calls.clear();
      SQSEvent event = Events.load(name, SQSEvent.class);
      SQSBatchResponse response = new FanoutHandler(backend.fanout()).handleRequest(event, null);
      // a message whose body is no task (post-created's last) fails without a call
      assertThat(calls).as(name).containsExactlyInAnyOrderElementsOf(FIXTURES.get(name));
      assertThat(response.getBatchItemFailures())
          .as(name)
          .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
          .containsExactlyInAnyOrderElementsOf(
              event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList());
      assertThat(published).as(name).isEmpty();
    }
  }

  /** The call as {@code Operation table}, the table by its logical name. */
  static String describe(SdkRequest request) {
    String operation = request.getClass().getSimpleName().replaceFirst("Request$", "");
    String table =
        request
            .getValueForField("TableName", String.class)
            .or(
                () ->
                    request
                        .getValueForField("RequestItems", Map.class)
                        .map(items -> String.valueOf(items.keySet().iterator().next())))
            .orElse("?");
    return operation
        + " "
        + Tables.ALL.stream()
            .map(Tables.Table::name)
            .filter(table::endsWith)
            .findFirst()
            .orElse(table);
  }
}
