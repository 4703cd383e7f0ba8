package app.podium.bench;

import app.podium.AwsClients;
import app.podium.Backend;
import app.podium.Tables;
import app.podium.accounts.Account;
import app.podium.fanout.sqs.FanoutHandler;
import app.podium.fanout.sqs.FanoutTaskJson;
import app.podium.shared.AccountId;
import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Ids;
import app.podium.shared.StatusId;
import app.podium.statuses.Status;
import app.podium.statuses.StatusForm;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@code favourite_hottest_key_share_large}, {@code favourite_hottest_key_share_small}, {@code
 * favourite_vs_raw_transaction}, {@code notification_writes_per_favourite} and {@code
 * notification_receipt_writes_per_favourite}: a favourite burst on a large author's status (16
 * counter shards) and on a small author's (its own item counts), through {@code
 * ReactionService.favourite} from 8 threads, with every item write counted by key; then the large
 * status's favourite events delivered to {@link FanoutHandler} in SQS batches of 100, as Lambda
 * would, to see what one notification group costs.
 *
 * <p>Both counts must come out exact ({@code favourites_count} and the group's count equal to the
 * number of members): otherwise the run fails.
 */
final class ReactionsBench {
  static final int MEMBERS = Integer.getInteger("bench.reactions.members", 2_000);
  static final int THREADS = 8;
  static final int WARM_UP = Math.min(200, MEMBERS);

  /**
   * Lambda execution environments taking the notification batches, each one batch at a time (the
   * stack allows the fan-out function up to 50).
   */
  static final int CONTAINERS = Integer.getInteger("bench.reactions.containers", 4);

  /** The largest batch an SQS event source mapping hands a function. */
  static final int BATCH = 100;

  /**
   * The fan-out queue's (PodiumStack.FANOUT_MAX_RECEIVES): a message failed this often goes to its
   * DLQ.
   */
  static final int MAX_RECEIVES = 5;

  /**
   * DynamoDbNotificationRepository's: a transaction holds at most 100 items, the group and 99
   * receipts.
   */
  static final int RECEIPTS_PER_TRANSACTION = 99;

  static final String LARGE = Items.accountId(0);
  static final String SMALL = Items.accountId(1);

  /** A task the services published, and when: its message's {@code SentTimestamp}. */
  private record Published(FanoutTask task, long sentAtMillis) {}

  /** One timed favourite burst: its wall time and what it wrote. */
  private record Burst(
      long nanos,
      Map.Entry<WrittenKeys.Written, Long> hottest,
      Map<String, Long> byTable,
      long counterKeys,
      Map<String, Long> calls) {}

  private ReactionsBench() {}

  static void run(String endpoint, Report report) {
    report.line(
        "== reactions: %,d favourites of a large and of a small author's status, from %d threads",
        MEMBERS, THREADS);
    Fixture fx = new Fixture(endpoint, "reactions-");
    Instant now = fx.clock.instant();
    long setupStart = System.nanoTime();
    List<Map<String, AttributeValue>> accounts = new ArrayList<>();
    Map<String, AttributeValue> large = new HashMap<>(Items.account(LARGE, now, 80_000_000, 0));
    large.put("large", AttributeValue.fromBool(true));
    accounts.add(large);
    accounts.add(Items.account(SMALL, now, 10, 0));
    for (int i = 0; i < MEMBERS; i++) {
      accounts.add(Items.account(member(i), now, 0, 0));
    }
    fx.writeAll(Tables.ACCOUNTS, accounts);

    ConcurrentLinkedQueue<Published> published = new ConcurrentLinkedQueue<>();
    FanoutTasks sink =
        new FanoutTasks() {
          @Override
          public void publish(FanoutTask task) {
            published.add(new Published(task, System.currentTimeMillis()));
          }

          @Override
          public void enqueue(FanoutTask task) {
            published.add(new Published(task, System.currentTimeMillis()));
          }
        };
    KeyWriteCounter keys = new KeyWriteCounter(fx.prefix);
    RequestCounter calls = new RequestCounter();
    Backend services = fx.backend(sink, keys, calls);
    Status largeStatus = post(services, LARGE);
    Status smallStatus = post(services, SMALL);
    Status warmUpLarge = post(services, LARGE);
    Status warmUpSmall = post(services, SMALL);
    if (largeStatus.counterShards() != 16 || smallStatus.counterShards() != 1) {
      throw new IllegalStateException(
          "counter shards: large author's status "
              + largeStatus.counterShards()
              + ", small author's "
              + smallStatus.counterShards()
              + "; expected 16 and 1");
    }
    List<Account> members = new ArrayList<>(java.util.Collections.nCopies(MEMBERS, (Account) null));
    inThreads(MEMBERS, i -> members.set(i, services.accounts().get(new AccountId(member(i)))));

    // the raw side's targets: a post item like the small author's, and counter shards of a status
    // nobody sees
    long rawSmallId = Long.parseLong(new Ids(fx.clock).next());
    long rawLargeId = rawSmallId + 1;
    long rawWarmUpSmallId = rawSmallId + 2;
    long rawWarmUpLargeId = rawSmallId + 3;
    for (long id : new long[] {rawSmallId, rawWarmUpSmallId}) {
      fx.client.putItem(r -> r.tableName(fx.table(Tables.POSTS)).item(Items.post(id, SMALL, now)));
    }
    KeyWriteCounter rawKeys = new KeyWriteCounter(fx.prefix);
    DynamoDbClient raw = AwsClients.dynamoDb(endpoint, rawKeys);
    Ids rawIds = new Ids(fx.clock);
    report.line(
        "setup: %,d members, 4 statuses (large author's with %d counter shards) in %.1f s",
        MEMBERS, largeStatus.counterShards(), (System.nanoTime() - setupStart) / 1e9);

    long warmStart = System.nanoTime();
    // both shapes on both sides, on statuses of their own: favouriting twice would change nothing
    inThreads(
        WARM_UP,
        i -> services.reactions().favourite(members.get(i), new StatusId(warmUpLarge.id())));
    inThreads(
        WARM_UP,
        i -> services.reactions().favourite(members.get(i), new StatusId(warmUpSmall.id())));
    inThreads(WARM_UP, i -> rawFavourite(raw, fx, rawIds, member(i), rawWarmUpLargeId, 16));
    inThreads(WARM_UP, i -> rawFavourite(raw, fx, rawIds, member(i), rawWarmUpSmallId, 1));
    report.line(
        "warm-up: 2 x %d favourites and 2 x %d raw transactions in %.1f s",
        WARM_UP, WARM_UP, (System.nanoTime() - warmStart) / 1e9);

    // sides interleaved F R R F, so that drift over the run hits both alike
    Burst favouriteLarge = favourites(services, keys, calls, members, largeStatus);
    rawKeys.reset();
    long rawLarge =
        timed(
            () ->
                inThreads(MEMBERS, i -> rawFavourite(raw, fx, rawIds, member(i), rawLargeId, 16)));
    describeRaw(report, "raw, large shape", rawLarge, rawKeys);
    rawKeys.reset();
    long rawSmall =
        timed(
            () -> inThreads(MEMBERS, i -> rawFavourite(raw, fx, rawIds, member(i), rawSmallId, 1)));
    describeRaw(report, "raw, small shape", rawSmall, rawKeys);
    Burst favouriteSmall = favourites(services, keys, calls, members, smallStatus);
    describe(report, "favourites, large author's status", favouriteLarge);
    describe(report, "favourites, small author's status", favouriteSmall);

    // read back through a fresh container: no counter sum kept from before the burst
    Backend reader = fx.backend(sink);
    long largeCount =
        reader
            .statuses()
            .get(Optional.empty(), new StatusId(largeStatus.id()))
            .status()
            .counts()
            .favourites();
    long smallCount =
        reader
            .statuses()
            .get(Optional.empty(), new StatusId(smallStatus.id()))
            .status()
            .counts()
            .favourites();
    report.line(
        "favourites_count read back: large author's status %,d, small author's %,d (expected %,d each)",
        largeCount, smallCount, MEMBERS);
    if (largeCount != MEMBERS || smallCount != MEMBERS) {
      throw new IllegalStateException(
          "favourites_count not exact: "
              + largeCount
              + " and "
              + smallCount
              + " after "
              + MEMBERS
              + " favourites of each");
    }

    report.result(
        "favourite_hottest_key_share_large",
        (double) favouriteLarge.hottest().getValue() / MEMBERS,
        "ratio");
    report.result(
        "favourite_hottest_key_share_small",
        (double) favouriteSmall.hottest().getValue() / MEMBERS,
        "ratio");
    report.line(
        "favourites %.0f + %.0f ms vs raw transactions %.0f + %.0f ms (large + small)",
        Report.millis(favouriteLarge.nanos()),
        Report.millis(favouriteSmall.nanos()),
        Report.millis(rawLarge),
        Report.millis(rawSmall));
    report.result(
        "favourite_vs_raw_transaction",
        (double) (favouriteLarge.nanos() + favouriteSmall.nanos()) / (rawLarge + rawSmall),
        "ratio");

    notifications(report, fx, sink, keys, published, largeStatus);
  }

  /**
   * The N favourites of one status through the service, from {@link #THREADS} threads, every write
   * counted.
   */
  private static Burst favourites(
      Backend services,
      KeyWriteCounter keys,
      RequestCounter calls,
      List<Account> members,
      Status status) {
    keys.reset();
    calls.reset();
    long nanos =
        timed(
            () ->
                inThreads(
                    MEMBERS,
                    i ->
                        services.reactions().favourite(members.get(i), new StatusId(status.id()))));
    return new Burst(
        nanos,
        keys.hottest().orElseThrow(),
        keys.byTable(),
        keys.keysOf(Tables.COUNTER_SHARDS.name()),
        calls.callsByOperation());
  }

  private static void describe(Report report, String what, Burst burst) {
    report.line(
        "%s: %,d in %.0f ms; calls %s; writes %s (%d counter shard items); hottest item %s with %,d writes",
        what,
        MEMBERS,
        Report.millis(burst.nanos()),
        burst.calls(),
        burst.byTable(),
        burst.counterKeys(),
        burst.hottest().getKey(),
        burst.hottest().getValue());
  }

  private static void describeRaw(Report report, String what, long nanos, KeyWriteCounter keys) {
    var hottest = keys.hottest().orElseThrow();
    report.line(
        "%s: %,d TransactWriteItems in %.0f ms; writes %s; hottest item %s with %,d writes",
        what, MEMBERS, Report.millis(nanos), keys.byTable(), hottest.getKey(), hottest.getValue());
  }

  /**
   * What one favourite's transaction is, without the service around it: a conditional Put of a
   * reaction item with the same attributes, and an ADD on one counter item: the status's own item
   * (with the same condition) when {@code shards} is 1, else the member's counter shard.
   */
  private static void rawFavourite(
      DynamoDbClient client, Fixture fx, Ids ids, String memberId, long statusId, int shards) {
    int shard = shards > 1 ? Math.floorMod(memberId.hashCode(), shards) : 0;
    Map<String, AttributeValue> reaction =
        Map.of(
            "account_id",
            Items.s(memberId),
            "status_kind",
            Items.s(statusId + ":favourite"),
            "id",
            Items.n(Long.parseLong(ids.next())),
            "account_kind",
            Items.s(memberId + ":favourite"),
            "status_key",
            Items.s(statusId + ":favourite#" + shard),
            "status_id",
            Items.n(statusId),
            "created_at",
            Items.n(fx.clock.millis()));
    Update count =
        shards > 1
            ? Update.builder()
                .tableName(fx.table(Tables.COUNTER_SHARDS))
                .key(Map.of("key", Items.s(statusId + ":favourites#" + shard)))
                .updateExpression("ADD #count :delta")
                .expressionAttributeNames(Map.of("#count", "count"))
                .expressionAttributeValues(Map.of(":delta", Items.n(1)))
                .build()
            : Update.builder()
                .tableName(fx.table(Tables.POSTS))
                .key(Map.of("id", Items.n(statusId)))
                .updateExpression("ADD favourites_count :delta")
                .conditionExpression("attribute_exists(id)")
                .expressionAttributeValues(Map.of(":delta", Items.n(1)))
                .build();
    client.transactWriteItems(
        r ->
            r.transactItems(
                TransactWriteItem.builder()
                    .put(
                        Put.builder()
                            .tableName(fx.table(Tables.REACTIONS))
                            .item(reaction)
                            .conditionExpression("attribute_not_exists(account_id)")
                            .build())
                    .build(),
                TransactWriteItem.builder().update(count).build()));
  }

  /**
   * The large status's favourite events, as the fan-out queue would hand them to Lambda: SQS events
   * of up to {@link #BATCH} messages, taken by {@link #CONTAINERS} execution environments (each its
   * own handler and services, one batch at a time). Counts what the notifications table and the
   * receipts took.
   */
  private static void notifications(
      Report report,
      Fixture fx,
      FanoutTasks sink,
      KeyWriteCounter keys,
      ConcurrentLinkedQueue<Published> published,
      Status status) {
    List<Published> events =
        published.stream()
            .filter(
                p ->
                    p.task() instanceof FanoutTask.Favourited favourited
                        && favourited.statusId().equals(status.id()))
            .toList();
    if (events.size() != MEMBERS) {
      throw new IllegalStateException(
          events.size() + " favourite events of the large status, expected " + MEMBERS);
    }
    ConcurrentLinkedQueue<SQSEvent> batches = new ConcurrentLinkedQueue<>();
    for (int from = 0; from < events.size(); from += BATCH) {
      batches.add(sqsEvent(events.subList(from, Math.min(events.size(), from + BATCH))));
    }
    int batchCount = batches.size();
    // with no conflict, each batch takes one transaction per 99 receipts, each with one write of
    // the group
    long fewestGroupWrites =
        batches.stream()
            .mapToLong(
                b ->
                    (b.getRecords().size() + RECEIPTS_PER_TRANSACTION - 1)
                        / RECEIPTS_PER_TRANSACTION)
            .sum();
    List<FanoutHandler> handlers = new ArrayList<>();
    for (int i = 0; i < CONTAINERS; i++) {
      handlers.add(new FanoutHandler(fx.backend(sink, keys).fanout()));
    }
    keys.reset();
    // a batch's failed messages come back as a batch of their own (at once: there is no visibility
    // timeout here),
    // until the queue's maximum receives sends them to the dead-letter queue
    AtomicInteger unfinished = new AtomicInteger(batches.size());
    AtomicInteger redelivered = new AtomicInteger();
    ConcurrentLinkedQueue<SQSEvent.SQSMessage> deadLettered = new ConcurrentLinkedQueue<>();
    long nanos =
        timed(
            () ->
                inThreads(
                    CONTAINERS,
                    CONTAINERS,
                    i -> {
                      while (unfinished.get() > 0) {
                        SQSEvent batch = batches.poll();
                        if (batch == null) {
                          Raw.pause(1);
                          continue;
                        }
                        SQSBatchResponse response = handlers.get(i).handleRequest(batch, null);
                        List<SQSEvent.SQSMessage> again =
                            redeliveries(batch, response, deadLettered);
                        if (!again.isEmpty()) {
                          redelivered.addAndGet(again.size());
                          SQSEvent event = new SQSEvent();
                          event.setRecords(again);
                          unfinished.incrementAndGet();
                          batches.add(event);
                        }
                        unfinished.decrementAndGet();
                      }
                    }));
    long groupWrites = keys.writesTo(Tables.NOTIFICATIONS.name());
    long receiptWrites = keys.writesTo(Tables.IDEMPOTENCY.name());
    var hottest = keys.hottest().orElseThrow();
    report.line(
        "notifications: %,d events in %d SQS batches on %d containers in %.0f ms; writes %s; hottest item %s"
            + " with %,d writes",
        MEMBERS,
        batchCount,
        CONTAINERS,
        Report.millis(nanos),
        keys.byTable(),
        hottest.getKey(),
        hottest.getValue());
    long count =
        fx.backend(sink)
            .notifications()
            .byGroupKey(LARGE, "favourite-" + status.id())
            .group()
            .count();
    report.line(
        "group writes %,d (%,d without conflicts between containers); receipt writes %,d for %,d events",
        groupWrites, fewestGroupWrites, receiptWrites, MEMBERS);
    report.line(
        "redelivered %,d messages (failed batch items); %,d would have gone to the dead-letter queue",
        redelivered.get(), deadLettered.size());
    report.line("the author's favourite group counts %,d (expected %,d)", count, MEMBERS);
    if (count != MEMBERS) {
      throw new IllegalStateException(
          "the notification group counts " + count + " after " + MEMBERS + " favourites");
    }
    report.result("notification_writes_per_favourite", (double) groupWrites / MEMBERS, "ratio");
    report.result(
        "notification_receipt_writes_per_favourite", (double) receiptWrites / MEMBERS, "ratio");
  }

  /**
   * The failed messages of a batch as SQS would deliver them again, those past the maximum receives
   * left out.
   */
  private static List<SQSEvent.SQSMessage> redeliveries(
      SQSEvent batch,
      SQSBatchResponse response,
      ConcurrentLinkedQueue<SQSEvent.SQSMessage> deadLettered) {
    java.util.Set<String> failed = new java.util.HashSet<>();
    response.getBatchItemFailures().forEach(f -> failed.add(f.getItemIdentifier()));
    List<SQSEvent.SQSMessage> again = new ArrayList<>();
    for (SQSEvent.SQSMessage message : batch.getRecords()) {
      if (!failed.contains(message.getMessageId())) {
        continue;
      }
      int receives = Integer.parseInt(message.getAttributes().get("ApproximateReceiveCount"));
      if (receives >= MAX_RECEIVES) {
        deadLettered.add(message);
        continue;
      }
      Map<String, String> attributes = new HashMap<>(message.getAttributes());
      attributes.put("ApproximateReceiveCount", Integer.toString(receives + 1));
      SQSEvent.SQSMessage next = new SQSEvent.SQSMessage();
      next.setMessageId(message.getMessageId());
      next.setEventSource(message.getEventSource());
      next.setEventSourceArn(message.getEventSourceArn());
      next.setBody(message.getBody());
      next.setAttributes(attributes);
      again.add(next);
    }
    return again;
  }

  private static SQSEvent sqsEvent(List<Published> batch) {
    List<SQSEvent.SQSMessage> messages = new ArrayList<>();
    for (Published p : batch) {
      SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
      message.setMessageId(UUID.randomUUID().toString());
      message.setEventSource("aws:sqs");
      message.setEventSourceArn("arn:aws:sqs:us-east-1:123456789012:podium-fanout");
      message.setBody(FanoutTaskJson.write(p.task()));
      message.setAttributes(
          Map.of(
              "ApproximateReceiveCount",
              "1",
              "SentTimestamp",
              Long.toString(p.sentAtMillis()),
              "ApproximateFirstReceiveTimestamp",
              Long.toString(p.sentAtMillis())));
      messages.add(message);
    }
    SQSEvent event = new SQSEvent();
    event.setRecords(messages);
    return event;
  }

  private static Status post(Backend services, String authorId) {
    return services
        .statuses()
        .post(
            services.accounts().get(new AccountId(authorId)),
            new StatusForm("bench post", null, null, "public", null, "en"),
            Optional.empty())
        .status();
  }

  private static String member(int i) {
    return Items.accountId(10 + i);
  }

  private static long timed(Runnable work) {
    long start = System.nanoTime();
    work.run();
    return System.nanoTime() - start;
  }

  /**
   * Runs {@code work} for 0 .. count-1 on {@link #THREADS} threads (or {@code count}, if fewer),
   * each taking the next index; the first failure fails the whole. The second form says how many
   * threads.
   */
  private static void inThreads(int count, Consumer<Integer> work) {
    inThreads(THREADS, count, work);
  }

  private static void inThreads(int maxThreads, int count, Consumer<Integer> work) {
    int threads = Math.min(maxThreads, count);
    AtomicInteger next = new AtomicInteger();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      List<Future<?>> running = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        running.add(
            pool.submit(
                () -> {
                  for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                    work.accept(i);
                  }
                }));
      }
      for (Future<?> thread : running) {
        thread.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("a benchmark thread failed", e.getCause());
    }
  }
}
