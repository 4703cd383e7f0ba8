package app.podium.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * Sends one request of DynamoDB's JSON 1.0 protocol as it goes on the wire: a POST of the body with
 * its {@code X-Amz-Target}, signed with SigV4 (a local endpoint takes any credentials, AWS needs
 * real ones). Not the SDK's client: a contract pair must be able to send what the SDK would refuse
 * to build.
 */
final class WireClient {
  static final String CONTENT_TYPE = "application/x-amz-json-1.0";
  private static final ObjectMapper JSON = new ObjectMapper();
  // java.net.http sets these itself and refuses them from the caller
  private static final Set<String> RESTRICTED =
      Set.of("host", "content-length", "connection", "expect", "upgrade");

  private final URI endpoint;
  private final AwsCredentialsProvider credentials;
  private final String region;
  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

  private WireClient(URI endpoint, AwsCredentialsProvider credentials, String region) {
    this.endpoint = endpoint;
    this.credentials = credentials;
    this.region = region;
  }

  /**
   * For an engine or DynamoDB Local on loopback: any credentials do, as on the real service's local
   * stand-ins.
   */
  static WireClient local(String endpoint) {
    return new WireClient(
        URI.create(endpoint),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("parity", "parity")),
        "us-east-1");
  }

  /**
   * For {@code PARITY_ENDPOINT}: the default credential chain and {@code AWS_REGION} (us-east-1
   * without it).
   */
  static WireClient remote(String endpoint) {
    String region = System.getenv().getOrDefault("AWS_REGION", "us-east-1");
    return new WireClient(
        URI.create(endpoint), DefaultCredentialsProvider.builder().build(), region);
  }

  String endpoint() {
    return endpoint.toString();
  }

  /** The status and the parsed body; a body that is not JSON comes back as a text node. */
  Answer send(String target, String body) {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    SdkHttpRequest unsigned =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.POST)
            .uri(endpoint)
            .putHeader("Content-Type", CONTENT_TYPE)
            .putHeader("X-Amz-Target", target)
            .build();
    SignedRequest signed =
        signer.sign(
            r ->
                r.identity(credentials.resolveIdentity().join())
                    .request(unsigned)
                    .payload(ContentStreamProvider.fromByteArray(bytes))
                    .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "dynamodb")
                    .putProperty(AwsV4HttpSigner.REGION_NAME, region));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(endpoint)
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    signed
        .request()
        .forEachHeader(
            (name, values) -> {
              if (!RESTRICTED.contains(name.toLowerCase())) {
                values.forEach(value -> request.header(name, value));
              }
            });
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()));
    } catch (IOException e) {
      throw new IllegalStateException("no answer from " + endpoint + " to " + target + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(String body) {
    try {
      return body.isBlank() ? TextNode.valueOf("") : JSON.readTree(body);
    } catch (IOException notJson) {
      return TextNode.valueOf(body);
    }
  }

  /** What came back: the HTTP status and the body. */
  record Answer(int status, JsonNode body) {
    /**
     * The error's type without its namespace ({@code ...#ValidationException} gives
     * ValidationException).
     */
    String errorType() {
      if (status < 300 || !body.hasNonNull("__type")) {
        return null;
      }
      List<String> parts = List.of(body.get("__type").asText().split("#"));
      return parts.getLast();
    }
  }
}
