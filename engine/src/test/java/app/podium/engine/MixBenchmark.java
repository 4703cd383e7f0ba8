package app.podium.engine;

import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.s;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Operations a second of a mix through the SDK: PutItem, GetItem, a Query of 20 items and a
 * TransactWriteItems of 2, from several client threads. Against an engine in this process ({@code
 * engine}), or against any endpoint given, to compare another server the same way on the same
 * machine; several targets are measured in turns (A, B, A, B, ...) in one JVM, so that both see the
 * same warmed-up client and the same machine load, and the best turn of each counts.
 *
 * <pre>
 * ./mvnw -q -pl engine test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=app.podium.engine.MixBenchmark -Dexec.args="engine,http://127.0.0.1:8000 8 20 3"
 * </pre>
 *
 * Arguments: targets (comma-separated; default {@code engine}), client threads (8), seconds a turn
 * (20), turns (3). Each turn also prints the CPU an operation took in the client threads and in the
 * rest of this process (for the engine in this process: its server, with the JIT and GC); {@code
 * -Dmix.serverPid=<pid>} adds another server process's CPU (Linux, from /proc).
 */
public final class MixBenchmark {
  private MixBenchmark() {}

  public static void main(String[] args) throws Exception {
    String[] targets = (args.length > 0 ? args[0] : "engine").split(",");
    int threads = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
    int turns = args.length > 3 ? Integer.parseInt(args[3]) : 3;
    Engine engine = Engine.start(Engine.Options.defaults().withoutThrottling());
    double[] best = new double[targets.length];
    try {
      for (int turn = 0; turn < turns; turn++) {
        for (int t = 0; t < targets.length; t++) {
          String endpoint = targets[t].equals("engine") ? engine.endpoint() : targets[t];
          Turn measured = measure(endpoint, threads, seconds);
          best[t] = Math.max(best[t], measured.rate());
          System.out.printf(
              "turn %d %s: %.0f ops/s (CPU an operation: client %.3f ms, rest of this process %.3f ms"
                  + "%s)%n",
              turn + 1,
              targets[t],
              measured.rate(),
              measured.clientMs(),
              measured.restMs(),
              measured.serverMs() < 0
                  ? ""
                  : String.format(", server process %.3f ms", measured.serverMs()));
        }
      }
    } finally {
      engine.close();
    }
    for (int t = 0; t < targets.length; t++) {
      System.out.printf(
          "RESULT mix_ops_per_second %.0f ops/s (%s, best of %d turns of %d s, %d client threads; "
              + "PutItem, GetItem, Query of 20, TransactWriteItems of 2)%n",
          best[t], targets[t], turns, seconds, threads);
    }
    if (targets.length == 2) {
      System.out.printf(
          "RESULT mix_ratio %.2f (%s / %s)%n", best[0] / best[1], targets[0], targets[1]);
    }
  }

  /** A turn's operations a second, and the CPU milliseconds an operation took where. */
  record Turn(double rate, double clientMs, double restMs, double serverMs) {}

  static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();
  static final com.sun.management.OperatingSystemMXBean PROCESS =
      (com.sun.management.OperatingSystemMXBean)
          java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  /** CPU nanoseconds of another process (its user and system ticks), or -1 when not asked for. */
  static long serverCpuNanos() throws java.io.IOException {
    String pid = System.getProperty("mix.serverPid");
    if (pid == null) {
      return -1;
    }
    String[] stat =
        java.nio.file.Files.readString(java.nio.file.Path.of("/proc", pid, "stat")).split(" ");
    return (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) * 10_000_000L;
  }

  /** Operations a second of the mix against {@code endpoint}, after a few seconds of warming up. */
  static Turn measure(String endpoint, int threads, int seconds) throws Exception {
    try (DynamoDbClient client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create(endpoint))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("bench", "bench")))
            .httpClientBuilder(
                UrlConnectionHttpClient.builder().socketTimeout(Duration.ofSeconds(60)))
            .build()) {
      String table = "mix" + System.nanoTime();
      Clients.createTable(client, table, true);
      for (int i = 0; i < 20; i++) {
        int sk = i;
        client.putItem(
            r ->
                r.tableName(table)
                    .item(
                        Map.of(
                            "pk",
                            s("feed"),
                            "sk",
                            n(Integer.toString(sk)),
                            "text",
                            s(
                                "a status of about a hundred characters, as a timeline entry would carry it, give or take"))));
      }
      AtomicLong operations = new AtomicLong();
      AtomicBoolean measuring = new AtomicBoolean();
      AtomicBoolean running = new AtomicBoolean(true);
      CountDownLatch done = new CountDownLatch(threads);
      long[] workerIds = new long[threads];
      for (int t = 0; t < threads; t++) {
        int worker = t;
        workerIds[t] =
            Thread.ofPlatform()
                .start(
                    () -> {
                      long i = 0;
                      while (running.get()) {
                        String id = worker + "-" + i++;
                        client.putItem(
                            r ->
                                r.tableName(table)
                                    .item(Map.of("pk", s("p" + id), "sk", n("1"), "v", s(id))));
                        client.getItem(
                            r -> r.tableName(table).key(Map.of("pk", s("p" + id), "sk", n("1"))));
                        client.query(
                            r ->
                                r.tableName(table)
                                    .keyConditionExpression("pk = :p")
                                    .expressionAttributeValues(Map.of(":p", s("feed")))
                                    .limit(20));
                        client.transactWriteItems(
                            r ->
                                r.transactItems(
                                    x ->
                                        x.put(
                                            p ->
                                                p.tableName(table)
                                                    .item(Map.of("pk", s("t" + id), "sk", n("1")))),
                                    x ->
                                        x.update(
                                            u ->
                                                u.tableName(table)
                                                    .key(
                                                        Map.of("pk", s("c" + worker), "sk", n("1")))
                                                    .updateExpression("ADD c :one")
                                                    .expressionAttributeValues(
                                                        Map.of(":one", n("1"))))));
                        if (measuring.get()) {
                          operations.addAndGet(4);
                        }
                      }
                      done.countDown();
                    })
                .threadId();
      }
      Thread.sleep(3000);
      long clientBefore = clientCpu(workerIds);
      long processBefore = PROCESS.getProcessCpuTime();
      long serverBefore = serverCpuNanos();
      measuring.set(true);
      long started = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      measuring.set(false);
      double elapsed = (System.nanoTime() - started) / 1e9;
      long clientCpu = clientCpu(workerIds) - clientBefore;
      long process = PROCESS.getProcessCpuTime() - processBefore;
      long server = serverBefore < 0 ? -1 : serverCpuNanos() - serverBefore;
      running.set(false);
      done.await();
      double count = Math.max(1, operations.get());
      return new Turn(
          operations.get() / elapsed,
          clientCpu / count / 1e6,
          (process - clientCpu) / count / 1e6,
          server < 0 ? -1 : server / count / 1e6);
    }
  }

  private static long clientCpu(long[] threadIds) {
    long total = 0;
    for (long id : threadIds) {
      total += Math.max(0, THREADS.getThreadCpuTime(id));
    }
    return total;
  }
}
