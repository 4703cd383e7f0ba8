package app.podium.local;

import app.podium.AwsClients;
import app.podium.Backend;
import app.podium.Routes;
import app.podium.accounts.Argon2PasswordHasher;
import app.podium.accounts.PasswordHasher;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.fanout.sqs.SnsSqsFanoutTasks;
import app.podium.http.RequestMetrics;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Secrets;
import app.podium.shared.Settings;
import app.podium.shared.Variables;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The whole backend on one machine, no Docker, no AWS account: Podium's DynamoDB engine in this
 * process, every table from {@code Tables}, the SNS/SQS emulator with the post-events topic, the
 * fan-out queue and its DLQ, a poller that feeds the queue to {@link FanoutHandler} as Lambda
 * would, the first admin, and the HTTP API on 127.0.0.1.
 *
 * <p>Settings come from the same environment variables the Lambda functions read, plus the local
 * stack's own ({@code PODIUM_PORT}, {@code PODIUM_DATA_DIR}, ...), all declared in {@link
 * Variables}: an invalid value fails the start, a misspelt name is a warning.
 */
public final class LocalStack implements AutoCloseable {
  private static final Logger LOG = LogManager.getLogger(LocalStack.class);
  private final Optional<LocalDynamoDb> dynamoDb;
  private final Optional<LocalMessaging> messaging;
  private final MessagingResources queues;
  private final QueuePoller poller;
  private final SnsClient sns;
  private final SqsClient sqs;
  private final DynamoDbClient client;
  private final HttpApiServer server;
  private final Backend backend;
  private final String adminUsername;
  private final Optional<String> createdAdminPassword;
  private final String sqsEndpoint;
  private final String dynamoDbEndpoint;

  private LocalStack(
      Optional<LocalDynamoDb> dynamoDb,
      Optional<LocalMessaging> messaging,
      MessagingResources queues,
      QueuePoller poller,
      SnsClient sns,
      SqsClient sqs,
      DynamoDbClient client,
      HttpApiServer server,
      Backend backend,
      String adminUsername,
      Optional<String> createdAdminPassword,
      String sqsEndpoint,
      String dynamoDbEndpoint) {
    this.dynamoDb = dynamoDb;
    this.messaging = messaging;
    this.queues = queues;
    this.poller = poller;
    this.sns = sns;
    this.sqs = sqs;
    this.client = client;
    this.server = server;
    this.backend = backend;
    this.adminUsername = adminUsername;
    this.createdAdminPassword = createdAdminPassword;
    this.sqsEndpoint = sqsEndpoint;
    this.dynamoDbEndpoint = dynamoDbEndpoint;
  }

  /**
   * Starts everything. With {@code DYNAMODB_ENDPOINT} (or {@code SNS_ENDPOINT} and {@code
   * SQS_ENDPOINT}) in {@code environment} it uses those instead of starting its own: tests share
   * one engine and one emulator between stacks with different settings, and LocalStack can stand in
   * for both.
   */
  public static LocalStack start(Map<String, String> environment) throws Exception {
    return start(environment, new ExecutionInterceptor[0]);
  }

  /**
   * As {@link #start(Map)}, with SDK interceptors on the DynamoDB, SNS and SQS clients the
   * functions use: tests count calls with them, or make a share of calls fail.
   */
  public static LocalStack start(
      Map<String, String> environment, ExecutionInterceptor... interceptors) throws Exception {
    return start(environment, new Argon2PasswordHasher(), interceptors);
  }

  /**
   * As {@link #start(Map, ExecutionInterceptor...)}, hashing passwords with {@code passwords}:
   * tests that sign up thousands of members to load one path use a cheap hasher, since Argon2 is
   * built to be slow.
   */
  public static LocalStack start(
      Map<String, String> environment,
      PasswordHasher passwords,
      ExecutionInterceptor... interceptors)
      throws Exception {
    Map<String, String> env = new HashMap<>(environment);
    Variables.misspellings(env).forEach(LOG::warn);
    Variables.validate(env);
    RequestMetrics.enable(Variables.PODIUM_METRICS.read(env));
    int port = Variables.PODIUM_PORT.read(env);
    // what this start has opened so far, closed again (last first) if a later step fails
    java.util.Deque<AutoCloseable> opened = new java.util.ArrayDeque<>();
    try {
      Optional<LocalDynamoDb> dynamoDb = Optional.empty();
      if (env.get(AwsClients.DYNAMODB_ENDPOINT_ENV) == null) {
        Path dataDir = Variables.PODIUM_DATA_DIR.readIfSet(env).map(Path::of).orElse(null);
        if (dataDir != null) {
          Files.createDirectories(dataDir);
        }
        LocalDynamoDb started =
            LocalDynamoDb.start(
                app.podium.engine.Engine.Options.defaults()
                    .withPort(Variables.PODIUM_DYNAMODB_PORT.read(env))
                    .withDataDir(dataDir)
                    .withThroughputScale(Variables.PODIUM_THROUGHPUT_SCALE.read(env))
                    .withGsiLag(Duration.ofMillis(Variables.PODIUM_GSI_LAG_MS.read(env))));
        opened.push(started);
        dynamoDb = Optional.of(started);
        env.put(AwsClients.DYNAMODB_ENDPOINT_ENV, started.endpoint());
      }
      Optional<LocalMessaging> messaging = Optional.empty();
      if (env.get(AwsClients.SNS_ENDPOINT_ENV) == null
          || env.get(AwsClients.SQS_ENDPOINT_ENV) == null) {
        LocalMessaging started = LocalMessaging.start();
        opened.push(started::close);
        messaging = Optional.of(started);
        env.put(AwsClients.SNS_ENDPOINT_ENV, started.endpoint());
        env.put(AwsClients.SQS_ENDPOINT_ENV, started.endpoint());
      }
      if (port == 0) {
        port = LocalDynamoDb.freePort();
      }
      env.putIfAbsent("PUBLIC_URL", "http://127.0.0.1:" + port);
      Settings settings = Settings.fromEnvironment(env);
      DynamoDbClient client =
          AwsClients.dynamoDb(env.get(AwsClients.DYNAMODB_ENDPOINT_ENV), interceptors);
      opened.push(client);
      LocalDynamoDb.createTables(client, settings.tablePrefix());
      SnsClient sns = AwsClients.sns(env.get(AwsClients.SNS_ENDPOINT_ENV), interceptors);
      opened.push(sns);
      SqsClient sqs = AwsClients.sqs(env.get(AwsClients.SQS_ENDPOINT_ENV), interceptors);
      opened.push(sqs);
      MessagingResources queues =
          MessagingResources.create(
              sns,
              sqs,
              settings.tablePrefix(),
              Duration.ofSeconds(Variables.PODIUM_FANOUT_VISIBILITY_SECONDS.read(env)));
      FanoutTasks tasks = new SnsSqsFanoutTasks(sns, queues.topicArn(), sqs, queues.queueUrl());
      Backend backend = new Backend(settings, client, tasks, Clock.systemUTC(), passwords);
      FanoutHandler fanout = new FanoutHandler(backend.fanout());
      QueuePoller poller =
          new QueuePoller(
              sqs,
              queues.queueUrl(),
              (event, context) ->
                  Invocations.as(Routes.FANOUT.name(), () -> fanout.handleRequest(event, context)),
              Variables.PODIUM_FANOUT_POLLERS.read(env));
      opened.push(poller);

      String adminUsername = Variables.PODIUM_ADMIN_USERNAME.read(env);
      String adminPassword =
          Variables.PODIUM_ADMIN_PASSWORD
              .readIfSet(env)
              .orElseGet(() -> Secrets.token().substring(0, 20));
      boolean created =
          Invocations.as(
              Routes.BOOTSTRAP_ADMIN.name(),
              () ->
                  backend
                      .signup()
                      .ensureAdmin(
                          adminUsername,
                          Variables.PODIUM_ADMIN_EMAIL
                              .readIfSet(env)
                              .orElse(adminUsername + "@" + "podium.localhost"),
                          adminPassword));
      HttpApiServer server = new HttpApiServer(backend, port);
      return new LocalStack(
          dynamoDb,
          messaging,
          queues,
          poller,
          sns,
          sqs,
          client,
          server,
          backend,
          adminUsername,
          created ? Optional.of(adminPassword) : Optional.empty(),
          env.get(AwsClients.SQS_ENDPOINT_ENV),
          env.get(AwsClients.DYNAMODB_ENDPOINT_ENV));
    } catch (Exception | Error failed) {
      while (!opened.isEmpty()) {
        try {
          opened.pop().close();
        } catch (Exception closing) {
          failed.addSuppressed(closing);
        }
      }
      throw failed;
    }
  }

  public String url() {
    return "http://127.0.0.1:" + server.port();
  }

  /**
   * Answers one request in this process, without a socket, through the same route matching,
   * authorizer and handler as a request to {@link #url()}: for tests that send more requests than a
   * socket comfortably carries. {@code pathAndQuery} is the raw request target ({@code
   * /api/v1/statuses?x=1}).
   */
  public APIGatewayV2HTTPResponse dispatch(
      String method, String pathAndQuery, Map<String, List<String>> headers, byte[] body) {
    int question = pathAndQuery.indexOf('?');
    String rawPath = question < 0 ? pathAndQuery : pathAndQuery.substring(0, question);
    String rawQuery = question < 0 ? null : pathAndQuery.substring(question + 1);
    return server.respond(
        method,
        rawPath,
        rawQuery,
        headers,
        "HTTP/1.1",
        "127.0.0.1",
        body == null ? new byte[0] : body);
  }

  /** The functions' composition root in this process, with the stack's clients. */
  public Backend backend() {
    return backend;
  }

  public DynamoDbClient dynamoDbClient() {
    return client;
  }

  public SqsClient sqsClient() {
    return sqs;
  }

  /** Where the stack's DynamoDB is (its own engine's address unless another was given). */
  public String dynamoDbEndpoint() {
    return dynamoDbEndpoint;
  }

  /**
   * The engine this stack started, when it started one (not when given another DynamoDB endpoint).
   */
  public Optional<LocalDynamoDb> dynamoDb() {
    return dynamoDb;
  }

  /** Where the stack's SQS is (the emulator's address unless another was given). */
  public String sqsEndpoint() {
    return sqsEndpoint;
  }

  /** The topic, fan-out queue and dead-letter queue of this stack. */
  public MessagingResources queues() {
    return queues;
  }

  public String adminUsername() {
    return adminUsername;
  }

  /** The admin's password, when this start created the admin. */
  public Optional<String> createdAdminPassword() {
    return createdAdminPassword;
  }

  @Override
  public void close() throws Exception {
    server.close();
    poller.close();
    sns.close();
    sqs.close();
    if (messaging.isPresent()) {
      messaging.get().close();
    }
    client.close();
    if (dynamoDb.isPresent()) {
      dynamoDb.get().close();
    }
  }

  public static void main(String[] args) throws Exception {
    LocalStack stack;
    try {
      stack = start(System.getenv());
    } catch (Exception | Error failed) {
      // one line with the cause, and an exit that does not wait for threads a half-started stack
      // left behind
      System.err.println("Podium local stack failed to start: " + rootCause(failed));
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    stack.close();
                  } catch (Exception e) {
                    System.err.println("Podium local stack: error while stopping: " + e);
                  }
                  stopped.countDown();
                },
                "podium-local-shutdown"));
    stack
        .createdAdminPassword()
        .ifPresentOrElse(
            password ->
                System.out.println(
                    "Admin account created: "
                        + stack.adminUsername()
                        + " / "
                        + password
                        + "  (shown once; set PODIUM_ADMIN_PASSWORD to choose it)"),
            () ->
                System.out.println(
                    "Admin account: " + stack.adminUsername() + " (already exists)"));
    System.out.println(
        "Podium local stack ready at "
            + stack.url()
            + " (signup mode "
            + stack.backend().settings().signupMode().text()
            + "; DynamoDB at "
            + stack.dynamoDbEndpoint()
            + "; Ctrl-C stops it)");
    System.out.println(
        "SNS/SQS at "
            + stack.sqsEndpoint()
            + "; to replay the fan-out dead-letter queue: SQS_ENDPOINT="
            + stack.sqsEndpoint()
            + " ./mvnw -q -pl local -am -Preplay-dead-letters package");
    stopped.await();
  }

  /** The innermost cause's class and message, on one line. */
  static String rootCause(Throwable failed) {
    Throwable cause = failed;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message =
        cause == failed
            ? String.valueOf(failed.getMessage())
            : failed.getMessage()
                + " ("
                + cause.getClass().getSimpleName()
                + ": "
                + cause.getMessage()
                + ")";
    return message.replace('\n', ' ');
  }
}
