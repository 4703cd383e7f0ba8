package app.podium.engine.limits;

import app.podium.engine.value.DynamoError;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-side faults for tests: per operation (or {@code *} for every one), a share of requests
 * answered with InternalServerError (before or after the request is applied), a share answered with
 * ThrottlingException, and added latency. Draws are seeded, so the same seed and the same order of
 * requests give the same faults.
 */
public final class Faults {
  /** What was injected, counted per operation. */
  public enum Kind {
    /** HTTP 500 before the request is applied: nothing changed. */
    INTERNAL_ERROR,
    /** HTTP 500 after the request was applied: the caller cannot tell that it was. */
    INTERNAL_ERROR_AFTER,
    /** HTTP 400 ThrottlingException, before the request is applied. */
    THROTTLING,
    /** A request held for the rule's latency before it ran. */
    LATENCY
  }

  /**
   * One operation's faults: shares between 0 and 1 of its requests, the latency added to every
   * request, and how many faults at most (0: no limit) before the rule stops.
   */
  public record Rule(
      double internalErrors,
      double internalErrorsAfter,
      double throttling,
      Duration latency,
      long limit) {
    public Rule {
      if (internalErrors < 0
          || internalErrorsAfter < 0
          || throttling < 0
          || internalErrors + internalErrorsAfter + throttling > 1) {
        throw new IllegalArgumentException("fault shares must be between 0 and 1 together");
      }
      latency = latency == null ? Duration.ZERO : latency;
    }

    public static Rule none() {
      return new Rule(0, 0, 0, Duration.ZERO, 0);
    }

    public Rule withInternalErrors(double share) {
      return new Rule(share, internalErrorsAfter, throttling, latency, limit);
    }

    public Rule withInternalErrorsAfterApplying(double share) {
      return new Rule(internalErrors, share, throttling, latency, limit);
    }

    public Rule withThrottling(double share) {
      return new Rule(internalErrors, internalErrorsAfter, share, latency, limit);
    }

    public Rule withLatency(Duration added) {
      return new Rule(internalErrors, internalErrorsAfter, throttling, added, limit);
    }

    /** Stops injecting errors after {@code count} of them (latency goes on). */
    public Rule atMost(long count) {
      return new Rule(internalErrors, internalErrorsAfter, throttling, latency, count);
    }
  }

  /** What a request drew: nothing, or the error to answer with before or after it is applied. */
  public record Draw(DynamoError before, DynamoError after) {
    static final Draw NONE = new Draw(null, null);
  }

  public static final String EVERY_OPERATION = "*";

  private final long seed;
  private final AtomicLong draws = new AtomicLong();
  private final Map<String, Rule> rules = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> errorsByRule = new ConcurrentHashMap<>();
  private final Map<String, Map<Kind, AtomicLong>> injected = new ConcurrentHashMap<>();

  public Faults(long seed) {
    this.seed = seed;
  }

  /**
   * Sets the faults of {@code operation} ({@code *}: every operation without a rule of its own).
   */
  public void set(String operation, Rule rule) {
    rules.put(operation, rule);
    errorsByRule.put(operation, new AtomicLong());
  }

  /** No faults any more; the counts start afresh. */
  public void clear() {
    rules.clear();
    errorsByRule.clear();
    injected.clear();
  }

  public Map<String, Rule> rules() {
    return Map.copyOf(rules);
  }

  /** How many faults of {@code kind} requests of {@code operation} got. */
  public long injected(String operation, Kind kind) {
    Map<Kind, AtomicLong> counts = injected.get(operation);
    return counts == null ? 0 : counts.get(kind).get();
  }

  /** Every count, by operation then kind. */
  public Map<String, Map<Kind, Long>> counts() {
    Map<String, Map<Kind, Long>> counts = new LinkedHashMap<>();
    injected.forEach(
        (operation, kinds) -> {
          Map<Kind, Long> byKind = new EnumMap<>(Kind.class);
          kinds.forEach((kind, count) -> byKind.put(kind, count.get()));
          counts.put(operation, byKind);
        });
    return counts;
  }

  /** Delays the request if its rule says so, and draws whether it fails; called before it runs. */
  public Draw draw(String operation) {
    String ruleName = rules.containsKey(operation) ? operation : EVERY_OPERATION;
    Rule rule = rules.get(ruleName);
    if (rule == null) {
      return Draw.NONE;
    }
    if (!rule.latency().isZero()) {
      count(operation, Kind.LATENCY);
      try {
        Thread.sleep(rule.latency());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    double draw = uniform(seed + draws.incrementAndGet());
    Kind kind =
        draw < rule.internalErrors()
            ? Kind.INTERNAL_ERROR
            : draw < rule.internalErrors() + rule.internalErrorsAfter()
                ? Kind.INTERNAL_ERROR_AFTER
                : draw < rule.internalErrors() + rule.internalErrorsAfter() + rule.throttling()
                    ? Kind.THROTTLING
                    : null;
    if (kind == null) {
      return Draw.NONE;
    }
    AtomicLong used = errorsByRule.computeIfAbsent(ruleName, k -> new AtomicLong());
    if (rule.limit() > 0 && used.incrementAndGet() > rule.limit()) {
      return Draw.NONE;
    }
    count(operation, kind);
    return switch (kind) {
      case INTERNAL_ERROR -> new Draw(internalError(), null);
      case INTERNAL_ERROR_AFTER -> new Draw(null, internalError());
      default ->
          new Draw(
              new DynamoError(
                  "ThrottlingException",
                  400,
                  "Rate of requests exceeds the allowed throughput. (injected by the engine's faults)"),
              null);
    };
  }

  private static DynamoError internalError() {
    return DynamoError.internal("Internal server error (injected by the engine's faults)");
  }

  private void count(String operation, Kind kind) {
    injected
        .computeIfAbsent(
            operation,
            op -> {
              Map<Kind, AtomicLong> counts = new EnumMap<>(Kind.class);
              for (Kind each : Kind.values()) {
                counts.put(each, new AtomicLong());
              }
              return counts;
            })
        .get(kind)
        .incrementAndGet();
  }

  /**
   * A uniform draw in [0, 1) from a 64-bit finalizer (MurmurHash3's) of a counter: repeatable, well
   * spread.
   */
  private static double uniform(long z) {
    z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
    z = (z ^ (z >>> 33)) * 0xc4ceb93e64ed558cL;
    z ^= z >>> 33;
    return (z >>> 11) * 0x1.0p-53;
  }
}
