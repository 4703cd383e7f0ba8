package app.podium;

import app.podium.accounts.Account;
import app.podium.accounts.Argon2PasswordHasher;
import app.podium.accounts.NewAccount;
import app.podium.accounts.api.AccountView;
import app.podium.accounts.store.DynamoDbAccountRepository;
import app.podium.fanout.sqs.SnsSqsFanoutTasks;
import app.podium.http.ApiRequest;
import app.podium.http.Caller;
import app.podium.http.Json;
import app.podium.http.OriginCheck;
import app.podium.http.RequestMetrics;
import app.podium.http.Route;
import app.podium.shared.Settings;
import app.podium.store.DynamoDb;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * SnapStart priming: before Lambda snapshots an initialized container, run the code every request
 * runs, so the classes it loads, the lambdas it links and the JIT work it triggers are in the
 * snapshot instead of in the first request after each restore. Registered once per container by
 * {@link Backend#shared()}.
 *
 * <p>A route's function primes its route ({@link #routes}): the route's own code, its services and
 * stores, and the SDK's marshallers and unmarshallers of the calls it makes, run on a backend whose
 * clients send nothing ({@link NoNetwork}), so priming reads and writes nothing.
 *
 * <p>Nothing here may fail the checkpoint: each step swallows its failure (a function without
 * DynamoDB grants, a table that does not exist yet, a throttled call) and the rest still runs.
 *
 * <p>{@link #afterRestore} has nothing to do. Everything that must differ between restored
 * containers draws from {@link java.security.SecureRandom} at the moment it is used (ids, tokens,
 * invite codes, password salts; Lambda reseeds SecureRandom on restore), none of it is created or
 * cached by priming, and the SDK clients hold no credentials or connections that priming could
 * freeze: credentials are resolved and refreshed by the SDK, connections that went stale in the
 * snapshot are reopened on use.
 */
public final class Priming implements Resource {
  private static final Logger LOG = LogManager.getLogger(Priming.class);

  /** The container's registration. CRaC holds resources weakly: this keeps the Priming alive. */
  static final Registration GLOBAL = new Registration();

  /** Cannot be an account id: ids are digits (see {@code Ids}). */
  static final String ABSENT_ACCOUNT_ID = "priming-absent";

  /** The origin secret of the backend that primes the routes: it has no other. */
  static final String ORIGIN_VALUE = "priming";

  /** A member with every scope, so that no route's access rule stops its code. */
  static final Map<String, Object> CALLER =
      Map.of(
          "accountId",
          "1",
          "clientId",
          "priming",
          "scopes",
          "read write follow push admin:read admin:write");

  private final Settings settings;
  private final DynamoDbClient dynamoDb;
  private final OriginCheck origin;
  private final List<String> routes;

  /**
   * @param routes the keys of the routes to prime: a route's function has its own, the other
   *     functions none
   */
  Priming(Settings settings, DynamoDbClient dynamoDb, OriginCheck origin, List<String> routes) {
    this.settings = settings;
    this.dynamoDb = dynamoDb;
    this.origin = origin;
    this.routes = List.copyOf(routes);
  }

  @Override
  public void beforeCheckpoint(Context<? extends Resource> context) {
    List<String> failed = prime();
    LOG.info(
        "SnapStart priming done{}", failed.isEmpty() ? "" : "; skipped after failures: " + failed);
  }

  @Override
  public void afterRestore(Context<? extends Resource> context) {
    // nothing: see the class comment
  }

  /**
   * Runs the container's registered priming now, as {@link #beforeCheckpoint} would: for a JVM that
   * cannot checkpoint (the bench's cold-start probe, which times the first request after it).
   *
   * @return the steps that failed
   */
  public static List<String> primeRegistered() {
    return GLOBAL
        .registered()
        .orElseThrow(() -> new IllegalStateException("nothing registered"))
        .prime();
  }

  /** Runs every step; returns the names of those that failed (and were swallowed). */
  public List<String> prime() {
    List<String> failed = new ArrayList<>();
    step("jackson", this::jackson, failed);
    step("schemas", Schemas::prime, failed);
    step("request", this::request, failed);
    step("dynamodb", this::dynamoDb, failed);
    step("origin", this::origin, failed);
    step("routes", this::routes, failed);
    return failed;
  }

  private static void step(String name, Runnable step, List<String> failed) {
    try {
      step.run();
    } catch (RuntimeException | LinkageError e) {
      failed.add(name);
      LOG.warn("SnapStart priming step {} failed: {}", name, e.toString());
    }
  }

  private void jackson() {
    Account account =
        Account.newMember(
            "1",
            "priming",
            "priming@example.invalid",
            Account.Role.MEMBER,
            "en",
            Instant.EPOCH,
            Optional.empty(),
            Optional.empty());
    Json.write(AccountView.of(account, settings));
    try {
      Json.MAPPER.readTree(JSON_BODY);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs each of {@link #routes} once as a member with every scope would call it, on a backend like
   * the container's whose clients send nothing.
   *
   * @return each route's answer, and the SDK calls made (none left the process)
   */
  Primed routes() {
    Map<String, APIGatewayV2HTTPResponse> answered = new LinkedHashMap<>();
    if (routes.isEmpty()) {
      return new Primed(answered, List.of());
    }
    NoNetwork network = new NoNetwork();
    DynamoDbClient offlineDynamoDb = network.client(DynamoDbClient.builder()).build();
    holdCaller(network, offlineDynamoDb);
    Backend offline =
        new Backend(
            settings,
            offlineDynamoDb,
            new SnsSqsFanoutTasks(
                network.client(SnsClient.builder()).build(),
                "arn:aws:sns:us-east-1:000000000000:priming",
                network.client(SqsClient.builder()).build(),
                "http://priming.invalid/000000000000/priming"),
            Clock.systemUTC(),
            new Argon2PasswordHasher(),
            OriginCheck.fixed(ORIGIN_VALUE));
    for (String key : routes) {
      answered.put(
          key, RequestMetrics.withheld(() -> offline.route(key).handle(event(Routes.byKey(key)))));
    }
    return new Primed(answered, network.targets());
  }

  /**
   * What priming the routes did: each route's answer by key, in order, and the operation of each
   * SDK call ({@code DynamoDB_20120810.GetItem}, {@code AmazonSQS.SendMessage}, SNS's host).
   */
  record Primed(Map<String, APIGatewayV2HTTPResponse> answered, List<String> calls) {}

  /**
   * The caller's account, an admin, as its store writes it: every GetItem on the accounts table
   * answers it, so a route's code goes past looking its caller up.
   */
  private void holdCaller(NoNetwork network, DynamoDbClient offline) {
    Account admin =
        Account.newMember(
            (String) CALLER.get("accountId"),
            "priming",
            "priming@example.invalid",
            Account.Role.ADMIN,
            "en",
            Instant.EPOCH,
            Optional.empty(),
            Optional.empty());
    new DynamoDbAccountRepository(new DynamoDb(offline, settings.tablePrefix()))
        .create(new NewAccount(admin, "priming", Optional.empty()), Instant.EPOCH);
    network.holds(
        Tables.ACCOUNTS.physicalName(settings.tablePrefix()),
        network.lastBody().path("TransactItems").path(0).path("Put").path("Item"));
  }

  /**
   * A request of the route through the CDN from a member with every scope: each path parameter 1, a
   * JSON body on writes.
   */
  static APIGatewayV2HTTPEvent event(Route<?> route) {
    Map<String, String> parameters = new HashMap<>();
    String path = route.path();
    Matcher names = Pattern.compile("\\{([^}]+)}").matcher(path);
    while (names.find()) {
      parameters.put(names.group(1), "1");
    }
    String rawPath = path.replaceAll("\\{[^}]+}", "1");
    boolean write = route.method() != Route.Method.GET;
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey(route.key())
        .withRawPath(rawPath)
        .withRawQueryString("limit=20")
        .withPathParameters(parameters)
        .withHeaders(
            Map.of(
                "content-type",
                "application/json; charset=utf-8",
                OriginCheck.HEADER,
                ORIGIN_VALUE,
                "cloudfront-viewer-country",
                "US",
                "cloudfront-viewer-address",
                "198.51.100.1:443"))
        .withBody(write ? JSON_BODY : null)
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod(route.method().name())
                        .withPath(rawPath)
                        .withSourceIp("198.51.100.1")
                        .build())
                .withAuthorizer(
                    APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder()
                        .withLambda(CALLER)
                        .build())
                .build())
        .build();
  }

  private void request() {
    ApiRequest.from(event(), Caller.ANONYMOUS, settings).params();
  }

  /**
   * Connects the DynamoDB client (TLS, credentials, signing, the error path) on a key no item can
   * have.
   */
  private void dynamoDb() {
    dynamoDb.getItem(
        r ->
            r.tableName(Tables.ACCOUNTS.physicalName(settings.tablePrefix()))
                .key(
                    Map.of(
                        Tables.ACCOUNTS.partitionKey().name(),
                        AttributeValue.fromS(ABSENT_ACCOUNT_ID))));
  }

  /**
   * Reads the origin secret's values (from Secrets Manager on AWS: its client's classes, TLS,
   * signing). A restored container reads them again once they are older than {@code
   * OriginCheck.MAX_AGE}, as any container does.
   */
  private void origin() {
    origin.passes(Map.of(OriginCheck.HEADER, "priming"));
  }

  static final String JSON_BODY =
      "{\"status\":\"Hello from priming\",\"visibility\":\"public\","
          + "\"in_reply_to_id\":null,\"sensitive\":false,\"media_ids\":[],\"language\":\"en\"}";

  /** A POST with a JSON body, the viewer headers CloudFront adds, and a query string. */
  static APIGatewayV2HTTPEvent event() {
    return APIGatewayV2HTTPEvent.builder()
        .withVersion("2.0")
        .withRouteKey("POST /api/v1/statuses")
        .withRawPath("/api/v1/statuses")
        .withRawQueryString("limit=20&max_id=1")
        .withHeaders(
            Map.of(
                "content-type",
                "application/json; charset=utf-8",
                "cloudfront-viewer-country",
                "US",
                "cloudfront-viewer-address",
                "198.51.100.1:443"))
        .withBody(JSON_BODY)
        .withIsBase64Encoded(false)
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("POST")
                        .withPath("/api/v1/statuses")
                        .withSourceIp("198.51.100.1")
                        .build())
                .build())
        .build();
  }

  /** Registers one Priming per container, however often it is asked. */
  static final class Registration {
    private Priming registered;

    synchronized Optional<Priming> registered() {
      return Optional.ofNullable(registered);
    }

    synchronized Priming register(Supplier<Priming> priming, Context<Resource> context) {
      if (registered == null) {
        registered = priming.get();
        context.register(registered);
      }
      return registered;
    }
  }
}
