package app.podium.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.shared.DomainException;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CorsTest {
  static void assertCors(APIGatewayV2HTTPResponse response) {
    assertThat(response.getHeaders()).containsEntry("Access-Control-Allow-Origin", "*");
    assertThat(response.getHeaders().get("Access-Control-Expose-Headers").split(", "))
        .contains("Link", "X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset");
  }

  @Test
  void successesAndEveryKindOfFailureCarryTheCorsHeaders() {
    assertCors(ApiResponse.ok(Map.of("a", 1)));
    assertCors(
        ApiResponse.ok(List.of(), Map.of("Link", "<https://x.example/?max_id=1>; rel=\"next\"")));
    assertCors(
        ErrorMapper.toResponse(new DomainException.Unauthorized("The access token is invalid")));
    assertCors(ErrorMapper.toResponse(RequestRejected.badRequest("bad")));
    assertCors(ErrorMapper.toResponse(new IllegalStateException("boom")));
  }

  @Test
  void aPreflightAnswerAllowsTheMethodsTheHeadersClientsSendAndIsCached() {
    Map<String, String> headers = Cors.preflight(List.of("GET", "POST"), null);
    assertThat(headers)
        .containsEntry("Access-Control-Allow-Origin", "*")
        .containsEntry("Access-Control-Allow-Methods", "GET, POST")
        .containsEntry("Access-Control-Max-Age", "86400");
    assertThat(headers.get("Access-Control-Allow-Headers").split(", "))
        .contains("Authorization", "Content-Type", "Idempotency-Key");
    assertThat(Cors.preflight(List.of("GET"), "authorization, x-custom"))
        .as("any requested header is allowed, as Mastodon does")
        .containsEntry("Access-Control-Allow-Headers", "authorization, x-custom");
  }
}
