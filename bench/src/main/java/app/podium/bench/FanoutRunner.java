package app.podium.bench;

import app.podium.Backend;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.fanout.sqs.FanoutTaskJson;
import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTasks;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * SNS, SQS and Lambda's event source mapping, played in memory for the fan-out path. Every task the
 * services publish or enqueue lands in one inbox; {@link #drain()} hands each, as soon as it lands,
 * to a {@link FanoutHandler} as a one-message {@link SQSEvent} whose body is {@link
 * FanoutTaskJson#write}, on at most {@code concurrency} workers at once, and returns when no task
 * is queued or running.
 *
 * <p>Each worker has its own handler, services and DynamoDB client, as each concurrent Lambda
 * execution environment has its own. What is left out: queue latency, batching of several messages
 * per event, visibility timeouts and redelivery. A task that reports a batch item failure fails the
 * drain.
 */
final class FanoutRunner implements AutoCloseable {
  private record Done(String body, Throwable error) {}

  private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
  private final BlockingQueue<FanoutHandler> handlers;
  private final ExecutorService workers;
  private final java.util.concurrent.atomic.AtomicLong published =
      new java.util.concurrent.atomic.AtomicLong();
  private final java.util.concurrent.atomic.AtomicLong enqueued =
      new java.util.concurrent.atomic.AtomicLong();
  private final FanoutTasks tasks =
      new FanoutTasks() {
        @Override
        public void publish(FanoutTask task) {
          published.incrementAndGet();
          inbox.add(task);
        }

        @Override
        public void enqueue(FanoutTask task) {
          enqueued.incrementAndGet();
          inbox.add(task);
        }
      };

  /** Tasks the services published to SNS so far. */
  long published() {
    return published.get();
  }

  /** Tasks the services sent to the fan-out queue themselves (next pages, conversions) so far. */
  long enqueued() {
    return enqueued.get();
  }

  /**
   * @param services builds one container's services around the given task sink
   */
  FanoutRunner(int concurrency, Function<FanoutTasks, Backend> services) {
    this.handlers = new ArrayBlockingQueue<>(concurrency);
    for (int i = 0; i < concurrency; i++) {
      handlers.add(new FanoutHandler(services.apply(tasks).fanout()));
    }
    this.workers =
        Executors.newFixedThreadPool(
            concurrency,
            r -> {
              Thread thread = new Thread(r, "fanout-worker");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Where services built for this runner (the one that posts, too) send their tasks. */
  FanoutTasks tasks() {
    return tasks;
  }

  /** As SNS would deliver a new event to the fan-out queue. */
  void deliver(FanoutTask task) {
    inbox.add(task);
  }

  /** Runs every queued task and every task those enqueue; returns how many ran, by type. */
  Map<Class<? extends FanoutTask>, Integer> drain() {
    Map<Class<? extends FanoutTask>, Integer> ran = new HashMap<>();
    List<Done> failed = new ArrayList<>();
    int running = 0;
    try {
      while (running > 0 || !inbox.isEmpty()) {
        Object next = inbox.take();
        if (next instanceof FanoutTask task) {
          running++;
          ran.merge(task.getClass(), 1, Integer::sum);
          String body = FanoutTaskJson.write(task);
          workers.execute(() -> inbox.add(invoke(body)));
        } else {
          running--;
          Done done = (Done) next;
          if (done.error() != null) {
            failed.add(done);
          }
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    if (!failed.isEmpty()) {
      IllegalStateException error =
          new IllegalStateException(
              failed.size() + " fan-out task(s) failed, first: " + failed.getFirst().body());
      error.initCause(failed.getFirst().error());
      throw error;
    }
    return ran;
  }

  private Done invoke(String body) {
    FanoutHandler handler = null;
    try {
      handler = handlers.take();
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId(UUID.randomUUID().toString());
      message.setEventSource("aws:sqs");
      message.setBody(body);
      SQSEvent event = new SQSEvent();
      event.setRecords(List.of(message));
      SQSBatchResponse response = handler.handleRequest(event, null);
      if (!response.getBatchItemFailures().isEmpty()) {
        return new Done(body, new IllegalStateException("batch item failure"));
      }
      return new Done(body, null);
    } catch (Throwable e) {
      return new Done(body, e);
    } finally {
      if (handler != null) {
        handlers.add(handler);
      }
    }
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
