package app.podium;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.accounts.Argon2PasswordHasher;
import app.podium.http.OriginCheck;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Lambda path of a route function: with Lambda's context, the invocation runs inside
 * Powertools' logging (its fields on every line). The local stack passes no context, so no IT goes
 * this way; a class Powertools needs that the jar leaves out would show here and nowhere before
 * AWS.
 */
class RouteFunctionTest {
  static final Context LAMBDA = new LambdaContext();

  @Test
  void aRequestRunsInsidePowertoolsLoggingWithLambdasContext() {
    FanoutTasks tasks = TestFanoutTasks.refusing("nothing to publish");
    Backend backend =
        new Backend(
            Settings.fromEnvironment(Map.of("TABLE_PREFIX", "podium-test-")),
            // nothing listens on port 1: a route that reached DynamoDB would fail, not pass
            AwsClients.dynamoDb("http://127.0.0.1:1"),
            tasks,
            Clock.systemUTC(),
            new Argon2PasswordHasher(),
            OriginCheck.fixed("origin-secret"));
    RouteFunction function = new RouteFunction(backend, "GET /api/v1/instance");
    // without the CDN's header the origin check refuses it before any read: Mastodon's 403 body
    APIGatewayV2HTTPEvent direct =
        APIGatewayV2HTTPEvent.builder()
            .withVersion("2.0")
            .withRouteKey("GET /api/v1/instance")
            .withRawPath("/api/v1/instance")
            .withHeaders(Map.of("host", "podium.example"))
            .build();

    APIGatewayV2HTTPResponse answer = function.handleRequest(direct, LAMBDA);

    assertThat(answer.getStatusCode()).isEqualTo(403);
    assertThat(answer.getBody()).contains("\"error\"");
  }
}
