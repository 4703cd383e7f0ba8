package app.podium.http;

import app.podium.shared.Variables;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.environment.EnvironmentProvider;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.lambda.powertools.metrics.Metrics;
import software.amazon.lambda.powertools.metrics.internal.EmfMetricsLogger;
import software.amazon.lambda.powertools.metrics.model.DimensionSet;
import software.amazon.lambda.powertools.metrics.model.MetricUnit;

/**
 * The functions' metrics, in CloudWatch's embedded metric format (Powertools' EMF logger): one JSON
 * line on stdout per request or fan-out batch, which CloudWatch Logs turns into metrics in {@code
 * POWERTOOLS_METRICS_NAMESPACE} ({@code Podium}) with the dimension {@code route}: {@code
 * Requests}, {@code ClientErrors} (4xx) and {@code ServerErrors} (5xx) of every route, {@code
 * PostsCreated}, {@code HomeReads}, and the fan-out's {@code FanoutPages} with each page's {@code
 * FanoutPageLatency}. Written in Lambda, and locally with {@code PODIUM_METRICS=on}; nothing
 * otherwise (the tests' thousands of requests would each print a line).
 */
public final class RequestMetrics {
  /** A route's own count, beside its requests: posts created, home timelines read. */
  static final Map<String, String> SUCCESSES =
      Map.of("PostStatus", "PostsCreated", "GetHomeTimeline", "HomeReads");

  private static final String NAMESPACE =
      Variables.POWERTOOLS_METRICS_NAMESPACE.read(System.getenv());

  /**
   * Lambda's environment always: its sink is stdout, which Lambda sends to CloudWatch Logs. The EMF
   * library's own detection would probe EC2's metadata address off Lambda.
   */
  private static final EnvironmentProvider STDOUT =
      new EnvironmentProvider() {
        private final CompletableFuture<Environment> lambda =
            CompletableFuture.completedFuture(new LambdaEnvironment());

        @Override
        public CompletableFuture<Environment> resolveEnvironment() {
          return lambda;
        }
      };

  private static volatile boolean enabled =
      System.getenv("AWS_LAMBDA_FUNCTION_NAME") != null
          || Variables.PODIUM_METRICS.read(System.getenv());

  private RequestMetrics() {}

  /** Turns the metrics on or off in this process (the local stack's {@code PODIUM_METRICS}). */
  public static void enable(boolean on) {
    enabled = on;
  }

  /**
   * Runs {@code work} with no metric written in this process, then turns them back as they were:
   * SnapStart's priming runs every route on answers that no member asked for, and would otherwise
   * count them (its failures as {@code ServerErrors}) at each checkpoint.
   */
  public static <T> T withheld(java.util.function.Supplier<T> work) {
    boolean was = enabled;
    enabled = false;
    try {
      return work.get();
    } finally {
      enabled = was;
    }
  }

  /** One request of {@code route} answered with {@code status}. */
  static void request(String route, int status) {
    if (!enabled) {
      return;
    }
    emit(
        route,
        metrics -> {
          metrics.addMetric("Requests", 1, MetricUnit.COUNT);
          if (status >= 400 && status < 500) {
            metrics.addMetric("ClientErrors", 1, MetricUnit.COUNT);
          } else if (status >= 500) {
            metrics.addMetric("ServerErrors", 1, MetricUnit.COUNT);
          } else if (SUCCESSES.containsKey(route)) {
            metrics.addMetric(SUCCESSES.get(route), 1, MetricUnit.COUNT);
          }
        });
  }

  /** A fan-out batch: one page a task, each with how long it took. */
  public static void fanoutPages(String route, List<Long> millis) {
    if (!enabled || millis.isEmpty()) {
      return;
    }
    emit(
        route,
        metrics -> {
          metrics.addMetric("FanoutPages", millis.size(), MetricUnit.COUNT);
          millis.forEach(ms -> metrics.addMetric("FanoutPageLatency", ms, MetricUnit.MILLISECONDS));
        });
  }

  private static void emit(String route, Consumer<Metrics> fill) {
    Metrics metrics = new EmfMetricsLogger(STDOUT, new MetricsContext());
    metrics.setNamespace(NAMESPACE);
    metrics.setDefaultDimensions(DimensionSet.of("route", route));
    fill.accept(metrics);
    metrics.flush();
  }
}
