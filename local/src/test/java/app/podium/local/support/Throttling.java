package app.podium.local.support;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.Tables;
import app.podium.local.LocalStack;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * What the rate-limit tests check on every refusal, and what a refused request may have written.
 */
public final class Throttling {
  private Throttling() {}

  /**
   * A 429 as Mastodon answers it: {@code {"error": ...}} and the four headers, the reset within one
   * window of {@code sentAfter} and {@code Retry-After} within the window.
   */
  public static void assertThrottled(
      ApiClient.Response response, int limit, long windowSeconds, Instant sentAfter) {
    assertThat(response.status()).as(response.toString()).isEqualTo(429);
    assertThat(response.header("content-type")).startsWith("application/json");
    assertThat(response.field("error")).isEqualTo("Too many requests");
    assertThat(response.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(limit));
    assertThat(response.header("X-RateLimit-Remaining")).isEqualTo("0");
    Instant reset = Instant.parse(response.header("X-RateLimit-Reset"));
    assertThat(reset).isAfter(sentAfter).isBeforeOrEqualTo(sentAfter.plusSeconds(windowSeconds));
    assertThat(Long.parseLong(response.header("Retry-After"))).isBetween(1L, windowSeconds);
  }

  public static int count(LocalStack stack, Tables.Table table) {
    String name = table.physicalName(stack.backend().settings().tablePrefix());
    return stack
        .dynamoDbClient()
        .scan(r -> r.tableName(name).select("COUNT").consistentRead(true))
        .count();
  }

  /**
   * Every table's item count but the rate-limit counters', which a refused request does update,
   * once the event path has gone quiet: the notifications and receipts of earlier requests are
   * written asynchronously (SNS, SQS, the fan-out handler) and would otherwise land between a
   * test's two snapshots. Quiet: the same counts twice, half a second apart (ten seconds at most).
   */
  public static Map<String, Integer> tableCounts(LocalStack stack) {
    Map<String, Integer> counts = countsNow(stack);
    for (int attempt = 0; attempt < 20; attempt++) {
      Feeds.pause(500);
      Map<String, Integer> again = countsNow(stack);
      if (again.equals(counts)) {
        return counts;
      }
      counts = again;
    }
    throw new AssertionError("the tables kept changing for 10 s: " + counts);
  }

  private static Map<String, Integer> countsNow(LocalStack stack) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (Tables.Table table : Tables.ALL) {
      if (table != Tables.RATE_LIMITS) {
        counts.put(table.name(), count(stack, table));
      }
    }
    return counts;
  }

  /**
   * What a limit has counted for one client (an address's key, an account id) over all its windows.
   */
  public static long counted(LocalStack stack, String limit, String client) {
    String name = Tables.RATE_LIMITS.physicalName(stack.backend().settings().tablePrefix());
    return stack
        .dynamoDbClient()
        .scanPaginator(
            r ->
                r.tableName(name)
                    .consistentRead(true)
                    .filterExpression("begins_with(#key, :prefix)")
                    .expressionAttributeNames(Map.of("#key", "key"))
                    .expressionAttributeValues(
                        Map.of(":prefix", AttributeValue.fromS(limit + ":" + client + ":"))))
        .items()
        .stream()
        .mapToLong(item -> Long.parseLong(item.get("count").n()))
        .sum();
  }
}
