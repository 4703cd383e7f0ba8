package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EdgeRateLimitsTest {
  static final int LIMIT = 3;
  static final Instant START = Instant.parse("2026-12-07T12:04:00Z");

  /** The edge's clock: milliseconds since the epoch, moved by the test. */
  final AtomicLong clock = new AtomicLong(START.toEpochMilli());

  final EdgeRateLimits edge =
      new EdgeRateLimits(
          Settings.fromEnvironment(
                  Map.of(
                      "API_RATE_LIMIT",
                      Integer.toString(LIMIT),
                      "API_RATE_WINDOW_SECONDS",
                      "300",
                      "ANONYMOUS_RATE_LIMIT",
                      Integer.toString(LIMIT),
                      "ANONYMOUS_RATE_WINDOW_SECONDS",
                      "300"))
              .limits(),
          clock::get);

  @Test
  void theRequestPastATokensLimitIsMastodons429WithItsFourHeaders() {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(withToken("alice-token")).isEmpty();
    }

    APIGatewayV2HTTPResponse refused = withToken("alice-token").orElseThrow();

    assertThat(refused.getStatusCode()).isEqualTo(429);
    assertThat(refused.getBody()).isEqualTo("{\"error\":\"Too many requests\"}");
    assertThat(refused.getHeaders())
        .containsEntry("X-RateLimit-Limit", "3")
        .containsEntry("X-RateLimit-Remaining", "0")
        .containsEntry("X-RateLimit-Reset", "2026-12-07T12:09:00Z")
        .containsEntry("Retry-After", "300")
        .containsEntry("Access-Control-Allow-Origin", "*");
    assertThat(refused.getHeaders().get("Content-Type")).startsWith("application/json");
    assertThat(withToken("bob-token")).as("another token").isEmpty();
    assertThat(anonymous("198.51.100.7:443", "127.0.0.1"))
        .as("a request without a token")
        .isEmpty();
  }

  /**
   * A window fixed to the clock would start afresh at 12:05; WAF's looks back five minutes from
   * now.
   */
  @Test
  void theWindowSlidesWithTheClockInsteadOfStartingAfreshAtABoundary() {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(withToken("alice-token")).isEmpty();
    }
    clock.addAndGet(Duration.ofSeconds(70).toMillis());
    assertThat(withToken("alice-token"))
        .as("12:05:10")
        .isPresent()
        .get()
        .satisfies(r -> assertThat(r.getHeaders()).containsEntry("Retry-After", "230"));
    clock.set(Instant.parse("2026-12-07T12:09:00Z").toEpochMilli());
    assertThat(withToken("alice-token"))
        .as("12:09:00, the three of 12:04 out of the window")
        .isEmpty();
  }

  /**
   * As WAF counts: a client that keeps sending stays refused until its rate over the window is
   * under the limit.
   */
  @Test
  void refusedRequestsCountSoAClientThatKeepsSendingStaysRefused() {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(withToken("alice-token")).isEmpty();
    }
    for (int second = 10; second <= 300; second += 10) {
      clock.set(START.plusSeconds(second).toEpochMilli());
      assertThat(withToken("alice-token")).as("+" + second + " s").isPresent();
    }
    clock.set(START.plusSeconds(600).toEpochMilli());
    assertThat(withToken("alice-token")).as("after a quiet window").isEmpty();
  }

  @Test
  void anonymousRequestsCountPerClientAnIpv6ClientByItsSlash64() {
    assertThat(anonymous("2001:db8:5ec::1:1000", "10.0.0.1")).isEmpty();
    assertThat(anonymous("[2001:DB8:5EC:0:ffff::9]:2000", "10.0.0.1")).isEmpty();
    assertThat(anonymous(null, "2001:db8:5ec::7"))
        .as("the connection's address, same /64")
        .isEmpty();

    assertThat(anonymous("2001:db8:5ec::2:3000", "10.0.0.1")).isPresent();
    assertThat(anonymous("2001:db8:5ed::1:3000", "10.0.0.1")).as("another /64").isEmpty();
    assertThat(
            edge.refusal(
                "GET",
                Map.of(
                    "authorization",
                    List.of("Bearer t"),
                    "cloudfront-viewer-address",
                    List.of("2001:db8:5ec::1:1000")),
                "10.0.0.1"))
        .as("with a token: the token's rule")
        .isEmpty();
  }

  @Test
  void preflightRequestsAreNotCounted() {
    for (int i = 0; i < LIMIT * 3; i++) {
      assertThat(edge.refusal("OPTIONS", Map.of(), "198.51.100.9")).isEmpty();
    }
    assertThat(edge.refusal("GET", Map.of(), "198.51.100.9")).isEmpty();
  }

  @Test
  void countsOfTokensAndClientsIdleForAWindowAreDropped() {
    for (int i = 0; i < 100; i++) {
      withToken("token-" + i);
      anonymous(null, "198.51.100." + i);
    }
    assertThat(edge.tracked()).isEqualTo(200);
    clock.addAndGet(Duration.ofSeconds(301).toMillis());
    for (int i = 0; i < EdgeRateLimits.SWEEP_EVERY; i++) {
      withToken("active");
    }
    assertThat(edge.tracked()).isEqualTo(1);
  }

  Optional<APIGatewayV2HTTPResponse> withToken(String token) {
    return edge.refusal("GET", Map.of("Authorization", List.of("Bearer " + token)), "127.0.0.1");
  }

  Optional<APIGatewayV2HTTPResponse> anonymous(String viewerAddress, String sourceIp) {
    return edge.refusal(
        "POST",
        viewerAddress == null
            ? Map.of()
            : Map.of("Cloudfront-viewer-address", List.of(viewerAddress)),
        sourceIp);
  }
}
