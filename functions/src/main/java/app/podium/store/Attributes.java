package app.podium.store;

import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small conversions between domain values and DynamoDB attribute values. */
public final class Attributes {
  private Attributes() {}

  public static AttributeValue s(String value) {
    return AttributeValue.fromS(value);
  }

  public static AttributeValue n(long value) {
    return AttributeValue.fromN(Long.toString(value));
  }

  public static Long millis(Instant instant) {
    return instant == null ? null : instant.toEpochMilli();
  }

  public static Long millis(Optional<Instant> instant) {
    return instant.map(Instant::toEpochMilli).orElse(null);
  }

  public static Instant instant(Long millis) {
    return millis == null ? null : Instant.ofEpochMilli(millis);
  }

  public static Optional<Instant> optionalInstant(Long millis) {
    return Optional.ofNullable(millis).map(Instant::ofEpochMilli);
  }
}
