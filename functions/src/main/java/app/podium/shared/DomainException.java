package app.podium.shared;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every failure the domain reports to a caller. The API maps each kind to an HTTP status in exactly
 * one place ({@code app.podium.http.ErrorMapper}); nothing else decides a status code.
 */
public abstract sealed class DomainException extends RuntimeException {

  protected DomainException(String message) {
    super(message, null, false, false);
  }

  /** No such thing, or the caller may not know that it exists. */
  public static final class NotFound extends DomainException {
    public NotFound(String message) {
      super(message);
    }
  }

  /** A concurrent change won; the request may be retried. */
  public static final class Conflict extends DomainException {
    public Conflict(String message) {
      super(message);
    }
  }

  /** The caller is known but not allowed to do this. */
  public static final class Forbidden extends DomainException {
    public Forbidden(String message) {
      super(message);
    }
  }

  /** No valid credentials. */
  public static final class Unauthorized extends DomainException {
    public Unauthorized(String message) {
      super(message);
    }
  }

  /** Too many requests from one client in the current window. */
  public static final class RateLimited extends DomainException {
    private final int limit;
    private final Instant resetAt;

    public RateLimited(int limit, Instant resetAt) {
      super("Too many requests");
      this.limit = limit;
      this.resetAt = resetAt;
    }

    public int limit() {
      return limit;
    }

    public Instant resetAt() {
      return resetAt;
    }
  }

  /**
   * An OAuth 2 error ({@code invalid_client}, {@code invalid_grant}, ...) as RFC 6749 names them.
   */
  public static final class OAuthRejected extends DomainException {
    private final String code;

    public OAuthRejected(String code, String description) {
      super(description);
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /**
   * Input that breaks a rule, with the failures per field as Mastodon reports them ({@code
   * ERR_BLANK}, {@code ERR_TAKEN}, ...).
   */
  public static final class Invalid extends DomainException {
    private final Map<String, List<FieldError>> details;

    public Invalid(String message, Map<String, List<FieldError>> details) {
      super(message);
      this.details = Map.copyOf(details);
    }

    public static Invalid field(String field, String code, String description) {
      return new Invalid(
          "Validation failed: " + humanize(field) + " " + description,
          Map.of(field, List.of(new FieldError(code, description))));
    }

    public Map<String, List<FieldError>> details() {
      return details;
    }

    static String humanize(String field) {
      if (field.isEmpty()) {
        return "A parameter without a name"; // JSON allows the key ""
      }
      String spaced = field.replace('_', ' ');
      return Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
    }
  }

  public record FieldError(String error, String description) {}

  /** Collects field failures so one response names all of them, as Mastodon's validations do. */
  public static final class Violations {
    private final Map<String, List<FieldError>> byField = new LinkedHashMap<>();

    public Violations add(String field, String code, String description) {
      byField
          .computeIfAbsent(field, f -> new java.util.ArrayList<>())
          .add(new FieldError(code, description));
      return this;
    }

    public boolean has(String field) {
      return byField.containsKey(field);
    }

    public void throwIfAny() {
      if (byField.isEmpty()) {
        return;
      }
      StringBuilder message = new StringBuilder("Validation failed: ");
      String separator = "";
      for (var entry : byField.entrySet()) {
        for (FieldError e : entry.getValue()) {
          message
              .append(separator)
              .append(Invalid.humanize(entry.getKey()))
              .append(' ')
              .append(e.description());
          separator = ", ";
        }
      }
      throw new Invalid(message.toString(), byField);
    }
  }
}
