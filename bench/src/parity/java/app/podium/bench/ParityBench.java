package app.podium.bench;

import app.podium.AwsClients;
import app.podium.engine.Engine;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * The parity benchmark ({@code -Pparity}, bench/README.md): Podium's engine and DynamoDB Local side by side in this
 * JVM, each behind the functions' own SDK client ({@link AwsClients#dynamoDb}), driven by the same mix from the same
 * threads: a PutItem, a GetItem, a Query of 20 items and a TransactWriteItems of 2 Puts. Both sides are warmed up,
 * then measured in alternating trials; the result is the engine's median operations a second over DynamoDB
 * Local's. Beside it, the same ratio for the CPU each side's server took an operation (the process's CPU less the
 * client threads'), since the client's own CPU, the same on both sides, bounds the first ratio. Any answer other than
 * 200 (a throttle, an error) fails the run: both sides must do the same work.
 */
public final class ParityBench {
  static final String TABLE = "parity";
  static final int KEYS = 10_000;
  static final int QUERY_PARTITIONS = 100;
  static final int QUERY_ITEMS = 20;
  static final int OPERATIONS_PER_ROUND = 4;
  static final String PAYLOAD = "x".repeat(100);
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ParityBench() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.getInteger("parity.bench.threads", 4);
    Duration warmUp = Duration.ofSeconds(Long.getLong("parity.bench.warmup.seconds", 60));
    Duration trial = Duration.ofSeconds(Long.getLong("parity.bench.trial.seconds", 10));
    int trials = Integer.getInteger("parity.bench.trials", 5);
    Report report = new Report();
    report.line("parity bench %s: %d cpus, java %s, %d threads, warm-up %d s, %d trials of %d s a side",
        Instant.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), threads,
        warmUp.toSeconds(), trials, trial.toSeconds());
    report.line("DynamoDB Local is under the \"DynamoDB Local License Agreement\", not an open-source licence; "
        + "only the parity profile fetches it");
    int exit = 0;
    DynamoDBProxyServer local = null;
    try (Engine engine = Engine.start(Engine.Options.defaults())) {
      int port = freePort();
      local = ServerRunner.createServerFromCommandLineArgs(
          new String[] {"-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"});
      local.start();
      List<Side> sides = List.of(new Side("engine", engine.endpoint()),
          new Side("DynamoDB Local", "http://127.0.0.1:" + port));
      for (Side side : sides) {
        long start = System.nanoTime();
        side.load();
        report.line("%s on %s: %d items loaded in %.1f s", side.name, side.endpoint,
            KEYS + QUERY_PARTITIONS * QUERY_ITEMS, (System.nanoTime() - start) / 1e9);
      }
      for (Side side : sides) {
        report.line("%s warm-up: %s", side.name, side.run(threads, warmUp));
      }
      List<Trial> engineTrials = new ArrayList<>();
      List<Trial> localTrials = new ArrayList<>();
      for (int i = 1; i <= trials; i++) {
        // alternate which side goes first, so that drift on a shared machine hits both alike
        Side first = sides.get((i + 1) % 2);
        Side second = sides.get(i % 2);
        Trial firstTrial = first.run(threads, trial);
        Trial secondTrial = second.run(threads, trial);
        (first == sides.get(0) ? engineTrials : localTrials).add(firstTrial);
        (second == sides.get(0) ? engineTrials : localTrials).add(secondTrial);
        report.line("trial %d: %s %s; %s %s", i, first.name, firstTrial, second.name, secondTrial);
      }
      for (Side side : sides) {
        if (side.failures.get() > 0) {
          throw new IllegalStateException(side.name + " answered " + side.failures.get()
              + " requests with something other than 200 (a throttle or an error): the sides did not do the same work");
        }
      }
      double engineRate = median(engineTrials, Trial::rate);
      double localRate = median(localTrials, Trial::rate);
      report.line("median operations/s: engine %.0f, DynamoDB Local %.0f", engineRate, localRate);
      report.result("engine_vs_dynamodb_local", engineRate / localRate, "ratio");
      report.result("engine_operations_per_s", Math.round(engineRate), "operations/s");
      report.result("dynamodb_local_operations_per_s", Math.round(localRate), "operations/s");
      // the same comparison without the client's share, which both sides pay alike and which bounds the ratio
      report.result("engine_vs_dynamodb_local_server_cpu",
          median(localTrials, Trial::otherCpuMs) / median(engineTrials, Trial::otherCpuMs), "ratio");
      report.result("client_cpu_ms_per_operation", median(engineTrials, Trial::clientCpuMs), "ms");
    } catch (Exception | Error e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      if (local != null) {
        local.stop();
      }
    }
    report.printResults();
    // DynamoDB Local leaves non-daemon threads behind; this is a command-line program, so end it here
    System.exit(exit);
  }

  /** One server behind its own client, with the same settings as the other's. */
  static final class Side {
    final String name;
    final String endpoint;
    final AtomicLong failures = new AtomicLong();
    final DynamoDbClient client;

    Side(String name, String endpoint) {
      this.name = name;
      this.endpoint = endpoint;
      this.client = AwsClients.dynamoDb(endpoint, new ExecutionInterceptor() {
        @Override
        public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
          if (context.httpResponse().statusCode() != 200) {
            failures.incrementAndGet();
          }
        }
      });
    }

    /** The table, {@value KEYS} items to get and overwrite, and {@value QUERY_PARTITIONS} partitions of 20. */
    void load() {
      client.createTable(r -> r.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
          .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
              a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
          .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH),
              k -> k.attributeName("sk").keyType(KeyType.RANGE)));
      List<Map<String, AttributeValue>> items = new ArrayList<>();
      for (int i = 0; i < KEYS; i++) {
        items.add(item("k" + i, 0));
      }
      for (int q = 0; q < QUERY_PARTITIONS; q++) {
        for (int i = 0; i < QUERY_ITEMS; i++) {
          items.add(item("q" + q, i));
        }
      }
      for (int i = 0; i < items.size(); i += 25) {
        List<WriteRequest> writes = items.subList(i, Math.min(items.size(), i + 25)).stream()
            .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build()).toList();
        Map<String, List<WriteRequest>> unprocessed = Map.of(TABLE, writes);
        while (!unprocessed.isEmpty()) {
          Map<String, List<WriteRequest>> pending = unprocessed;
          unprocessed = client.batchWriteItem(r -> r.requestItems(pending)).unprocessedItems();
        }
      }
    }

    /**
     * The mix on {@code threads} threads for {@code duration}: operations a second, and where the CPU went: the
     * client threads' own time, and the rest of the process's (the server's, mostly) per operation.
     */
    Trial run(int threads, Duration duration) throws Exception {
      long deadline = System.nanoTime() + duration.toNanos();
      long start = System.nanoTime();
      long processCpuStart = PROCESS.getProcessCpuTime();
      AtomicLong rounds = new AtomicLong();
      AtomicLong clientCpu = new AtomicLong();
      try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int lane = t;
          running.add(pool.submit(() -> {
            long cpuStart = THREADS.getCurrentThreadCpuTime();
            while (System.nanoTime() < deadline) {
              round(lane);
              rounds.incrementAndGet();
            }
            clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
          }));
        }
        for (Future<?> future : running) {
          future.get();
        }
      }
      long operations = rounds.get() * OPERATIONS_PER_ROUND;
      long processCpu = PROCESS.getProcessCpuTime() - processCpuStart;
      return new Trial(operations / ((System.nanoTime() - start) / 1e9), clientCpu.get() / 1e6 / operations,
          (processCpu - clientCpu.get()) / 1e6 / operations);
    }

    /**
     * PutItem, GetItem, a Query of 20, a TransactWriteItems of 2 Puts: each on a key drawn at random. A thread's
     * transactions write keys of its own lane, so that two threads' transactions never conflict.
     */
    void round(int lane) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      client.putItem(r -> r.tableName(TABLE).item(item("k" + random.nextInt(KEYS), 0)));
      Map<String, AttributeValue> got = client.getItem(r -> r.tableName(TABLE)
          .key(key("k" + random.nextInt(KEYS), 0))).item();
      int queried = client.query(r -> r.tableName(TABLE).keyConditionExpression("pk = :pk")
          .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("q" + random.nextInt(QUERY_PARTITIONS)))))
          .count();
      int first = random.nextInt(KEYS);
      int second = (first + 1 + random.nextInt(KEYS - 1)) % KEYS;
      client.transactWriteItems(r -> r.transactItems(
          TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item("t" + lane + "-" + first, 0))).build(),
          TransactWriteItem.builder().put(p -> p.tableName(TABLE).item(item("t" + lane + "-" + second, 0))).build()));
      if (got.isEmpty() || queried != QUERY_ITEMS) {
        throw new IllegalStateException(name + ": a GetItem found nothing or a Query found " + queried + " items");
      }
    }
  }

  /** A trial's operations a second, and the CPU milliseconds an operation took in the client and elsewhere. */
  record Trial(double rate, double clientCpuMs, double otherCpuMs) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%.0f operations/s (CPU per operation: client %.2f ms, server and the rest "
          + "%.2f ms)", rate, clientCpuMs, otherCpuMs);
    }
  }

  static Map<String, AttributeValue> key(String pk, int sk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Integer.toString(sk)));
  }

  static Map<String, AttributeValue> item(String pk, int sk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Integer.toString(sk)),
        "payload", AttributeValue.fromS(PAYLOAD));
  }

  static double median(List<Trial> trials, ToDoubleFunction<Trial> figure) {
    List<Double> sorted = trials.stream().map(figure::applyAsDouble).sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
