package app.podium.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.shared.DomainException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

class ErrorMapperTest {
  static JsonNode body(
      com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse response)
      throws Exception {
    return Json.MAPPER.readTree(response.getBody());
  }

  @Test
  void eachDomainFailureGetsMastodonsStatusAndBody() throws Exception {
    assertThat(
            ErrorMapper.toResponse(new DomainException.NotFound("Record not found"))
                .getStatusCode())
        .isEqualTo(404);
    assertThat(ErrorMapper.toResponse(new DomainException.Forbidden("no")).getStatusCode())
        .isEqualTo(403);
    assertThat(ErrorMapper.toResponse(new DomainException.Unauthorized("no")).getStatusCode())
        .isEqualTo(401);
    assertThat(ErrorMapper.toResponse(new DomainException.Conflict("again")).getStatusCode())
        .isEqualTo(409);
    var invalid =
        ErrorMapper.toResponse(
            DomainException.Invalid.field("username", "ERR_TAKEN", "is already taken"));
    assertThat(invalid.getStatusCode()).isEqualTo(422);
    assertThat(body(invalid).get("error").asText())
        .isEqualTo("Validation failed: Username is already taken");
    assertThat(body(invalid).at("/details/username/0/error").asText()).isEqualTo("ERR_TAKEN");
  }

  @Test
  void rateLimitedAnswersCarryTheRateLimitHeaders() {
    var response =
        ErrorMapper.toResponse(
            new DomainException.RateLimited(25, Instant.parse("2030-01-01T00:00:00Z")));
    assertThat(response.getStatusCode()).isEqualTo(429);
    assertThat(response.getHeaders())
        .containsEntry("X-RateLimit-Limit", "25")
        .containsEntry("X-RateLimit-Remaining", "0")
        .containsEntry("X-RateLimit-Reset", "2030-01-01T00:00:00Z");
  }

  @Test
  void oauthErrorsUseRfc6749Bodies() throws Exception {
    var client =
        ErrorMapper.toResponse(new DomainException.OAuthRejected("invalid_client", "bad client"));
    assertThat(client.getStatusCode()).isEqualTo(401);
    var grant =
        ErrorMapper.toResponse(new DomainException.OAuthRejected("invalid_grant", "bad grant"));
    assertThat(grant.getStatusCode()).isEqualTo(400);
    assertThat(body(grant).get("error").asText()).isEqualTo("invalid_grant");
    assertThat(body(grant).get("error_description").asText()).isEqualTo("bad grant");
  }

  @Test
  void unexpectedFailuresAre500WithoutDetails() throws Exception {
    var response = ErrorMapper.toResponse(new IllegalStateException("secret internals"));
    assertThat(response.getStatusCode()).isEqualTo(500);
    assertThat(response.getBody()).doesNotContain("secret internals");
  }

  @Test
  void aDependencyThatThrottlesFailsOrDoesNotAnswerIs503WithRetryAfter() throws Exception {
    var throttled =
        ErrorMapper.toResponse(
            ProvisionedThroughputExceededException.builder()
                .statusCode(400)
                .awsErrorDetails(
                    AwsErrorDetails.builder()
                        .errorCode("ProvisionedThroughputExceededException")
                        .build())
                .message("slow down")
                .build());
    var failed =
        ErrorMapper.toResponse(
            AwsServiceException.builder().statusCode(500).message("internal").build());
    var unanswered = ErrorMapper.toResponse(SdkClientException.create("read timed out"));
    for (var response : java.util.List.of(throttled, failed, unanswered)) {
      assertThat(response.getStatusCode()).isEqualTo(503);
      assertThat(response.getHeaders()).containsEntry("Retry-After", "1");
      assertThat(body(response).get("error").asText())
          .isEqualTo("Service temporarily unavailable, try again");
    }
  }

  /** FaultLoadIT met it: a throttled read inside a future reached the mapper as a 500. */
  @Test
  void aFailureOfAReadMadeBesideOthersIsMappedAsItselfNotAsItsFuturesWrapper() throws Exception {
    var throttled =
        DynamoDbException.builder()
            .statusCode(400)
            .awsErrorDetails(AwsErrorDetails.builder().errorCode("ThrottlingException").build())
            .message("Rate of requests exceeds the allowed throughput.")
            .build();
    var response =
        ErrorMapper.toResponse(
            new java.util.concurrent.CompletionException(
                new java.util.concurrent.CompletionException(throttled)));
    assertThat(response.getStatusCode()).isEqualTo(503);
    assertThat(
            ErrorMapper.toResponse(
                    new java.util.concurrent.CompletionException(
                        new DomainException.NotFound("Record not found")))
                .getStatusCode())
        .isEqualTo(404);
  }

  @Test
  void aRequestADependencyRefusesAsInvalidIsStillA500() {
    var invalid =
        ErrorMapper.toResponse(
            AwsServiceException.builder()
                .statusCode(400)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("ValidationException").build())
                .message("bad key")
                .build());
    assertThat(invalid.getStatusCode()).isEqualTo(500);
  }
}
