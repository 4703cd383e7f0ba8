package app.podium.http;

import java.util.List;

/**
 * Where the values of the origin header come from: on AWS the versions of a Secrets Manager secret
 * that rotation keeps alive ({@code admin.RotatingOriginSecrets}), locally the fixed {@code
 * ORIGIN_SECRET}. Read through {@link OriginCheck}, which caches them.
 */
@FunctionalInterface
public interface OriginSecrets {

  /**
   * Every value a request may carry right now; more than one while the secret rotates. May call a
   * remote service and fail with its exception.
   */
  List<String> accepted();

  /** One value that never changes; none when {@code value} is empty. */
  static OriginSecrets fixed(String value) {
    List<String> values = value == null || value.isEmpty() ? List.of() : List.of(value);
    return () -> values;
  }
}
