package app.podium.shared;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Reads made side by side, each on a future of its own. */
public final class Reads {
  private Reads() {}

  /**
   * The read's result, or its own failure (a throttled DynamoDB is a 503, not a 500), not the
   * future's wrapper.
   */
  public static <T> T join(CompletableFuture<T> read) {
    try {
      return read.join();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException cause ? cause : e;
    }
  }
}
