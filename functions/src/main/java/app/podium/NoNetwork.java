package app.podium;

import app.podium.http.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;

/**
 * An HTTP client that sends nothing: every call the SDK makes through it is answered at once with
 * an empty JSON object (no item, no page, nothing unprocessed), or for a DynamoDB GetItem or
 * BatchGetItem on a table given an item ({@link #holds}) that item, so {@link Priming} can run a
 * route's code, its stores and the SDK's marshallers and unmarshallers without reading or writing
 * anything.
 */
final class NoNetwork implements SdkHttpClient {
  private static final String EMPTY_OBJECT = "{}";

  private final List<String> targets = new ArrayList<>();
  private final List<JsonNode> bodies = new ArrayList<>();
  private final Map<String, JsonNode> items = new HashMap<>();

  /**
   * From now on a GetItem on {@code table} answers {@code item} (DynamoDB's JSON), whatever key,
   * and a BatchGetItem that asks {@code table} finds it once.
   */
  synchronized void holds(String table, JsonNode item) {
    items.put(table, item);
  }

  /** The JSON body of the last call. */
  synchronized JsonNode lastBody() {
    return bodies.getLast();
  }

  /** A builder of any service's client on this one, with fixed credentials and no real endpoint. */
  <B extends SdkSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B client(B builder) {
    return builder
        .httpClient(this)
        .endpointOverride(URI.create("http://priming.invalid"))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")));
  }

  /** The operation ({@code X-Amz-Target}, or the query's {@code Action}) of each call so far. */
  synchronized List<String> targets() {
    return List.copyOf(targets);
  }

  @Override
  public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
    String target =
        request
            .httpRequest()
            .firstMatchingHeader("X-Amz-Target")
            .orElse(request.httpRequest().getUri().getHost());
    JsonNode body = body(request);
    return new ExecutableHttpRequest() {
      @Override
      public HttpExecuteResponse call() {
        String answer = EMPTY_OBJECT;
        synchronized (NoNetwork.this) {
          targets.add(target);
          bodies.add(body);
          JsonNode item = items.get(body.path("TableName").asText());
          if (target.endsWith(".GetItem") && item != null) {
            answer = Json.MAPPER.createObjectNode().set("Item", item).toString();
          }
          if (target.endsWith(".BatchGetItem")) {
            answer = batchAnswer(body);
          }
        }
        return HttpExecuteResponse.builder()
            .response(SdkHttpResponse.builder().statusCode(200).build())
            .responseBody(
                AbortableInputStream.create(
                    new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8))))
            .build();
      }

      @Override
      public void abort() {
        // nothing is in flight
      }
    };
  }

  /**
   * A BatchGetItem's answer: the held item once for each table asked that holds one (the home read
   * finds its reader in the batch of its page), nothing for the others.
   */
  private String batchAnswer(JsonNode body) {
    var responses = Json.MAPPER.createObjectNode();
    body.path("RequestItems")
        .fieldNames()
        .forEachRemaining(
            table -> {
              if (items.containsKey(table)) {
                responses.putArray(table).add(items.get(table));
              }
            });
    return Json.MAPPER.createObjectNode().set("Responses", responses).toString();
  }

  /** The request's body as JSON; a missing or other body (SNS's form) as an empty object. */
  private static JsonNode body(HttpExecuteRequest request) {
    if (request.contentStreamProvider().isEmpty()) {
      return Json.MAPPER.createObjectNode();
    }
    try (InputStream in = request.contentStreamProvider().get().newStream()) {
      byte[] bytes = in.readAllBytes();
      return bytes.length > 0 && bytes[0] == '{'
          ? Json.MAPPER.readTree(bytes)
          : Json.MAPPER.createObjectNode();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String clientName() {
    return "NoNetwork";
  }

  @Override
  public void close() {
    // holds nothing
  }
}
