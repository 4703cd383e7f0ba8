package app.podium.engine.value;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error as DynamoDB answers it: its type (the part of {@code __type} after '#'), its HTTP
 * status, its message and any extra fields ({@code Item}, {@code CancellationReasons}). The SDK
 * maps the type to its exception class.
 */
public final class DynamoError extends RuntimeException {
  private static final String DYNAMODB = "com.amazonaws.dynamodb.v20120810#";
  private static final String VALIDATE = "com.amazon.coral.validate#";

  private final String type;
  private final int status;
  private final Map<String, Object> extra = new LinkedHashMap<>();

  public DynamoError(String type, int status, String message) {
    // no stack trace: these are answers to clients, thrown often and never logged
    super(message, null, false, false);
    this.type = type;
    this.status = status;
  }

  /**
   * The full {@code __type}: DynamoDB's namespace, or coral's for validation and throttling errors.
   */
  public String wireType() {
    return switch (type) {
      case "ValidationException" -> VALIDATE + type;
      case "ThrottlingException" -> "com.amazon.coral.availability#" + type;
      case "UnknownOperationException", "SerializationException" ->
          "com.amazon.coral.service#" + type;
      default -> DYNAMODB + type;
    };
  }

  public String type() {
    return type;
  }

  public int status() {
    return status;
  }

  /** Extra fields of the answer, in order; values are written as JSON by the server. */
  public Map<String, Object> extra() {
    return extra;
  }

  public DynamoError with(String field, Object value) {
    extra.put(field, value);
    return this;
  }

  public static DynamoError validation(String message) {
    return new DynamoError("ValidationException", 400, message);
  }

  public static DynamoError invalid(String message) {
    return validation("One or more parameter values were invalid: " + message);
  }

  public static DynamoError tableNotFound() {
    return new DynamoError(
        "ResourceNotFoundException", 400, "Cannot do operations on a non-existent table");
  }

  public static DynamoError resourceNotFound(String message) {
    return new DynamoError("ResourceNotFoundException", 400, message);
  }

  public static DynamoError resourceInUse(String message) {
    return new DynamoError("ResourceInUseException", 400, message);
  }

  public static DynamoError conditionalCheckFailed() {
    return new DynamoError(
        "ConditionalCheckFailedException", 400, "The conditional request failed");
  }

  public static DynamoError serialization(String message) {
    return new DynamoError("SerializationException", 400, message);
  }

  public static DynamoError internal(String message) {
    return new DynamoError("InternalServerError", 500, message);
  }
}
