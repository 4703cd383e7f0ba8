package app.podium.engine;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * SDK v2 clients (URL-connection HTTP, any credentials) for an engine, and small builders for test
 * data.
 */
final class Clients {
  private Clients() {}

  /** A client that does not retry: tests see each answer as the engine gave it. */
  static DynamoDbClient of(Engine engine) {
    return of(engine, RetryMode.STANDARD, 0);
  }

  static DynamoDbClient of(Engine engine, RetryMode mode, int retries) {
    return DynamoDbClient.builder()
        .endpointOverride(URI.create(engine.endpoint()))
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("any", "thing")))
        .httpClientBuilder(UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(30)))
        .overrideConfiguration(
            ClientOverrideConfiguration.builder()
                .retryStrategy(b -> b.maxAttempts(retries + 1))
                .build())
        .build();
  }

  static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  static AttributeValue n(String value) {
    return AttributeValue.fromN(value);
  }

  static AttributeDefinition attribute(String name, ScalarAttributeType type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  static KeySchemaElement hash(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.HASH).build();
  }

  static KeySchemaElement range(String name) {
    return KeySchemaElement.builder().attributeName(name).keyType(KeyType.RANGE).build();
  }

  /** A table keyed (pk S, sk N) when {@code sorted}, else (pk S), billed per request. */
  static void createTable(DynamoDbClient client, String name, boolean sorted) {
    client.createTable(
        r ->
            r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    sorted
                        ? new AttributeDefinition[] {
                          attribute("pk", ScalarAttributeType.S),
                          attribute("sk", ScalarAttributeType.N)
                        }
                        : new AttributeDefinition[] {attribute("pk", ScalarAttributeType.S)})
                .keySchema(
                    sorted
                        ? new KeySchemaElement[] {hash("pk"), range("sk")}
                        : new KeySchemaElement[] {hash("pk")}));
  }
}
