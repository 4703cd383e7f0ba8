package app.podium.local.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs {@code n} calls on {@code n} real threads released together: every thread first reports
 * ready and waits at a gate, and the gate opens only when all are waiting, so the requests overlap
 * as much as the machine allows. Results come back in task order.
 */
public final class Concurrently {
  private Concurrently() {}

  public static <T> List<T> run(int n, IntFunction<T> task) {
    return run(n, Duration.ofSeconds(120), task);
  }

  /**
   * As {@link #run(int, IntFunction)}, for tasks that may take longer than two minutes altogether.
   */
  public static <T> List<T> run(int n, Duration timeout, IntFunction<T> task) {
    ExecutorService threads = Executors.newFixedThreadPool(n);
    CountDownLatch ready = new CountDownLatch(n);
    CountDownLatch go = new CountDownLatch(1);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            threads.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.apply(index);
                }));
      }
      if (!ready.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the threads did not all start");
      }
      go.countDown();
      long deadline = System.nanoTime() + timeout.toNanos();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
      }
      return results;
    } catch (Exception e) {
      throw new AssertionError("a concurrent call failed", e);
    } finally {
      threads.shutdownNow();
    }
  }
}
