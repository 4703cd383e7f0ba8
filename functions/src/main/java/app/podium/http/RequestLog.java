package app.podium.http;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.logging.log4j.ThreadContext;

/**
 * The fields every log line of a request carries, beside Powertools' own ({@code function_name},
 * {@code function_request_id}, {@code cold_start} on AWS): the route's function name, API Gateway's
 * request id and the caller's account id. They live in Log4j's thread context (SLF4J's MDC, which
 * Powertools' JSON layout prints as fields) from the request's start until it is answered, so a
 * warm container's next request, or the local server's next request on the same thread, starts
 * without them. Never a token, a password or an email: ids only.
 */
public final class RequestLog {
  public static final String ROUTE = "route";
  public static final String REQUEST_ID = "request_id";
  public static final String ACCOUNT_ID = "account_id";
  private static final List<String> KEYS = List.of(ROUTE, REQUEST_ID, ACCOUNT_ID);

  private RequestLog() {}

  /** The request's route (function name) and request id, until {@link #end()}. */
  public static void begin(String route, String requestId) {
    ThreadContext.put(ROUTE, route);
    if (requestId != null) {
      ThreadContext.put(REQUEST_ID, requestId);
    }
  }

  /** The caller's account, once the authorizer's context is read. */
  static void caller(Caller caller) {
    caller.accountId().ifPresent(id -> ThreadContext.put(ACCOUNT_ID, id));
  }

  /** The fields in force, for work this request hands to other threads. */
  public static Map<String, String> current() {
    return ThreadContext.getImmutableContext();
  }

  /**
   * Runs {@code work} on this thread with {@code fields}, as the thread that handed it over had.
   */
  public static <T> T with(Map<String, String> fields, Supplier<T> work) {
    ThreadContext.putAll(fields);
    try {
      return work.get();
    } finally {
      end();
    }
  }

  public static void end() {
    ThreadContext.removeAll(KEYS);
  }
}
