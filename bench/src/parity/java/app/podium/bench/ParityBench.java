package app.podium.bench;

import app.podium.AwsClients;
import app.podium.engine.Engine;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
 * The parity benchmark ({@code -Pparity}, bench/README.md): Podium's engine and DynamoDB Local side
 * by side in this JVM, driven by the same mix from the same threads: a PutItem, a GetItem, a Query
 * of 20 items and a TransactWriteItems of 2 Puts. Each side is driven by two clients in turn: a
 * lean raw-wire one ({@link RawWire}, bodies made ahead of time), whose ratio is issue 23's figure
 * because it measures the servers, and the functions' own SDK client ({@link AwsClients#dynamoDb}),
 * whose CPU an operation (the same on both sides, and larger than the engine's) bounds the ratio it
 * can show. Both sides are warmed up, then measured in alternating trials; each result is the
 * engine's median operations a second over DynamoDB Local's. Beside them, the ratio of the CPU each
 * side's server took an operation (the process's CPU less the client threads'). A wrong answer (a
 * GetItem that found nothing, a Query that did not return its 20) or, through the SDK, any answer
 * other than 200 fails the run: both sides must do the same work.
 */
public final class ParityBench {
  static final String TABLE = "parity";
  static final int KEYS = 10_000;
  static final int QUERY_PARTITIONS = 100;
  static final int QUERY_ITEMS = 20;
  static final int OPERATIONS_PER_ROUND = 4;
  static final String PAYLOAD = "x".repeat(100);
  static final Bodies BODIES = new Bodies(Integer.getInteger("parity.bench.threads", 4));
  static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  static final OperatingSystemMXBean PROCESS =
      (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private ParityBench() {}

  public static void main(String[] args) throws Exception {
    int threads = Integer.getInteger("parity.bench.threads", 4);
    Duration warmUp = Duration.ofSeconds(Long.getLong("parity.bench.warmup.seconds", 60));
    Duration trial = Duration.ofSeconds(Long.getLong("parity.bench.trial.seconds", 10));
    Duration rawWarmUp = Duration.ofSeconds(Long.getLong("parity.bench.raw.warmup.seconds", 20));
    int trials = Integer.getInteger("parity.bench.trials", 5);
    Report report = new Report();
    report.line(
        "parity bench %s: %d cpus, java %s, %d threads, warm-up %d s (SDK) and %d s (raw wire), %d trials "
            + "of %d s a side and client",
        Instant.now(),
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("java.version"),
        threads,
        warmUp.toSeconds(),
        rawWarmUp.toSeconds(),
        trials,
        trial.toSeconds());
    report.line(
        "DynamoDB Local is under the \"DynamoDB Local License Agreement\", not an open-source licence; "
            + "only the parity profile fetches it");
    int exit = 0;
    DynamoDBProxyServer local = null;
    try (Engine engine = Engine.start(Engine.Options.defaults())) {
      int port = freePort();
      local =
          ServerRunner.createServerFromCommandLineArgs(
              new String[] {
                "-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"
              });
      local.start();
      List<Side> sides =
          List.of(
              new Side("engine", engine.endpoint()),
              new Side("DynamoDB Local", "http://127.0.0.1:" + port));
      for (Side side : sides) {
        long start = System.nanoTime();
        side.load();
        report.line(
            "%s on %s: %d items loaded in %.1f s",
            side.name,
            side.endpoint,
            KEYS + QUERY_PARTITIONS * QUERY_ITEMS,
            (System.nanoTime() - start) / 1e9);
      }
      for (Via via : Via.values()) {
        for (Side side : sides) {
          report.line(
              "%s warm-up, %s: %s",
              side.name, via.label, side.run(via, threads, via == Via.SDK ? warmUp : rawWarmUp));
        }
      }
      Map<Via, List<List<Trial>>> measured = new java.util.EnumMap<>(Via.class);
      for (int i = 1; i <= trials; i++) {
        // alternate which side goes first, so that drift on a shared machine hits both alike
        Side first = sides.get((i + 1) % 2);
        Side second = sides.get(i % 2);
        for (Via via : Via.values()) {
          List<List<Trial>> bySide =
              measured.computeIfAbsent(via, v -> List.of(new ArrayList<>(), new ArrayList<>()));
          Trial firstTrial = first.run(via, threads, trial);
          Trial secondTrial = second.run(via, threads, trial);
          bySide.get(sides.indexOf(first)).add(firstTrial);
          bySide.get(sides.indexOf(second)).add(secondTrial);
          report.line(
              "trial %d, %s: %s %s; %s %s",
              i, via.label, first.name, firstTrial, second.name, secondTrial);
        }
      }
      for (Side side : sides) {
        if (side.failures.get() > 0) {
          throw new IllegalStateException(
              side.name
                  + " answered "
                  + side.failures.get()
                  + " requests with something other than 200 (a throttle or an error): the sides did not do the same work");
        }
      }
      for (Via via : List.of(Via.RAW, Via.SDK)) {
        List<Trial> engineTrials = measured.get(via).get(0);
        List<Trial> localTrials = measured.get(via).get(1);
        double engineRate = median(engineTrials, Trial::rate);
        double localRate = median(localTrials, Trial::rate);
        report.line(
            "median operations/s, %s: engine %.0f, DynamoDB Local %.0f",
            via.label, engineRate, localRate);
        report.result(
            "engine_vs_dynamodb_local" + via.suffix,
            engineRate / localRate,
            "ratio (" + via.label + ")");
        report.result(
            "engine_operations_per_s" + via.suffix,
            Math.round(engineRate),
            "operations/s (" + via.label + ")");
        report.result(
            "dynamodb_local_operations_per_s" + via.suffix,
            Math.round(localRate),
            "operations/s (" + via.label + ")");
        // the servers' CPU an operation, without the client's share
        report.result(
            "engine_vs_dynamodb_local_server_cpu" + via.suffix,
            median(localTrials, Trial::otherCpuMs) / median(engineTrials, Trial::otherCpuMs),
            "ratio (" + via.label + ")");
        report.result(
            "client_cpu_ms_per_operation" + via.suffix,
            median(engineTrials, Trial::clientCpuMs),
            "ms (" + via.label + ", engine side)");
      }
    } catch (Exception | Error e) {
      e.printStackTrace();
      exit = 1;
    } finally {
      if (local != null) {
        local.stop();
      }
    }
    report.printResults();
    // DynamoDB Local leaves non-daemon threads behind; this is a command-line program, so end it
    // here
    System.exit(exit);
  }

  /** The client a trial drives a side with. */
  enum Via {
    // the SDK first: its longer warm-up is the servers' too
    SDK("_sdk", "SDK client: AwsClients.dynamoDb, URL-connection HTTP"),
    RAW("", "raw-wire client: HTTP/1.1 keep-alive, bodies made ahead of time");

    final String suffix;
    final String label;

    Via(String suffix, String label) {
      this.suffix = suffix;
      this.label = label;
    }
  }

  /** One server behind its own clients, with the same settings as the other's. */
  static final class Side {
    final String name;
    final String endpoint;
    final AtomicLong failures = new AtomicLong();
    final DynamoDbClient client;

    Side(String name, String endpoint) {
      this.name = name;
      this.endpoint = endpoint;
      this.client =
          AwsClients.dynamoDb(
              endpoint,
              new ExecutionInterceptor() {
                @Override
                public void afterTransmission(
                    Context.AfterTransmission context, ExecutionAttributes attributes) {
                  if (context.httpResponse().statusCode() != 200) {
                    failures.incrementAndGet();
                  }
                }
              });
    }

    /**
     * The table, {@value KEYS} items to get and overwrite, and {@value QUERY_PARTITIONS} partitions
     * of 20.
     */
    void load() {
      client.createTable(
          r ->
              r.tableName(TABLE)
                  .billingMode(BillingMode.PAY_PER_REQUEST)
                  .attributeDefinitions(
                      a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                      a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                  .keySchema(
                      k -> k.attributeName("pk").keyType(KeyType.HASH),
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
        List<WriteRequest> writes =
            items.subList(i, Math.min(items.size(), i + 25)).stream()
                .map(
                    item ->
                        WriteRequest.builder()
                            .putRequest(PutRequest.builder().item(item).build())
                            .build())
                .toList();
        Map<String, List<WriteRequest>> unprocessed = Map.of(TABLE, writes);
        while (!unprocessed.isEmpty()) {
          Map<String, List<WriteRequest>> pending = unprocessed;
          unprocessed = client.batchWriteItem(r -> r.requestItems(pending)).unprocessedItems();
        }
      }
    }

    /**
     * The mix on {@code threads} threads for {@code duration}: operations a second, and where the
     * CPU went: the client threads' own time, and the rest of the process's (the server's, mostly)
     * per operation.
     */
    Trial run(Via via, int threads, Duration duration) throws Exception {
      long deadline = System.nanoTime() + duration.toNanos();
      long start = System.nanoTime();
      long processCpuStart = PROCESS.getProcessCpuTime();
      AtomicLong rounds = new AtomicLong();
      AtomicLong clientCpu = new AtomicLong();
      try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
        List<Future<?>> running = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int lane = t;
          running.add(
              pool.submit(
                  () -> {
                    try (RawWire wire = via == Via.RAW ? new RawWire(URI.create(endpoint)) : null) {
                      Heads heads = wire == null ? null : new Heads(wire);
                      long cpuStart = THREADS.getCurrentThreadCpuTime();
                      while (System.nanoTime() < deadline) {
                        if (wire == null) {
                          round(lane);
                        } else {
                          round(wire, heads, lane);
                        }
                        rounds.incrementAndGet();
                      }
                      clientCpu.addAndGet(THREADS.getCurrentThreadCpuTime() - cpuStart);
                    }
                    return null;
                  }));
        }
        for (Future<?> future : running) {
          future.get();
        }
      }
      long operations = rounds.get() * OPERATIONS_PER_ROUND;
      long processCpu = PROCESS.getProcessCpuTime() - processCpuStart;
      return new Trial(
          operations / ((System.nanoTime() - start) / 1e9),
          clientCpu.get() / 1e6 / operations,
          (processCpu - clientCpu.get()) / 1e6 / operations);
    }

    /**
     * PutItem, GetItem, a Query of 20, a TransactWriteItems of 2 Puts: each on a key drawn at
     * random. A thread's transactions write keys of its own lane, so that two threads' transactions
     * never conflict.
     */
    void round(int lane) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      client.putItem(r -> r.tableName(TABLE).item(item("k" + random.nextInt(KEYS), 0)));
      Map<String, AttributeValue> got =
          client.getItem(r -> r.tableName(TABLE).key(key("k" + random.nextInt(KEYS), 0))).item();
      int queried =
          client
              .query(
                  r ->
                      r.tableName(TABLE)
                          .keyConditionExpression("pk = :pk")
                          .expressionAttributeValues(
                              Map.of(
                                  ":pk",
                                  AttributeValue.fromS("q" + random.nextInt(QUERY_PARTITIONS)))))
              .count();
      int first = random.nextInt(KEYS);
      int second = (first + 1 + random.nextInt(KEYS - 1)) % KEYS;
      client.transactWriteItems(
          r ->
              r.transactItems(
                  TransactWriteItem.builder()
                      .put(p -> p.tableName(TABLE).item(item("t" + lane + "-" + first, 0)))
                      .build(),
                  TransactWriteItem.builder()
                      .put(p -> p.tableName(TABLE).item(item("t" + lane + "-" + second, 0)))
                      .build()));
      if (got.isEmpty() || queried != QUERY_ITEMS) {
        throw new IllegalStateException(
            name + ": a GetItem found nothing or a Query found " + queried + " items");
      }
    }

    /** The same round over the raw wire: the same requests, from bodies made before the run. */
    void round(RawWire wire, Heads heads, int lane) throws IOException {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      ok(wire.call(heads.put(), BODIES.put[random.nextInt(KEYS)]), "PutItem");
      RawWire.Answer got = ok(wire.call(heads.get(), BODIES.get[random.nextInt(KEYS)]), "GetItem");
      RawWire.Answer queried =
          ok(wire.call(heads.query(), BODIES.query[random.nextInt(QUERY_PARTITIONS)]), "Query");
      int first = random.nextInt(KEYS);
      int second = (first + 1 + random.nextInt(KEYS - 1)) % KEYS;
      ok(
          wire.call(
              heads.transact(),
              Bodies.TRANSACT_OPEN,
              BODIES.transactPut[lane][first],
              Bodies.COMMA,
              BODIES.transactPut[lane][second],
              Bodies.TOKEN_OPEN,
              Bodies.token(),
              Bodies.TRANSACT_CLOSE),
          "TransactWriteItems");
      if (indexOf(got.body(), Bodies.ITEM_FIELD) < 0 || count(queried.body()) != QUERY_ITEMS) {
        throw new IllegalStateException(
            name
                + ": a GetItem found nothing ("
                + got.text()
                + ") or a Query did not "
                + "return "
                + QUERY_ITEMS
                + " items ("
                + queried.text().substring(0, Math.min(200, queried.text().length()))
                + ")");
      }
    }

    private RawWire.Answer ok(RawWire.Answer answer, String operation) {
      if (answer.status() != 200) {
        failures.incrementAndGet();
        throw new IllegalStateException(
            name + " answered " + operation + " with " + answer.status() + ": " + answer.text());
      }
      return answer;
    }
  }

  /** The heads of the mix's four requests to one side, made once per connection. */
  record Heads(byte[] put, byte[] get, byte[] query, byte[] transact) {
    Heads(RawWire wire) {
      this(
          wire.head("PutItem"),
          wire.head("GetItem"),
          wire.head("Query"),
          wire.head("TransactWriteItems"));
    }
  }

  /**
   * The mix's request bodies, serialized once before the run: a PutItem and a GetItem per key, a
   * Query per partition, and each lane's transaction Puts per key, two of which (and a fresh
   * ClientRequestToken, as the SDK sends one with every transaction) make a TransactWriteItems.
   */
  static final class Bodies {
    static final byte[] TRANSACT_OPEN = utf8("{\"TransactItems\":[");
    static final byte[] COMMA = utf8(",");
    static final byte[] TOKEN_OPEN = utf8("],\"ClientRequestToken\":\"");
    static final byte[] TRANSACT_CLOSE = utf8("\"}");
    static final byte[] ITEM_FIELD = utf8("\"Item\"");
    static final byte[] COUNT_FIELD = utf8("\"Count\"");
    static final AtomicLong TOKENS = new AtomicLong();

    final byte[][] put = new byte[KEYS][];
    final byte[][] get = new byte[KEYS][];
    final byte[][] query = new byte[QUERY_PARTITIONS][];
    final byte[][][] transactPut;

    Bodies(int lanes) {
      transactPut = new byte[lanes][KEYS][];
      for (int k = 0; k < KEYS; k++) {
        put[k] = utf8("{\"TableName\":\"" + TABLE + "\",\"Item\":" + itemJson("k" + k) + "}");
        get[k] =
            utf8(
                "{\"TableName\":\""
                    + TABLE
                    + "\",\"Key\":{\"pk\":{\"S\":\"k"
                    + k
                    + "\"},\"sk\":{\"N\":\"0\"}}}");
        for (int lane = 0; lane < lanes; lane++) {
          transactPut[lane][k] =
              utf8(
                  "{\"Put\":{\"TableName\":\""
                      + TABLE
                      + "\",\"Item\":"
                      + itemJson("t" + lane + "-" + k)
                      + "}}");
        }
      }
      for (int q = 0; q < QUERY_PARTITIONS; q++) {
        query[q] =
            utf8(
                "{\"TableName\":\""
                    + TABLE
                    + "\",\"KeyConditionExpression\":\"pk = :pk\","
                    + "\"ExpressionAttributeValues\":{\":pk\":{\"S\":\"q"
                    + q
                    + "\"}}}");
      }
    }

    private static String itemJson(String pk) {
      return "{\"pk\":{\"S\":\""
          + pk
          + "\"},\"sk\":{\"N\":\"0\"},\"payload\":{\"S\":\""
          + PAYLOAD
          + "\"}}";
    }

    static byte[] token() {
      return utf8("parity-" + TOKENS.incrementAndGet());
    }

    static byte[] utf8(String text) {
      return text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * A trial's operations a second, and the CPU milliseconds an operation took in the client and
   * elsewhere.
   */
  record Trial(double rate, double clientCpuMs, double otherCpuMs) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%.0f operations/s (CPU per operation: client %.2f ms, server and the rest " + "%.2f ms)",
          rate,
          clientCpuMs,
          otherCpuMs);
    }
  }

  static int indexOf(byte[] body, byte[] field) {
    outer:
    for (int i = 0; i + field.length <= body.length; i++) {
      for (int j = 0; j < field.length; j++) {
        if (body[i + j] != field[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** The number after {@code "Count":} in a Query's answer, or -1. */
  static int count(byte[] body) {
    int at = indexOf(body, Bodies.COUNT_FIELD);
    if (at < 0) {
      return -1;
    }
    int i = at + Bodies.COUNT_FIELD.length;
    while (i < body.length && (body[i] == ':' || body[i] == ' ')) {
      i++;
    }
    int count = 0;
    while (i < body.length && body[i] >= '0' && body[i] <= '9') {
      count = count * 10 + body[i++] - '0';
    }
    return count;
  }

  static Map<String, AttributeValue> key(String pk, int sk) {
    return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromN(Integer.toString(sk)));
  }

  static Map<String, AttributeValue> item(String pk, int sk) {
    return Map.of(
        "pk",
        AttributeValue.fromS(pk),
        "sk",
        AttributeValue.fromN(Integer.toString(sk)),
        "payload",
        AttributeValue.fromS(PAYLOAD));
  }

  static double median(List<Trial> trials, ToDoubleFunction<Trial> figure) {
    List<Double> sorted = trials.stream().map(figure::applyAsDouble).sorted().toList();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
