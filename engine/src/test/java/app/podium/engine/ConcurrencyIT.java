package app.podium.engine;

import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** Parallel requests: each item's writes are linearizable, transactions are atomic. */
class ConcurrencyIT {
  static Engine engine;
  static DynamoDbClient client;

  @BeforeAll
  static void start() {
    engine = Engine.start(Engine.Options.defaults().withoutThrottling());
    client = Clients.of(engine);
    Clients.createTable(client, "race", false);
  }

  @AfterAll
  static void stop() {
    client.close();
    engine.close();
  }

  /** Runs {@code racers} tasks released at once; returns their results. */
  static <T> List<T> race(int racers, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(racers);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < racers; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return task.call();
                }));
      }
      go.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void twentyFourRacersOnOneConditionalCreateGiveExactlyOneWinner() throws Exception {
    for (int round = 0; round < 5; round++) {
      String key = "username-" + round;
      List<String> outcomes =
          race(
              24,
              () -> {
                String me = Thread.currentThread().getName();
                try {
                  client.putItem(
                      r ->
                          r.tableName("race")
                              .item(Map.of("pk", s(key), "owner", s(me)))
                              .conditionExpression("attribute_not_exists(pk)"));
                  return me;
                } catch (ConditionalCheckFailedException lost) {
                  return null;
                }
              });
      List<String> winners = outcomes.stream().filter(o -> o != null).toList();
      assertThat(winners).as("round " + round).hasSize(1);
      assertThat(
              client
                  .getItem(r -> r.tableName("race").key(Map.of("pk", s(key))))
                  .item()
                  .get("owner")
                  .s())
          .isEqualTo(winners.getFirst());
    }
  }

  @Test
  void parallelIncrementsOfOneItemAreAllCounted() throws Exception {
    race(
        16,
        () -> {
          for (int i = 0; i < 50; i++) {
            client.updateItem(
                r ->
                    r.tableName("race")
                        .key(Map.of("pk", s("counter")))
                        .updateExpression("ADD c :one")
                        .expressionAttributeValues(Map.of(":one", n("1"))));
          }
          return null;
        });
    assertThat(
            client
                .getItem(r -> r.tableName("race").key(Map.of("pk", s("counter"))))
                .item()
                .get("c")
                .n())
        .isEqualTo("800");
  }

  @Test
  void concurrentTransfersKeepTheTotalWhetherTheyCommitOrConflict() throws Exception {
    client.putItem(r -> r.tableName("race").item(Map.of("pk", s("from"), "v", n("1000"))));
    client.putItem(r -> r.tableName("race").item(Map.of("pk", s("to"), "v", n("0"))));
    List<int[]> results =
        race(
            8,
            () -> {
              int committed = 0;
              int cancelled = 0;
              for (int i = 0; i < 40; i++) {
                try {
                  client.transactWriteItems(
                      r ->
                          r.transactItems(
                              t ->
                                  t.update(
                                      u ->
                                          u.tableName("race")
                                              .key(Map.of("pk", s("from")))
                                              .updateExpression("ADD v :m")
                                              .conditionExpression("v >= :one")
                                              .expressionAttributeValues(
                                                  Map.of(":m", n("-1"), ":one", n("1")))),
                              t ->
                                  t.update(
                                      u ->
                                          u.tableName("race")
                                              .key(Map.of("pk", s("to")))
                                              .updateExpression("ADD v :p")
                                              .expressionAttributeValues(Map.of(":p", n("1"))))));
                  committed++;
                } catch (TransactionCanceledException conflict) {
                  assertThat(conflict.cancellationReasons())
                      .anyMatch(reason -> reason.code().equals("TransactionConflict"));
                  cancelled++;
                }
              }
              return new int[] {committed, cancelled};
            });
    int committed = results.stream().mapToInt(r -> r[0]).sum();
    int from =
        Integer.parseInt(
            client
                .getItem(r -> r.tableName("race").key(Map.of("pk", s("from"))))
                .item()
                .get("v")
                .n());
    int to =
        Integer.parseInt(
            client
                .getItem(r -> r.tableName("race").key(Map.of("pk", s("to"))))
                .item()
                .get("v")
                .n());
    assertThat(to).isEqualTo(committed);
    assertThat(from + to).isEqualTo(1000);
    assertThat(committed + results.stream().mapToInt(r -> r[1]).sum()).isEqualTo(320);
  }
}
