package app.podium.local;

import static app.podium.local.support.Throttling.assertThrottled;
import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.ApiClient;
import app.podium.local.support.CallFaults;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The request-wide limits that AWS WAF applies on the CDN, played locally by the server's edge: per
 * token and, for requests without a token, per client address. A refused request never reaches the
 * authorizer or a handler, so it costs no DynamoDB call (counted by an SDK interceptor on the
 * stack's clients).
 */
@PodiumIT(
    settings = {
      "API_RATE_LIMIT",
      "" + EdgeRateLimitIT.TOKEN_LIMIT,
      "API_RATE_WINDOW_SECONDS",
      "" + EdgeRateLimitIT.WINDOW_SECONDS,
      "ANONYMOUS_RATE_LIMIT",
      "" + EdgeRateLimitIT.ANONYMOUS_LIMIT,
      "ANONYMOUS_RATE_WINDOW_SECONDS",
      "" + EdgeRateLimitIT.WINDOW_SECONDS
    })
class EdgeRateLimitIT {
  static final int TOKEN_LIMIT = 5;
  static final int ANONYMOUS_LIMIT = 5;
  static final long WINDOW_SECONDS = 3600;

  /** Fails nothing (0%); counts the calls made while enabled. */
  @PodiumIT.OnStack static final CallFaults CALLS = new CallFaults(0, 1);

  static LocalStack stack;
  static Podium podium;
  static ApiClient api;

  @Test
  void theRequestPastATokensLimitIs429BeforeTheAuthorizerReadsAnything() {
    String admin = podium.adminToken();
    for (int i = 0; i < TOKEN_LIMIT; i++) {
      var me =
          dynamoDbCalls(() -> api.get("/api/v1/accounts/verify_credentials").token(admin).send());
      assertThat(me.response().status()).as("request " + (i + 1) + ": " + me).isEqualTo(200);
      assertThat(me.calls()).as("an admitted request reads the token and the account").isPositive();
    }

    Instant sent = Instant.now();
    var refused =
        dynamoDbCalls(() -> api.get("/api/v1/accounts/verify_credentials").token(admin).send());
    assertThrottled(refused.response(), TOKEN_LIMIT, WINDOW_SECONDS, sent);
    assertThat(refused.calls()).as("DynamoDB calls of the refused request").isZero();
    assertThrottled(
        api.post("/api/v1/statuses").token(admin).form(Map.of("status", "hi")).send(),
        TOKEN_LIMIT,
        WINDOW_SECONDS,
        sent);

    var app = api.get("/api/v1/apps/verify_credentials").token(podium.appToken).send();
    assertThat(app.status()).as("another token: " + app).isEqualTo(200);
  }

  @Test
  void theAnonymousRequestPastAnAddresssLimitIs429BeforeAnyRouteRuns() {
    String address = Podium.freshAddress();
    for (int i = 0; i < ANONYMOUS_LIMIT; i++) {
      var instance =
          api.get("/api/v2/instance")
              .header("CloudFront-Viewer-Address", address + ":" + (1000 + i))
              .send();
      assertThat(instance.status()).as(instance.toString()).isEqualTo(200);
    }

    Instant sent = Instant.now();
    var login =
        dynamoDbCalls(
            () ->
                api.post("/oauth/token")
                    .header("CloudFront-Viewer-Address", address + ":2000")
                    .form(
                        Podium.passwordGrant(
                            "admin", "guess", podium.clientId, podium.clientSecret))
                    .send());
    assertThrottled(login.response(), ANONYMOUS_LIMIT, WINDOW_SECONDS, sent);
    assertThat(login.calls()).as("DynamoDB calls of the refused login").isZero();
    var nowhere =
        api.get("/api/v1/no_such_route").header("CloudFront-Viewer-Address", address).send();
    assertThat(nowhere.status()).as("counted before route matching").isEqualTo(429);

    var preflight =
        api.options("/api/v1/statuses")
            .header("CloudFront-Viewer-Address", address)
            .header("Origin", "https://elk.example")
            .header("Access-Control-Request-Method", "POST")
            .send();
    assertThat(preflight.status()).as("preflight is not counted").isEqualTo(204);
    var withToken =
        api.get("/api/v1/apps/verify_credentials")
            .header("CloudFront-Viewer-Address", address)
            .token(podium.appToken)
            .send();
    assertThat(withToken.status()).as("a request with a token counts on the token").isEqualTo(200);
    var elsewhere =
        api.get("/api/v2/instance")
            .header("CloudFront-Viewer-Address", Podium.freshAddress())
            .send();
    assertThat(elsewhere.status()).as("another address").isEqualTo(200);
  }

  record Counted(ApiClient.Response response, long calls) {}

  /** The response and the DynamoDB calls made while it was answered. */
  static synchronized Counted dynamoDbCalls(Supplier<ApiClient.Response> request) {
    CALLS.enabled = true;
    try {
      long before = CALLS.calls(CallFaults.Service.DYNAMODB);
      ApiClient.Response response = request.get();
      return new Counted(response, CALLS.calls(CallFaults.Service.DYNAMODB) - before);
    } finally {
      CALLS.enabled = false;
    }
  }
}
