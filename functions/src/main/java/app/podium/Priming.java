package app.podium;

import app.podium.accounts.Account;
import app.podium.accounts.api.AccountView;
import app.podium.http.ApiRequest;
import app.podium.http.Caller;
import app.podium.http.Json;
import app.podium.http.OriginCheck;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.crac.Context;
import org.crac.Resource;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * SnapStart priming: before Lambda snapshots an initialized container, run the code every request
 * runs, so the classes it loads, the lambdas it links and the JIT work it triggers are in the
 * snapshot instead of in the first request after each restore. Registered once per container by
 * {@link Backend#shared()}.
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

  private final Settings settings;
  private final DynamoDbClient dynamoDb;
  private final OriginCheck origin;

  Priming(Settings settings, DynamoDbClient dynamoDb, OriginCheck origin) {
    this.settings = settings;
    this.dynamoDb = dynamoDb;
    this.origin = origin;
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

  /** Runs every step; returns the names of those that failed (and were swallowed). */
  public List<String> prime() {
    List<String> failed = new ArrayList<>();
    step("jackson", this::jackson, failed);
    step("schemas", Schemas::prime, failed);
    step("request", this::request, failed);
    step("dynamodb", this::dynamoDb, failed);
    step("origin", this::origin, failed);
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

    synchronized Priming register(Supplier<Priming> priming, Context<Resource> context) {
      if (registered == null) {
        registered = priming.get();
        context.register(registered);
      }
      return registered;
    }
  }
}
