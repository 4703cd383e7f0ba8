package app.podium.engine;

import app.podium.engine.limits.Throughput;
import app.podium.engine.ops.Context;
import app.podium.engine.ops.Operations;
import app.podium.engine.server.DynamoServer;
import app.podium.engine.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Podium's DynamoDB engine: DynamoDB's JSON 1.0 protocol served on loopback by this process, in memory or on a data
 * folder. Start one, point a DynamoDB client at {@link #endpoint()}, close it when done.
 *
 * <pre>{@code
 * try (Engine engine = Engine.start(Engine.Options.defaults())) {
 *   DynamoDbClient client = DynamoDbClient.builder().endpointOverride(URI.create(engine.endpoint())) ... .build();
 * }
 * }</pre>
 */
public final class Engine implements AutoCloseable {
  /**
   * How an engine runs.
   *
   * @param port the loopback port; 0 picks a free one
   * @param dataDir where data is kept (an append-only log and snapshots); null keeps everything in memory
   * @param throughputScale multiplies DynamoDB's per-partition limits (1,000 write and 3,000 read units a second);
   *     0 turns throttling off
   * @param gsiLag how long a write takes to reach global secondary indexes (zero: at once)
   * @param ttlSweepDelay how long after its TTL an expired item is deleted (reads return it until then)
   * @param ttlSweepInterval how often expired items are looked for
   * @param clock the time TTL is measured against
   */
  public record Options(int port, Path dataDir, double throughputScale, Duration gsiLag, Duration ttlSweepDelay,
      Duration ttlSweepInterval, Clock clock) {
    public static Options defaults() {
      return new Options(0, null, 1.0, Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1), Clock.systemUTC());
    }

    public Options withPort(int newPort) {
      return new Options(newPort, dataDir, throughputScale, gsiLag, ttlSweepDelay, ttlSweepInterval, clock);
    }

    public Options withDataDir(Path newDataDir) {
      return new Options(port, newDataDir, throughputScale, gsiLag, ttlSweepDelay, ttlSweepInterval, clock);
    }

    public Options withThroughputScale(double scale) {
      return new Options(port, dataDir, scale, gsiLag, ttlSweepDelay, ttlSweepInterval, clock);
    }

    /** No per-partition limits at all. */
    public Options withoutThrottling() {
      return withThroughputScale(0);
    }

    public Options withGsiLag(Duration lag) {
      return new Options(port, dataDir, throughputScale, lag, ttlSweepDelay, ttlSweepInterval, clock);
    }

    public Options withTtlSweepDelay(Duration delay) {
      return new Options(port, dataDir, throughputScale, gsiLag, delay, ttlSweepInterval, clock);
    }

    public Options withTtlSweepInterval(Duration interval) {
      return new Options(port, dataDir, throughputScale, gsiLag, ttlSweepDelay, interval, clock);
    }

    public Options withClock(Clock newClock) {
      return new Options(port, dataDir, throughputScale, gsiLag, ttlSweepDelay, ttlSweepInterval, newClock);
    }
  }

  private final Options options;
  private final Database database;
  private final DynamoServer server;
  private final ScheduledExecutorService sweeper;

  private Engine(Options options, Database database, DynamoServer server, ScheduledExecutorService sweeper) {
    this.options = options;
    this.database = database;
    this.server = server;
    this.sweeper = sweeper;
  }

  public static Engine start(Options options) {
    Database database = new Database(options.gsiLag());
    Throughput throughput = Throughput.UNLIMITED;
    Context context = new Context(database, throughput, options.clock());
    Operations operations = new Operations(context);
    DynamoServer server;
    try {
      server = new DynamoServer(options.port(), operations,
          (method, path, body) -> new DynamoServer.Answer(404, Map.of("message", "no such control: " + path)),
          DynamoServer.Interceptor.NONE);
    } catch (IOException e) {
      database.close();
      throw new UncheckedIOException("Podium engine: cannot listen on 127.0.0.1:" + options.port(), e);
    }
    ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(
        Thread.ofPlatform().daemon().name("engine-ttl-sweeper").factory());
    long interval = Math.max(1, options.ttlSweepInterval().toMillis());
    sweeper.scheduleWithFixedDelay(() -> {
      try {
        database.sweepExpired(options.clock().millis() / 1000, options.ttlSweepDelay());
      } catch (RuntimeException e) {
        System.err.println("Podium engine: TTL sweep failed: " + e);
      }
    }, interval, interval, TimeUnit.MILLISECONDS);
    return new Engine(options, database, server, sweeper);
  }

  /** Where clients send requests: {@code http://127.0.0.1:<port>}. */
  public String endpoint() {
    return "http://127.0.0.1:" + server.port();
  }

  public int port() {
    return server.port();
  }

  public Options options() {
    return options;
  }

  @Override
  public void close() {
    server.close();
    sweeper.shutdownNow();
    database.close();
  }
}
