package app.podium.operations;

import app.podium.AwsClients;
import app.podium.http.OriginCheck;
import app.podium.http.SecretVersions;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudfront.CloudFrontClient;
import software.amazon.awssdk.services.cloudfront.model.CustomHeaders;
import software.amazon.awssdk.services.cloudfront.model.DistributionConfig;
import software.amazon.awssdk.services.cloudfront.model.Origin;
import software.amazon.awssdk.services.cloudfront.model.OriginCustomHeader;

/**
 * Rotates the origin secret: Secrets Manager invokes it with each of its four steps, every few days
 * (the stack's schedule) or on {@code aws secretsmanager rotate-secret}.
 *
 * <ul>
 *   <li>{@code createSecret}: a new random value as the version {@code AWSPENDING} (kept if a retry
 *       finds it);
 *   <li>{@code setSecret}: that value into the CloudFront distribution's origin header ({@code
 *       GetDistributionConfig}, then {@code UpdateDistribution} with its ETag). The functions
 *       accept it from here on: a value they do not know makes them read the secret again ({@code
 *       OriginCheck});
 *   <li>{@code testSecret}: the distribution's configuration carries it;
 *   <li>{@code finishSecret}: it becomes {@code AWSCURRENT}, and the value before it {@code
 *       AWSPREVIOUS}, which the functions still accept while CloudFront's edges take the change
 *       (minutes).
 * </ul>
 *
 * Values are never logged. Every step can run again after a failure, as Secrets Manager retries it.
 */
public final class RotateOriginSecretHandler implements RequestHandler<Map<String, Object>, Void> {
  /** The distribution whose origin header carries the secret. */
  public static final String DISTRIBUTION_ID_ENV = "ORIGIN_DISTRIBUTION_ID";

  /** Set only off AWS: a CloudFront emulator (LocalStack). */
  public static final String CLOUDFRONT_ENDPOINT_ENV = "CLOUDFRONT_ENDPOINT";

  /**
   * As long as the value the stack generates first (48 letters and digits, about 285 random bits).
   */
  static final int LENGTH = 48;

  static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private static final Logger LOG = LogManager.getLogger(RotateOriginSecretHandler.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * The origin header on the distribution: what CloudFront adds to every request it sends to the
   * API.
   */
  public interface OriginHeader {
    /** The header's value on each origin that carries it. */
    List<String> values();

    /** Sets it on each origin that carries it; changes nothing when they all have it already. */
    void set(String value);
  }

  private final SecretVersions versions;
  private final OriginHeader header;
  private final Supplier<String> newValue;

  /**
   * Lambda's constructor: Secrets Manager and the distribution named by {@code
   * ORIGIN_DISTRIBUTION_ID}.
   */
  public RotateOriginSecretHandler() {
    this(
        SecretVersions.secretsManager(
            AwsClients.secretsManager(System.getenv(AwsClients.SECRETS_MANAGER_ENDPOINT_ENV))),
        cloudFront(
            cloudFrontClient(System.getenv(CLOUDFRONT_ENDPOINT_ENV)),
            System.getenv(DISTRIBUTION_ID_ENV)),
        RotateOriginSecretHandler::randomValue);
  }

  public RotateOriginSecretHandler(
      SecretVersions versions, OriginHeader header, Supplier<String> newValue) {
    this.versions = versions;
    this.header = header;
    this.newValue = newValue;
  }

  @Override
  public Void handleRequest(Map<String, Object> event, Context context) {
    rotate(field(event, "SecretId"), field(event, "ClientRequestToken"), field(event, "Step"));
    return null;
  }

  /**
   * One step for the version {@code token}, checked first as Secrets Manager's rotation template
   * does.
   */
  void rotate(String secretId, String token, String step) {
    SecretVersions.Description description = versions.describe(secretId);
    if (!description.rotationEnabled()) {
      throw new IllegalStateException("Secret " + secretId + " is not enabled for rotation");
    }
    List<String> stages = description.stagesByVersion().get(token);
    if (stages == null) {
      throw new IllegalStateException(
          "Version " + token + " of " + secretId + " has no stage for rotation");
    }
    if (stages.contains(SecretVersions.CURRENT)) {
      LOG.info("{}: version {} is already AWSCURRENT; nothing to do", step, token);
      return;
    }
    if (!stages.contains(SecretVersions.PENDING)) {
      throw new IllegalStateException(
          "Version " + token + " of " + secretId + " is not AWSPENDING");
    }
    switch (step) {
      case "createSecret" -> create(secretId, token);
      case "setSecret" -> {
        header.set(pending(secretId, token));
        LOG.info("setSecret: the distribution's origin header now carries version {}", token);
      }
      case "testSecret" -> test(secretId, token);
      case "finishSecret" -> finish(secretId, token, description);
      default -> throw new IllegalArgumentException("Unknown rotation step: " + step);
    }
  }

  private void create(String secretId, String token) {
    if (versions.value(secretId, Optional.empty(), SecretVersions.CURRENT).isEmpty()) {
      throw new IllegalStateException(
          "Secret " + secretId + " has no AWSCURRENT value to rotate from");
    }
    if (versions.value(secretId, Optional.of(token), SecretVersions.PENDING).isPresent()) {
      LOG.info("createSecret: version {} already has its value", token);
      return;
    }
    versions.putPending(secretId, token, newValue.get());
    LOG.info("createSecret: version {} stored as AWSPENDING", token);
  }

  private void test(String secretId, String token) {
    String pending = pending(secretId, token);
    List<String> sent = header.values();
    if (sent.isEmpty() || !sent.stream().allMatch(pending::equals)) {
      throw new IllegalStateException(
          "The distribution's origin header does not carry version " + token + " yet");
    }
    LOG.info("testSecret: the distribution carries version {}", token);
  }

  private void finish(String secretId, String token, SecretVersions.Description description) {
    String current =
        description
            .versionWith(SecretVersions.CURRENT)
            .orElseThrow(
                () ->
                    new IllegalStateException("Secret " + secretId + " has no AWSCURRENT version"));
    versions.promote(secretId, token, current);
    LOG.info("finishSecret: version {} is AWSCURRENT, {} AWSPREVIOUS", token, current);
  }

  private String pending(String secretId, String token) {
    return versions
        .value(secretId, Optional.of(token), SecretVersions.PENDING)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "Version " + token + " of " + secretId + " has no AWSPENDING value"));
  }

  private static String field(Map<String, Object> event, String name) {
    Object value = event == null ? null : event.get(name);
    if (value == null || value.toString().isBlank()) {
      throw new IllegalArgumentException("The rotation event has no " + name);
    }
    return value.toString();
  }

  static String randomValue() {
    StringBuilder value = new StringBuilder(LENGTH);
    for (int i = 0; i < LENGTH; i++) {
      value.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return value.toString();
  }

  /** CloudFront's API is global: one endpoint whatever the function's region. */
  static CloudFrontClient cloudFrontClient(String endpoint) {
    var builder = CloudFrontClient.builder();
    if (endpoint == null || endpoint.isBlank()) {
      builder.region(Region.AWS_GLOBAL);
    }
    return AwsClients.sync(builder, Duration.ofSeconds(10), endpoint).build();
  }

  /** The distribution's origin header through CloudFront's API. */
  static OriginHeader cloudFront(CloudFrontClient client, String distributionId) {
    if (distributionId == null || distributionId.isBlank()) {
      throw new IllegalStateException(
          DISTRIBUTION_ID_ENV + " is not set: it names the distribution to update");
    }
    return new OriginHeader() {
      @Override
      public List<String> values() {
        return headerValues(
            client.getDistributionConfig(r -> r.id(distributionId)).distributionConfig());
      }

      @Override
      public void set(String value) {
        var current = client.getDistributionConfig(r -> r.id(distributionId));
        DistributionConfig config = current.distributionConfig();
        List<String> values = headerValues(config);
        if (!values.isEmpty() && values.stream().allMatch(value::equals)) {
          return;
        }
        // If-Match: a configuration changed since it was read (a deploy) makes CloudFront refuse
        // the update, and
        // Secrets Manager runs the step again
        client.updateDistribution(
            r ->
                r.id(distributionId)
                    .ifMatch(current.eTag())
                    .distributionConfig(withHeader(config, value)));
      }
    };
  }

  /** The origin header's value on each origin that carries it. */
  static List<String> headerValues(DistributionConfig config) {
    return config.origins().items().stream()
        .filter(o -> o.customHeaders() != null)
        .flatMap(o -> o.customHeaders().items().stream())
        .filter(h -> h.headerName().equalsIgnoreCase(OriginCheck.HEADER))
        .map(OriginCustomHeader::headerValue)
        .toList();
  }

  /**
   * {@code config} with the origin header set to {@code value} wherever it is; refused if no origin
   * has it.
   */
  static DistributionConfig withHeader(DistributionConfig config, String value) {
    if (headerValues(config).isEmpty()) {
      throw new IllegalStateException(
          "No origin of the distribution carries " + OriginCheck.HEADER);
    }
    List<Origin> origins =
        config.origins().items().stream()
            .map(
                origin -> {
                  if (origin.customHeaders() == null) {
                    return origin;
                  }
                  List<OriginCustomHeader> headers =
                      origin.customHeaders().items().stream()
                          .map(
                              h ->
                                  h.headerName().equalsIgnoreCase(OriginCheck.HEADER)
                                      ? h.toBuilder().headerValue(value).build()
                                      : h)
                          .toList();
                  CustomHeaders custom = origin.customHeaders().toBuilder().items(headers).build();
                  return origin.toBuilder().customHeaders(custom).build();
                })
            .toList();
    return config.toBuilder().origins(config.origins().toBuilder().items(origins).build()).build();
  }
}
