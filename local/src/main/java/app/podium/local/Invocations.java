package app.podium.local;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which deployed function ({@code Routes.Function#name}) the code on this thread runs for: set
 * where the local stack plays Lambda (the server invoking the authorizer and a route's function,
 * the poller invoking the fan-out, the admin bootstrap at start) and inherited by the threads that
 * code starts. On AWS each function runs in processes of its own; here they share one, and tests
 * tell their SDK calls apart by it ({@code GrantsProvenIT}, {@code RouteFuzzIT}).
 */
public final class Invocations {
  private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>();

  private Invocations() {}

  /**
   * The function in force on this thread; empty outside any invocation (a test's own set-up, say).
   */
  public static Optional<String> current() {
    return Optional.ofNullable(CURRENT.get());
  }

  /** Runs {@code call} as an invocation of {@code function}. */
  public static <T> T as(String function, Supplier<T> call) {
    String before = CURRENT.get();
    CURRENT.set(function);
    try {
      return call.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }
}
