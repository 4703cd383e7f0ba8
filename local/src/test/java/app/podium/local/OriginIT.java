package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import app.podium.local.support.TestStacks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbRequest;

/**
 * Issue 15, finding 4: with the origin secret configured, a call that did not come through the CDN
 * (no {@code X-Origin-Verify}, a wrong one, a longer one) is refused before anything reads
 * DynamoDB. On a protected route the authorizer refuses it (API Gateway's 403), so the token is
 * never looked up; on a public route the handler's first check does. Every DynamoDB call the
 * stack's functions make is counted by an SDK interceptor.
 */
@PodiumIT(settings = {"ORIGIN_SECRET", OriginIT.SECRET})
class OriginIT {
  static final String SECRET = "origin-secret-of-origin-it";
  @PodiumIT.OnStack static final DynamoDbCalls CALLS = new DynamoDbCalls();

  static LocalStack stack;
  static ApiClient api;
  static String token;

  /** Every DynamoDB operation the stack's client starts, refused or not. */
  static final class DynamoDbCalls implements ExecutionInterceptor {
    final List<String> operations = new CopyOnWriteArrayList<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      if (context.request() instanceof DynamoDbRequest request) {
        operations.add(request.getClass().getSimpleName());
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    var app = viaCdn(api.post("/api/v1/apps")).form(Podium.appForm("origin", "read write")).send();
    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    var login =
        viaCdn(api.post("/oauth/token"))
            .form(
                Podium.passwordGrant(
                    stack.adminUsername(),
                    TestStacks.ADMIN_PASSWORD,
                    app.field("client_id"),
                    app.field("client_secret"),
                    "read"))
            .send();
    assertThat(login.status()).as(login.toString()).isEqualTo(200);
    token = login.field("access_token");
  }

  /**
   * How a direct call gets the header wrong: leaves it out, sends another value, or the value and
   * more.
   */
  static Map<String, Map<String, String>> directHeaders() {
    Map<String, Map<String, String>> direct = new LinkedHashMap<>();
    direct.put("no header", Map.of());
    direct.put(
        "a wrong header",
        Map.of("X-Origin-Verify", SECRET.substring(0, SECRET.length() - 1) + "T"));
    direct.put("a longer header", Map.of("X-Origin-Verify", SECRET + "t"));
    direct.put("an empty header", Map.of("X-Origin-Verify", ""));
    return direct;
  }

  @Test
  void directCallsToAProtectedRouteAreRefusedByTheAuthorizerWithoutATokenLookup() {
    assertThat(
            directCallsThatRead(
                () ->
                    api.get("/api/v1/accounts/verify_credentials")
                        .token(token)
                        .outsideContract(
                            "API Gateway's own 403 when the authorizer refuses the request"),
                "message",
                "Forbidden"))
        .isEmpty();

    CALLS.operations.clear();
    var through = viaCdn(api.get("/api/v1/accounts/verify_credentials").token(token)).send();
    assertThat(through.status()).as(through.toString()).isEqualTo(200);
    assertThat(through.field("username")).isEqualTo(stack.adminUsername());
    assertThat(CALLS.operations)
        .as("the counter sees the token lookup and the account read")
        .contains("GetItemRequest");
  }

  @Test
  void directCallsToAPublicRouteAreRefusedByTheHandlerBeforeItReadsAnything() {
    String lookup = "/api/v1/accounts/lookup?acct=" + stack.adminUsername();
    assertThat(
            directCallsThatRead(
                () -> api.get(lookup), "error", "Requests must come through the CDN"))
        .isEmpty();

    CALLS.operations.clear();
    var through = viaCdn(api.get(lookup)).send();
    assertThat(through.status()).as(through.toString()).isEqualTo(200);
    assertThat(CALLS.operations).as("the lookup reads the username's key").isNotEmpty();
  }

  /**
   * Sends the call once per way of getting the header wrong, checks each is a 403 whose {@code
   * field} is {@code message}, and returns those that made DynamoDB calls, with the calls.
   */
  static List<String> directCallsThatRead(
      Supplier<ApiClient.Call> call, String field, String message) {
    List<String> read = new ArrayList<>();
    directHeaders()
        .forEach(
            (how, headers) -> {
              CALLS.operations.clear();
              ApiClient.Call direct = call.get();
              headers.forEach(direct::header);
              var response = direct.send();

              assertThat(response.status()).as(how + ": " + response).isEqualTo(403);
              assertThat(response.json().path(field).asText()).as(how).isEqualTo(message);
              if (!CALLS.operations.isEmpty()) {
                read.add(how + " made DynamoDB calls " + CALLS.operations);
              }
            });
    return read;
  }

  /** What CloudFront adds on its way to the origin. */
  static ApiClient.Call viaCdn(ApiClient.Call call) {
    return call.header("X-Origin-Verify", SECRET);
  }
}
