package app.podium.engine;

import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.engine.limits.Faults;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.InternalServerErrorException;

/**
 * Server-side faults: a share of InternalServerError and ThrottlingException, and latency, per
 * operation.
 */
class FaultsIT {
  Engine engine;
  DynamoDbClient client;

  @BeforeEach
  void start() {
    engine = Engine.start(Engine.Options.defaults());
    client = Clients.of(engine);
    Clients.createTable(client, "faulty", false);
  }

  @AfterEach
  void stop() {
    client.close();
    engine.close();
  }

  void put(String pk) {
    client.putItem(r -> r.tableName("faulty").item(Map.of("pk", s(pk))));
  }

  boolean stored(String pk) {
    return client.getItem(r -> r.tableName("faulty").key(Map.of("pk", s(pk)))).hasItem();
  }

  @Test
  void anInternalErrorIsAnHttp500ThatTheSdkMapsAndNothingIsApplied() {
    engine.faults().set("PutItem", Faults.Rule.none().withInternalErrors(1.0));
    assertThatThrownBy(() -> put("never"))
        .isInstanceOfSatisfying(
            InternalServerErrorException.class, e -> assertThat(e.statusCode()).isEqualTo(500));
    assertThat(stored("never")).isFalse();
    assertThat(engine.faults().injected("PutItem", Faults.Kind.INTERNAL_ERROR)).isEqualTo(1);
  }

  @Test
  void anInternalErrorAfterApplyingLeavesTheWriteInPlace() {
    engine.faults().set("PutItem", Faults.Rule.none().withInternalErrorsAfterApplying(1.0));
    assertThatThrownBy(() -> put("applied")).isInstanceOf(InternalServerErrorException.class);
    engine.faults().clear();
    assertThat(stored("applied")).isTrue();
  }

  @Test
  void throttlingIsAThrottlingExceptionThatTheSdkRetries() {
    engine.faults().set("*", Faults.Rule.none().withThrottling(1.0).atMost(2));
    try (DynamoDbClient retrying = Clients.of(engine, RetryMode.STANDARD, 3)) {
      retrying.putItem(r -> r.tableName("faulty").item(Map.of("pk", s("eventually"))));
    }
    assertThat(engine.faults().injected("PutItem", Faults.Kind.THROTTLING)).isEqualTo(2);
    assertThat(stored("eventually")).isTrue();

    engine.faults().set("GetItem", Faults.Rule.none().withThrottling(1.0));
    assertThatThrownBy(() -> stored("eventually"))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
              assertThat(e.isThrottlingException()).isTrue();
            });
  }

  @Test
  void aShareOfRequestsFailsAsDrawnAndOtherOperationsAreUntouched() {
    engine.faults().set("PutItem", Faults.Rule.none().withInternalErrors(0.3));
    int failed = 0;
    for (int i = 0; i < 200; i++) {
      try {
        put("p" + i);
      } catch (InternalServerErrorException expected) {
        failed++;
      }
    }
    assertThat(failed).isBetween(40, 80);
    assertThat(engine.faults().injected("PutItem", Faults.Kind.INTERNAL_ERROR)).isEqualTo(failed);
    assertThat(client.scan(r -> r.tableName("faulty")).count()).isEqualTo(200 - failed);
  }

  @Test
  void latencyIsAddedToEachRequest() {
    engine.faults().set("GetItem", Faults.Rule.none().withLatency(Duration.ofMillis(300)));
    long started = System.nanoTime();
    stored("x");
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void faultsAreSetReadAndClearedOverHttp() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    URI faults = URI.create(engine.endpoint() + "/engine/faults");
    HttpResponse<String> set =
        http.send(
            HttpRequest.newBuilder(faults)
                .PUT(HttpRequest.BodyPublishers.ofString("{\"PutItem\":{\"internalErrors\":1.0}}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(set.statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> put("http")).isInstanceOf(InternalServerErrorException.class);
    var read =
        new ObjectMapper()
            .readTree(
                http.send(
                        HttpRequest.newBuilder(faults).GET().build(),
                        HttpResponse.BodyHandlers.ofString())
                    .body());
    assertThat(read.at("/rules/PutItem/internalErrors").asDouble()).isEqualTo(1.0);
    assertThat(read.at("/injected/PutItem/INTERNAL_ERROR").asLong()).isEqualTo(1);

    http.send(
        HttpRequest.newBuilder(faults).DELETE().build(), HttpResponse.BodyHandlers.ofString());
    put("http");
    assertThat(stored("http")).isTrue();
  }
}
