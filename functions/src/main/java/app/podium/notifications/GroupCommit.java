package app.podium.notifications;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * Coalesces concurrent writes of one key in this container: while one write of a key is in flight,
 * the items that arrive for it wait, and the next writer takes all of them in one write. So batches
 * handled side by side (the local stack's pollers, or a container's lanes) write a hot notification
 * group once per round trip instead of once per batch each, and never race each other for it. A key
 * written less than {@code linger} ago is hot: its next write waits out the rest of that time,
 * gathering what arrives meanwhile, so a hot key is written at most once per {@code linger} from
 * one container however fast its events come; a cold key is written at once. A write that fails
 * fails every caller whose items it carried; each may retry.
 */
final class GroupCommit<E> {
  /** Above this many remembered keys, the ones no longer hot are forgotten. */
  static final int REMEMBERED = 10_000;

  private final ConcurrentHashMap<String, Queue<E>> queues = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Long> lastWritten = new ConcurrentHashMap<>();
  private final long lingerNanos;

  GroupCommit(java.time.Duration linger) {
    this.lingerNanos = linger.toNanos();
  }

  private static final class Queue<E> {
    final ReentrantLock writing = new ReentrantLock();
    List<E> waiting = new ArrayList<>();
    CompletableFuture<Void> next = new CompletableFuture<>();
    int users;
  }

  /**
   * Writes {@code items} (with whatever else waits for {@code key}) and returns once they are
   * written.
   */
  void submit(String key, List<E> items, Consumer<List<E>> write) {
    Queue<E> queue =
        queues.compute(
            key,
            (k, existing) -> {
              Queue<E> q = existing == null ? new Queue<>() : existing;
              q.users++;
              return q;
            });
    try {
      CompletableFuture<Void> mine;
      synchronized (queue) {
        queue.waiting.addAll(items);
        mine = queue.next;
      }
      queue.writing.lock();
      try {
        // not done yet: nobody took the waiting items since ours joined them, so this caller writes
        // them all
        if (!mine.isDone()) {
          lingerIfHot(key);
          List<E> batch;
          synchronized (queue) {
            batch = queue.waiting;
            queue.waiting = new ArrayList<>();
            queue.next = new CompletableFuture<>();
          }
          try {
            write.accept(batch);
            mine.complete(null);
          } catch (RuntimeException e) {
            mine.completeExceptionally(e);
          } finally {
            remember(key);
          }
        }
      } finally {
        queue.writing.unlock();
      }
      try {
        mine.join();
      } catch (CompletionException e) {
        throw e.getCause() instanceof RuntimeException cause ? cause : e;
      }
    } finally {
      queues.computeIfPresent(key, (k, q) -> --q.users == 0 ? null : q);
    }
  }

  private void lingerIfHot(String key) {
    Long last = lastWritten.get(key);
    long wait = last == null ? 0 : last + lingerNanos - System.nanoTime();
    if (wait > 0) {
      try {
        Thread.sleep(java.time.Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void remember(String key) {
    long now = System.nanoTime();
    lastWritten.put(key, now);
    if (lastWritten.size() > REMEMBERED) {
      lastWritten.entrySet().removeIf(e -> now - e.getValue() > lingerNanos);
    }
  }
}
