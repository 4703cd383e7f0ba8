package app.podium;

import app.podium.accounts.Argon2PasswordHasher;
import app.podium.apps.api.AuthorizeRequestHandler;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.fanout.sqs.SnsSqsFanoutTasks;
import app.podium.http.Json;
import app.podium.http.OriginCheck;
import app.podium.http.Route;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2CustomAuthorizerEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * What the functions' Lambda jar must hold, run in whatever class loader loaded this class:
 * ShadedJarIT runs it once from the shaded jar alone and once from the build's class path, and
 * compares. It loads every handler class of the jar, calls each SDK client as Lambda builds it (a
 * region and no endpoint: the SDK's own endpoint rules), primes every declared route, runs a route
 * function's Lambda path (Powertools' logging, Log4j's plugins), the authorizer and the fan-out on
 * the repository's sample events, all on clients that send nothing ({@link NoNetwork}).
 *
 * <p>Only JDK types cross the class loaders: {@link #run} answers each step's outcome as text.
 */
public final class ShadedJarProbe {
  private ShadedJarProbe() {}

  /**
   * @param events the repository's {@code events/} folder
   * @return each step's outcome: a status code, "loaded", or a failure's class
   */
  public static Map<String, String> run(Path events) {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (Routes.Function function : Routes.FUNCTIONS) {
      if (function.jar() == Routes.Jar.FUNCTIONS) {
        outcomes.put("handler " + function.name(), load(function.handler()));
      }
    }
    NoNetwork network = new NoNetwork();
    DynamoDbClient dynamoDb = asInLambda(DynamoDbClient.builder(), network);
    SnsClient sns = asInLambda(SnsClient.builder(), network);
    SqsClient sqs = asInLambda(SqsClient.builder(), network);
    SecretsManagerClient secrets = asInLambda(SecretsManagerClient.builder(), network);
    outcomes.put(
        "sdk dynamodb", outcome(() -> dynamoDb.getItem(r -> r.tableName("t").key(Map.of()))));
    outcomes.put(
        "sdk sns",
        outcome(() -> sns.publish(r -> r.topicArn("arn:aws:sns:us-east-1:1:t").message("m"))));
    outcomes.put(
        "sdk sqs",
        outcome(
            () ->
                sqs.sendMessage(
                    r -> r.queueUrl("https://sqs.us-east-1.amazonaws.com/1/q").messageBody("m"))));
    outcomes.put("sdk secretsmanager", outcome(() -> secrets.getSecretValue(r -> r.secretId("s"))));

    List<String> keys = Routes.ALL.stream().map(Route::key).toList();
    Settings settings = Settings.fromEnvironment(Map.of("TABLE_PREFIX", "podium-probe-"));
    new Priming(settings, dynamoDb, OriginCheck.off(), keys)
        .routes()
        .answered()
        .forEach((key, answer) -> outcomes.put("route " + key, "" + answer.getStatusCode()));

    Backend backend =
        new Backend(
            settings,
            dynamoDb,
            new SnsSqsFanoutTasks(
                sns,
                "arn:aws:sns:us-east-1:000000000000:probe",
                sqs,
                "https://sqs.us-east-1.amazonaws.com/000000000000/probe"),
            Clock.systemUTC(),
            new Argon2PasswordHasher(),
            OriginCheck.off());
    APIGatewayV2HTTPEvent instance =
        APIGatewayV2HTTPEvent.builder()
            .withVersion("2.0")
            .withRouteKey("GET /api/v1/instance")
            .withRawPath("/api/v1/instance")
            .withHeaders(Map.of("host", "podium.example"))
            .build();
    outcomes.put(
        "lambda GET /api/v1/instance",
        outcome(
            () ->
                new RouteFunction(backend, "GET /api/v1/instance")
                    .handleRequest(instance, LAMBDA)
                    .getStatusCode()));
    APIGatewayV2CustomAuthorizerEvent authorizerEvent = authorizerEvent(events);
    // the event parses its time with the Joda formatter its class holds
    outcomes.put(
        "authorizer event time", String.valueOf(authorizerEvent.getRequestContext().getTime()));
    outcomes.put(
        "authorizer",
        outcome(
            () ->
                new AuthorizeRequestHandler(backend.origin(), backend.oauth())
                    .handleRequest(authorizerEvent, LAMBDA)
                    .getIsAuthorized()));
    outcomes.put(
        "fanout",
        outcome(
            () ->
                new FanoutHandler(backend.fanout())
                    .handleRequest(sqsEvent(events.resolve("sqs/post-created.json")), LAMBDA)
                    .getBatchItemFailures()
                    .size()));
    return outcomes;
  }

  private static String load(String className) {
    try {
      Class<?> loaded = Class.forName(className, true, ShadedJarProbe.class.getClassLoader());
      return "loaded " + loaded.getDeclaredMethods().length + " methods";
    } catch (ClassNotFoundException e) {
      return e.toString();
    }
  }

  /** The builder as {@link AwsClients} leaves it in Lambda (no endpoint), on {@code network}. */
  private static <C, B extends SdkSyncClientBuilder<B, C> & AwsClientBuilder<B, C>> C asInLambda(
      B builder, NoNetwork network) {
    return builder
        .httpClient(network)
        .region(Region.US_EAST_1)
        .credentialsProvider(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("probe", "probe")))
        .build();
  }

  /**
   * The step's answer, or the class of what it threw: an empty answer is no valid SNS or SQS
   * answer, the same failure from either class path. An {@link Error} (a class the jar lacks) is
   * not caught.
   */
  private static String outcome(Supplier<?> step) {
    try {
      return String.valueOf(step.get());
    } catch (RuntimeException e) {
      return e.getClass().getName();
    }
  }

  private static APIGatewayV2CustomAuthorizerEvent authorizerEvent(Path events) {
    JsonNode sample = read(events.resolve("http/authorizer-request.json"));
    JsonNode context = sample.path("requestContext");
    return APIGatewayV2CustomAuthorizerEvent.builder()
        .withVersion(sample.path("version").asText())
        .withType(sample.path("type").asText())
        .withRouteArn(sample.path("routeArn").asText())
        .withRouteKey(sample.path("routeKey").asText())
        .withRawPath(sample.path("rawPath").asText())
        .withRawQueryString(sample.path("rawQueryString").asText())
        .withHeaders(Json.MAPPER.convertValue(sample.path("headers"), STRINGS))
        .withRequestContext(
            APIGatewayV2CustomAuthorizerEvent.RequestContext.builder()
                .withAccountId(context.path("accountId").asText())
                .withApiId(context.path("apiId").asText())
                .withRequestId(context.path("requestId").asText())
                .withRouteKey(context.path("routeKey").asText())
                .withStage(context.path("stage").asText())
                .withTime(context.path("time").asText())
                .withTimeEpoch(context.path("timeEpoch").asLong())
                .build())
        .build();
  }

  private static SQSEvent sqsEvent(Path file) {
    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    for (JsonNode record : read(file).path("Records")) {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId(record.path("messageId").asText());
      message.setBody(record.path("body").asText());
      message.setEventSource(record.path("eventSource").asText());
      messages.add(message);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(messages);
    return event;
  }

  private static JsonNode read(Path file) {
    try {
      return Json.MAPPER.readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};

  private static final Context LAMBDA = new LambdaContext();
}
