package app.podium.engine.store;

import app.podium.engine.value.Value;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Applies item changes to global secondary indexes after a delay, as DynamoDB propagates them
 * asynchronously: with a lag set, a read of a GSI right after a write misses the write, which
 * surfaces read-after-write bugs in tests. Changes apply in the order they were made (same delay,
 * ties by sequence); local indexes are never delayed.
 */
final class IndexLag implements AutoCloseable {
  private record Pending(
      long dueNanos, long sequence, IndexStore index, ItemKey key, Map<String, Value> item)
      implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      Pending that = (Pending) other;
      int order = Long.compare(dueNanos, that.dueNanos);
      return order != 0 ? order : Long.compare(sequence, that.sequence);
    }
  }

  private final long lagNanos;
  private final DelayQueue<Pending> queue = new DelayQueue<>();
  private final AtomicLong sequence = new AtomicLong();
  private final Thread applier;

  IndexLag(Duration lag) {
    this.lagNanos = lag.toNanos();
    this.applier =
        lagNanos > 0 ? Thread.ofPlatform().daemon().name("engine-gsi-lag").start(this::run) : null;
  }

  boolean delays() {
    return applier != null;
  }

  void submit(IndexStore index, ItemKey key, Map<String, Value> item) {
    queue.add(
        new Pending(System.nanoTime() + lagNanos, sequence.incrementAndGet(), index, key, item));
  }

  private void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Pending next = queue.take();
        next.index().update(next.key(), next.item());
      }
    } catch (InterruptedException stopping) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (applier != null) {
      applier.interrupt();
    }
  }
}
