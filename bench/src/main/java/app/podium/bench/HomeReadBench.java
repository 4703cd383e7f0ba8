package app.podium.bench;

import app.podium.AwsClients;
import app.podium.RouteFunction;
import app.podium.Tables;
import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * {@code home_read_vs_raw}: the p50 of {@code GET /api/v1/timelines/home?limit=40} through the home
 * timeline's {@link RouteFunction}, invoked in process with the event API Gateway would send after
 * the authorizer, against the p50 of the raw reads that page needs: a Query of the timeline (40,
 * newest first, consistent, as the repository reads it), a BatchGetItem of the 40 posts and a
 * BatchGetItem of their authors. The reader follows 50 authors, whose 1,000 posts are all in the
 * reader's timeline.
 */
final class HomeReadBench {
  static final int AUTHORS = 50;
  static final int POSTS_PER_AUTHOR = 20;
  static final int LIMIT = 40;
  static final int WARM_UP = 100;
  static final int READS = 200;
  static final String READER = Items.accountId(0);
  private static final ObjectMapper JSON = new ObjectMapper();

  private HomeReadBench() {}

  static void run(String endpoint, Report report) throws Exception {
    report.line(
        "== home: home timeline (limit %d) through the handler vs raw Query + 2 BatchGetItem",
        LIMIT);
    Fixture fx = new Fixture(endpoint, "home-");
    seed(fx, report);

    RequestCounter handlerCalls = new RequestCounter();
    RequestCounter rawCalls = new RequestCounter();
    RouteFunction handler =
        new RouteFunction(
            fx.backend(READS_PUBLISH_NOTHING, handlerCalls), "GET /api/v1/timelines/home");
    RawReads raw = new RawReads(AwsClients.dynamoDb(endpoint, rawCalls), fx);

    for (int i = 0; i < WARM_UP; i++) {
      handler.handleRequest(homeRequest(), null);
      raw.read();
    }
    handlerCalls.reset();
    rawCalls.reset();
    List<Long> handlerTimes = new ArrayList<>();
    List<Long> rawTimes = new ArrayList<>();
    APIGatewayV2HTTPResponse lastResponse = null;
    List<String> lastRaw = null;
    for (int i = 0; i < READS; i++) {
      APIGatewayV2HTTPEvent request = homeRequest();
      long start = System.nanoTime();
      lastResponse = handler.handleRequest(request, null);
      handlerTimes.add(System.nanoTime() - start);
      if (lastResponse.getStatusCode() != 200) {
        throw new IllegalStateException(
            "home timeline answered "
                + lastResponse.getStatusCode()
                + ": "
                + lastResponse.getBody());
      }
      start = System.nanoTime();
      lastRaw = raw.read();
      rawTimes.add(System.nanoTime() - start);
    }
    JsonNode page = JSON.readTree(lastResponse.getBody());
    List<String> pageIds = new ArrayList<>();
    page.forEach(status -> pageIds.add(status.get("id").asText()));
    if (!pageIds.equals(lastRaw) || pageIds.size() != LIMIT) {
      throw new IllegalStateException(
          "the handler's page " + pageIds + " is not the raw page " + lastRaw);
    }

    // The service reads limit + 10 entries (TimelineService.SLACK) and hydrates all of them, so
    // that statuses
    // deleted since their fan-out do not leave the page short.
    report.line("calls per read: handler %s, raw %s", perRead(handlerCalls), perRead(rawCalls));
    report.line(
        "mean ms in DynamoDB calls per read: handler %.2f %s, raw %.2f %s",
        Report.millis(handlerCalls.nanosInCalls()) / READS,
        msPerRead(handlerCalls),
        Report.millis(rawCalls.nanosInCalls()) / READS,
        msPerRead(rawCalls));
    for (var side : List.of(Map.entry("handler", handlerTimes), Map.entry("raw", rawTimes))) {
      report.line(
          "%-8s %d reads: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms",
          side.getKey(),
          side.getValue().size(),
          Report.millis(Report.percentile(side.getValue(), 50)),
          Report.millis(Report.percentile(side.getValue(), 90)),
          Report.millis(Report.percentile(side.getValue(), 99)));
    }
    report.result(
        "home_read_vs_raw",
        (double) Report.median(handlerTimes) / Report.median(rawTimes),
        "ratio");
  }

  private static Map<String, String> perRead(RequestCounter counter) {
    Map<String, String> perRead = new TreeMap<>();
    counter
        .callsByOperation()
        .forEach(
            (op, n) -> perRead.put(op, String.format(Locale.ROOT, "%.1f", n / (double) READS)));
    return perRead;
  }

  private static Map<String, String> msPerRead(RequestCounter counter) {
    Map<String, String> perRead = new TreeMap<>();
    counter
        .nanosByOperation()
        .forEach(
            (op, n) ->
                perRead.put(op, String.format(Locale.ROOT, "%.2f", Report.millis(n) / READS)));
    return perRead;
  }

  /**
   * The reader, the authors they follow, the authors' posts and the reader's timeline holding all
   * of them: a steady-state home read (the reader was active today, so nothing is rebuilt or
   * trimmed).
   */
  static void seed(Fixture fx, Report report) {
    Instant now = fx.clock.instant();
    List<String> authors =
        IntStream.range(0, AUTHORS).mapToObj(i -> Items.accountId(1 + i)).toList();
    // Active today, so the read neither rebuilds nor trims the timeline: a steady-state read.
    List<Map<String, AttributeValue>> accounts = new ArrayList<>();
    accounts.add(Items.account(READER, now, 0, AUTHORS));
    authors.forEach(a -> accounts.add(Items.account(a, now, 1, 0)));
    fx.writeAll(Tables.ACCOUNTS, accounts);
    long firstId = Ids.floorOf(now.minusSeconds(3600).toEpochMilli());
    fx.writeAll(
        Tables.FOLLOWS,
        IntStream.range(0, AUTHORS)
            .mapToObj(i -> Items.follow(READER, authors.get(i), firstId + i, now))
            .toList());
    int posts = AUTHORS * POSTS_PER_AUTHOR;
    Instant expiresAt = now.plus(fx.settings.fanout().entryLifetime());
    fx.writeAll(
        Tables.POSTS,
        IntStream.range(0, posts)
            .mapToObj(k -> Items.post(firstId + 1000 + k, authors.get(k % AUTHORS), now))
            .toList());
    fx.writeAll(
        Tables.TIMELINES,
        IntStream.range(0, posts)
            .mapToObj(
                k ->
                    Items.timelineEntry(
                        READER, firstId + 1000 + k, authors.get(k % AUTHORS), expiresAt))
            .toList());
    report.line(
        "setup: reader follows %d authors; %,d posts, all on the reader's timeline",
        AUTHORS, posts);
  }

  /** What API Gateway hands the function once the authorizer has resolved the reader's token. */
  static APIGatewayV2HTTPEvent homeRequest() {
    return HomeRequests.forReader(READER, LIMIT);
  }

  /** Reading a timeline publishes nothing; if it ever does, the benchmark should say so. */
  private static final FanoutTasks READS_PUBLISH_NOTHING =
      new FanoutTasks() {
        @Override
        public void publish(FanoutTask task) {
          throw new IllegalStateException("a home timeline read published " + task);
        }

        @Override
        public void enqueue(FanoutTask task) {
          throw new IllegalStateException("a home timeline read enqueued " + task);
        }
      };

  /** The three reads a page of 40 needs, straight from the SDK. */
  private record RawReads(DynamoDbClient client, Fixture fx) {
    /** The page's status ids, newest first. */
    List<String> read() {
      var entries =
          client
              .query(
                  r ->
                      r.tableName(fx.table(Tables.TIMELINES))
                          .keyConditionExpression("owner_id = :owner")
                          .expressionAttributeValues(Map.of(":owner", Items.s(READER)))
                          .scanIndexForward(false)
                          .limit(LIMIT)
                          .consistentRead(true))
              .items();
      List<Map<String, AttributeValue>> posts =
          batchGet(
              fx.table(Tables.POSTS),
              entries.stream().map(e -> Map.of("id", e.get("status_id"))).toList());
      List<Map<String, AttributeValue>> authors =
          batchGet(
              fx.table(Tables.ACCOUNTS),
              posts.stream()
                  .map(p -> p.get("author_id").s())
                  .distinct()
                  .map(a -> Map.of("id", Items.s(a)))
                  .toList());
      if (posts.size() != LIMIT || authors.isEmpty()) {
        throw new IllegalStateException(
            "raw read found " + posts.size() + " posts, " + authors.size() + " authors");
      }
      return entries.stream().map(e -> e.get("status_id").n()).toList();
    }

    private List<Map<String, AttributeValue>> batchGet(
        String table, List<Map<String, AttributeValue>> keys) {
      List<Map<String, AttributeValue>> found = new ArrayList<>();
      KeysAndAttributes pending = KeysAndAttributes.builder().keys(keys).build();
      while (pending != null && !pending.keys().isEmpty()) {
        KeysAndAttributes sending = pending;
        var response = client.batchGetItem(r -> r.requestItems(Map.of(table, sending)));
        found.addAll(response.responses().getOrDefault(table, List.of()));
        pending = response.unprocessedKeys().get(table);
      }
      return found;
    }
  }
}
