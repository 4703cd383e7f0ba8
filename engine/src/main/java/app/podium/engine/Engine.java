package app.podium.engine;

import app.podium.engine.durable.Journal;
import app.podium.engine.limits.Faults;
import app.podium.engine.limits.HotKey;
import app.podium.engine.limits.PartitionThroughput;
import app.podium.engine.ops.Context;
import app.podium.engine.ops.Operations;
import app.podium.engine.server.DynamoServer;
import app.podium.engine.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Podium's DynamoDB engine: DynamoDB's JSON 1.0 protocol served on loopback by this process, in
 * memory or on a data folder. Start one, point a DynamoDB client at {@link #endpoint()}, close it
 * when done.
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
   * @param dataDir where data is kept (an append-only log and snapshots); null keeps everything in
   *     memory
   * @param throughputScale multiplies DynamoDB's per-partition limits (1,000 write and 3,000 read
   *     units a second); 0 turns throttling off
   * @param gsiLag how long a write takes to reach global secondary indexes (zero: at once)
   * @param ttlSweepDelay how long after its TTL an expired item is deleted (reads return it until
   *     then)
   * @param ttlSweepInterval how often expired items are looked for
   * @param clock the time TTL and the per-second throughput windows are measured against
   * @param faultSeed the seed of the fault injection's draws
   * @param compactAfterBytes the journal size past which it is compacted into a snapshot
   */
  public record Options(
      int port,
      Path dataDir,
      double throughputScale,
      Duration gsiLag,
      Duration ttlSweepDelay,
      Duration ttlSweepInterval,
      Clock clock,
      long faultSeed,
      long compactAfterBytes) {
    public static Options defaults() {
      return new Options(
          0,
          null,
          1.0,
          Duration.ZERO,
          Duration.ZERO,
          Duration.ofSeconds(1),
          Clock.systemUTC(),
          23,
          64L * 1024 * 1024);
    }

    public Options withPort(int value) {
      return new Options(
          value,
          dataDir,
          throughputScale,
          gsiLag,
          ttlSweepDelay,
          ttlSweepInterval,
          clock,
          faultSeed,
          compactAfterBytes);
    }

    public Options withDataDir(Path value) {
      return new Options(
          port,
          value,
          throughputScale,
          gsiLag,
          ttlSweepDelay,
          ttlSweepInterval,
          clock,
          faultSeed,
          compactAfterBytes);
    }

    public Options withThroughputScale(double value) {
      return new Options(
          port,
          dataDir,
          value,
          gsiLag,
          ttlSweepDelay,
          ttlSweepInterval,
          clock,
          faultSeed,
          compactAfterBytes);
    }

    /** No per-partition limits at all (the hot-key report still counts). */
    public Options withoutThrottling() {
      return withThroughputScale(0);
    }

    public Options withGsiLag(Duration value) {
      return new Options(
          port,
          dataDir,
          throughputScale,
          value,
          ttlSweepDelay,
          ttlSweepInterval,
          clock,
          faultSeed,
          compactAfterBytes);
    }

    public Options withTtlSweepDelay(Duration value) {
      return new Options(
          port,
          dataDir,
          throughputScale,
          gsiLag,
          value,
          ttlSweepInterval,
          clock,
          faultSeed,
          compactAfterBytes);
    }

    public Options withTtlSweepInterval(Duration value) {
      return new Options(
          port,
          dataDir,
          throughputScale,
          gsiLag,
          ttlSweepDelay,
          value,
          clock,
          faultSeed,
          compactAfterBytes);
    }

    public Options withClock(Clock value) {
      return new Options(
          port,
          dataDir,
          throughputScale,
          gsiLag,
          ttlSweepDelay,
          ttlSweepInterval,
          value,
          faultSeed,
          compactAfterBytes);
    }

    public Options withFaultSeed(long value) {
      return new Options(
          port,
          dataDir,
          throughputScale,
          gsiLag,
          ttlSweepDelay,
          ttlSweepInterval,
          clock,
          value,
          compactAfterBytes);
    }

    public Options withCompactAfterBytes(long value) {
      return new Options(
          port,
          dataDir,
          throughputScale,
          gsiLag,
          ttlSweepDelay,
          ttlSweepInterval,
          clock,
          faultSeed,
          value);
    }
  }

  private final Options options;
  private final Database database;
  private final PartitionThroughput throughput;
  private final Faults faults;
  private final DynamoServer server;
  private final ScheduledExecutorService sweeper;
  private final Journal journal;

  private Engine(
      Options options,
      Database database,
      PartitionThroughput throughput,
      Faults faults,
      DynamoServer server,
      ScheduledExecutorService sweeper,
      Journal journal) {
    this.options = options;
    this.database = database;
    this.throughput = throughput;
    this.faults = faults;
    this.server = server;
    this.sweeper = sweeper;
    this.journal = journal;
  }

  /**
   * Starts serving. With a data folder it first loads what the folder holds (a torn last record is
   * cut off with a warning); it fails when the folder cannot be read or another engine holds it, or
   * when the port is taken.
   */
  public static Engine start(Options options) {
    Database database = new Database(options.gsiLag());
    Journal journal = null;
    if (options.dataDir() != null) {
      try {
        journal = Journal.open(options.dataDir(), database, options.compactAfterBytes());
      } catch (IOException e) {
        database.close();
        throw new UncheckedIOException(
            "Podium engine: cannot use data folder " + options.dataDir() + ": " + e.getMessage(),
            e);
      }
      database.log(journal);
    }
    PartitionThroughput throughput =
        new PartitionThroughput(options.throughputScale(), () -> options.clock().millis() / 1000);
    Context context = new Context(database, throughput, options.clock());
    Operations operations = new Operations(context);
    Faults faults = new Faults(options.faultSeed());
    DynamoServer server;
    try {
      server =
          new DynamoServer(options.port(), operations, new Controls(throughput, faults), faults);
    } catch (IOException e) {
      database.close();
      closeQuietly(journal);
      throw new UncheckedIOException(
          "Podium engine: cannot listen on 127.0.0.1:" + options.port() + ": " + e.getMessage(), e);
    }
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("engine-ttl-sweeper").factory());
    long interval = Math.max(1, options.ttlSweepInterval().toMillis());
    sweeper.scheduleWithFixedDelay(
        () -> {
          try {
            database.sweepExpired(options.clock().millis() / 1000, options.ttlSweepDelay());
          } catch (RuntimeException e) {
            System.err.println("Podium engine: TTL sweep failed: " + e);
          }
        },
        interval,
        interval,
        TimeUnit.MILLISECONDS);
    return new Engine(options, database, throughput, faults, server, sweeper, journal);
  }

  private static void closeQuietly(Journal journal) {
    if (journal != null) {
      try {
        journal.close();
      } catch (IOException ignored) {
        // already failing to start; the first cause is the one reported
      }
    }
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

  /**
   * The hot-key report: the hottest partition keys of every table and index (at most 20, hottest
   * first), with the most units each took in one second. Also at {@code GET
   * <endpoint>/engine/hot-keys}.
   */
  public List<HotKey> hotKeys() {
    return throughput.report();
  }

  /**
   * Server-side faults: set a share of InternalServerError (before or after applying),
   * ThrottlingException and added latency per operation. Also at {@code GET/PUT/DELETE
   * <endpoint>/engine/faults}.
   */
  public Faults faults() {
    return faults;
  }

  /**
   * The report for the tables whose names start with {@code tablePrefix} (a test's own tables), at
   * most {@code limit} keys. Also at {@code GET
   * <endpoint>/engine/hot-keys?table=<prefix>&limit=<n>}.
   */
  public List<HotKey> hotKeys(String tablePrefix, int limit) {
    return throughput.report(tablePrefix, limit);
  }

  /** Starts the hot-key report afresh (e.g. after a test's setup, before the burst it measures). */
  public void resetHotKeys() {
    throughput.reset();
  }

  /** The hot-key report as the engine prints it when it closes. */
  public String hotKeyReport() {
    return throughput.describe();
  }

  /** Stops serving; prints the hot-key report. */
  @Override
  public void close() {
    server.close();
    sweeper.shutdownNow();
    database.close();
    if (journal != null) {
      try {
        journal.close();
      } catch (IOException e) {
        System.err.println("Podium engine: closing the journal failed: " + e);
      }
    }
    System.out.println(throughput.describe());
  }
}
