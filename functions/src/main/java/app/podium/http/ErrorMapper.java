package app.podium.http;

import app.podium.pages.Pages;
import app.podium.shared.DomainException;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** The one place that turns a failure into an HTTP status and a Mastodon error body. */
public final class ErrorMapper {
  private static final Logger LOG = LogManager.getLogger(ErrorMapper.class);

  private ErrorMapper() {}

  /** The failure as the API answers it: Mastodon's JSON error. */
  public static APIGatewayV2HTTPResponse toResponse(Throwable failure) {
    return toResponse(failure, false);
  }

  /**
   * The failure in the form its route's readers take: Mastodon's JSON error for the API, an error
   * page (same status, same headers) for a page route, which a browser shows.
   */
  public static APIGatewayV2HTTPResponse toResponse(Throwable failure, boolean page) {
    Failure mapped = map(failure);
    return page
        ? PageResponse.html(
            mapped.status(), Pages.error(mapped.status(), mapped.message()), mapped.headers())
        : ApiResponse.json(mapped.status(), mapped.body(), mapped.headers());
  }

  /** A failure's status, error body and headers, before they take a form. */
  private record Failure(int status, Map<String, Object> body, Map<String, String> headers) {
    Failure(int status, String message) {
      this(status, Map.of("error", message), Map.of());
    }

    /** What a person reads: the OAuth error's description, the error otherwise. */
    String message() {
      return String.valueOf(body.getOrDefault("error_description", body.get("error")));
    }
  }

  private static Failure map(Throwable failure) {
    return switch (failure) {
      // a read made beside others fails inside its future: the failure is the read's, not the
      // wrapper's
      case CompletionException wrapped when wrapped.getCause() != null -> map(wrapped.getCause());
      case RequestRejected r -> new Failure(r.status(), r.getMessage());
      case DomainException.Invalid invalid -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", invalid.getMessage());
        body.put("details", invalid.details());
        yield new Failure(422, body, Map.of());
      }
      case DomainException.NotFound e -> new Failure(404, e.getMessage());
      case DomainException.Conflict e -> new Failure(409, e.getMessage());
      case DomainException.Forbidden e -> new Failure(403, e.getMessage());
      case DomainException.Unauthorized e -> new Failure(401, e.getMessage());
      case DomainException.RateLimited limited ->
          new Failure(
              429,
              Map.of("error", "Too many requests"),
              rateLimitHeaders(limited.limit(), limited.resetAt(), Instant.now()));
      case DomainException.OAuthRejected oauth ->
          new Failure(
              "invalid_client".equals(oauth.code()) ? 401 : 400,
              Map.of("error", oauth.code(), "error_description", oauth.getMessage()),
              Map.of());
      case SdkClientException unanswered -> unavailable(unanswered);
      case AwsServiceException refused
          when refused.isThrottlingException() || refused.statusCode() >= 500 ->
          unavailable(refused);
      default -> {
        LOG.error("Unhandled failure", failure);
        yield new Failure(500, "Internal server error");
      }
    };
  }

  /**
   * Mastodon's 429, for a limit counted here or at the edge (the local stack's stand-in for the
   * CDN's WAF rules): {@code Retry-After} is the whole seconds from {@code now} until {@code
   * resetAt}, at least one.
   */
  public static APIGatewayV2HTTPResponse tooManyRequests(int limit, Instant resetAt, Instant now) {
    return ApiResponse.json(
        429, Map.of("error", "Too many requests"), rateLimitHeaders(limit, resetAt, now));
  }

  private static Map<String, String> rateLimitHeaders(int limit, Instant resetAt, Instant now) {
    long retryAfter = Math.max(1, (resetAt.toEpochMilli() - now.toEpochMilli() + 999) / 1000);
    return Map.of(
        "X-RateLimit-Limit",
        Integer.toString(limit),
        "X-RateLimit-Remaining",
        "0",
        "X-RateLimit-Reset",
        resetAt.toString(),
        "Retry-After",
        Long.toString(retryAfter));
  }

  /**
   * DynamoDB, SNS or SQS throttled, failed or did not answer, after the SDK's own retries: a 503
   * the client may retry (with the same {@code Idempotency-Key} when posting), not a 500 that reads
   * as a bug.
   */
  private static Failure unavailable(RuntimeException failure) {
    LOG.warn("A dependency is unavailable: {}", failure.toString());
    return new Failure(
        503,
        Map.of("error", "Service temporarily unavailable, try again"),
        Map.of("Retry-After", "1"));
  }
}
