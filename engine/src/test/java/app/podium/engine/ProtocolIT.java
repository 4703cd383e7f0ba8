package app.podium.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;

/**
 * DynamoDB's wire protocol: targets, error shapes and statuses the SDK maps to its exception
 * classes, limits.
 */
class ProtocolIT {
  static Engine engine;
  static DynamoDbClient client;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    engine = Engine.start(Engine.Options.defaults());
    client = Clients.of(engine);
    Clients.createTable(client, "protocol", false);
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  static HttpResponse<String> post(String target, String body, String authorization)
      throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(engine.endpoint() + "/"))
            .header("Content-Type", "application/x-amz-json-1.0")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (target != null) {
      request.header("X-Amz-Target", target);
    }
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theEndpointIsOnLoopback() {
    assertThat(engine.endpoint()).startsWith("http://127.0.0.1:").doesNotEndWith(":0");
  }

  @Test
  void anUnknownOperationIsRefusedByName() throws Exception {
    HttpResponse<String> response = post("DynamoDB_20120810.ExecuteStatement", "{}", null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("#UnknownOperationException").contains("ExecuteStatement");
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValue("application/x-amz-json-1.0");
  }

  @Test
  void anyCredentialsOrNoneAreAccepted() throws Exception {
    String body = "{\"TableName\":\"protocol\",\"Key\":{\"pk\":{\"S\":\"x\"}}}";
    assertThat(post("DynamoDB_20120810.GetItem", body, null).statusCode()).isEqualTo(200);
    assertThat(
            post(
                    "DynamoDB_20120810.GetItem",
                    body,
                    "AWS4-HMAC-SHA256 Credential=nobody/20200101/xx-nowhere-1/"
                        + "dynamodb/aws4_request, SignedHeaders=host, Signature=0000")
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aBodyThatIsNotJsonIsASerializationError() throws Exception {
    HttpResponse<String> response = post("DynamoDB_20120810.GetItem", "{\"TableName\":", null);
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("#SerializationException");
  }

  /**
   * Repeated: the 413 raced the client's unsent body (a reset lost it in 3 of 40 before the server
   * drained it).
   */
  @RepeatedTest(10)
  void aBodyOverSixteenMegabytesIsRefused() throws Exception {
    String huge =
        "{\"TableName\":\"protocol\",\"Item\":{\"pk\":{\"S\":\""
            + "x".repeat(16 * 1024 * 1024)
            + "\"}}}";
    HttpResponse<String> response = post("DynamoDB_20120810.PutItem", huge, null);
    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void errorsArriveAsTheSdksExceptionClassesWithDynamoDbsMessages() {
    assertThatThrownBy(() -> client.describeTable(r -> r.tableName("missing")))
        .isInstanceOf(ResourceNotFoundException.class)
        .hasMessageContaining("Cannot do operations on a non-existent table");
    assertThatThrownBy(() -> Clients.createTable(client, "protocol", false))
        .isInstanceOf(ResourceInUseException.class);
    assertThatThrownBy(() -> client.describeTable(r -> r.tableName("ab")))
        .isInstanceOfSatisfying(
            DynamoDbException.class,
            e -> {
              assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ValidationException");
              assertThat(e.statusCode()).isEqualTo(400);
              assertThat(e.awsErrorDetails().errorMessage())
                  .startsWith("Invalid table/index name.");
            });
  }
}
