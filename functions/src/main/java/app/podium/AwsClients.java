package app.podium;

import app.podium.shared.Variables;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The SDK clients, all on the URL-connection HTTP client (small, fast to start in Lambda). In
 * Lambda, region and credentials come from the environment; with an endpoint (the local stack,
 * LocalStack) they are fixed test values.
 */
public final class AwsClients {
  /** Set only off AWS: the local stack and tests point the SDK at a local DynamoDB. */
  public static final String DYNAMODB_ENDPOINT_ENV = Variables.DYNAMODB_ENDPOINT.name();

  /** Set only off AWS: the SNS/SQS emulator (or LocalStack). */
  public static final String SNS_ENDPOINT_ENV = Variables.SNS_ENDPOINT.name();

  public static final String SQS_ENDPOINT_ENV = Variables.SQS_ENDPOINT.name();

  /** Set only off AWS: a Secrets Manager emulator (LocalStack). */
  public static final String SECRETS_MANAGER_ENDPOINT_ENV =
      Variables.SECRETS_MANAGER_ENDPOINT.name();

  private AwsClients() {}

  /**
   * @param interceptors added to the client, e.g. by tests that count calls or inject faults; none
   *     in Lambda
   */
  public static DynamoDbClient dynamoDb(String endpoint, ExecutionInterceptor... interceptors) {
    return sync(DynamoDbClient.builder(), Duration.ofSeconds(5), endpoint, interceptors).build();
  }

  public static SnsClient sns(String endpoint, ExecutionInterceptor... interceptors) {
    return sync(SnsClient.builder(), Duration.ofSeconds(10), endpoint, interceptors).build();
  }

  public static SqsClient sqs(String endpoint, ExecutionInterceptor... interceptors) {
    return sync(SqsClient.builder(), Duration.ofSeconds(30), endpoint, interceptors).build();
  }

  public static SecretsManagerClient secretsManager(
      String endpoint, ExecutionInterceptor... interceptors) {
    return sync(SecretsManagerClient.builder(), Duration.ofSeconds(5), endpoint, interceptors)
        .build();
  }

  /**
   * Any service's client builder as the ones above: the URL-connection client with this read
   * timeout, and off AWS the endpoint and fixed credentials. The rotation function builds its
   * CloudFront client with it, in a jar of its own (functions/rotation).
   */
  public static <B extends SdkSyncClientBuilder<B, ?> & AwsClientBuilder<B, ?>> B sync(
      B builder, Duration socketTimeout, String endpoint, ExecutionInterceptor... interceptors) {
    return configure(builder.httpClientBuilder(http(socketTimeout)), endpoint, interceptors);
  }

  private static UrlConnectionHttpClient.Builder http(Duration socketTimeout) {
    return UrlConnectionHttpClient.builder()
        .connectionTimeout(Duration.ofSeconds(2))
        .socketTimeout(socketTimeout);
  }

  private static <B extends AwsClientBuilder<B, ?>> B configure(
      B builder, String endpoint, ExecutionInterceptor... interceptors) {
    if (interceptors.length > 0) {
      builder.overrideConfiguration(
          c -> {
            for (ExecutionInterceptor interceptor : interceptors) {
              c.addExecutionInterceptor(interceptor);
            }
          });
    }
    if (endpoint != null && !endpoint.isBlank()) {
      builder
          .endpointOverride(URI.create(endpoint))
          .region(Region.US_EAST_1)
          .credentialsProvider(
              StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")));
    }
    return builder;
  }
}
