package app.podium.engine;

import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * TTL: expired items stay readable until the sweeper deletes them, the set delay after they expire.
 */
class TimeToLiveIT {
  @Test
  void anExpiredItemIsReadableUntilTheSweeperDeletesItAfterTheDelay() throws Exception {
    Engine.Options options =
        Engine.Options.defaults()
            .withTtlSweepDelay(Duration.ofSeconds(2))
            .withTtlSweepInterval(Duration.ofMillis(100));
    try (Engine engine = Engine.start(options);
        DynamoDbClient client = Clients.of(engine)) {
      Clients.createTable(client, "expiring", false);
      client.updateTimeToLive(
          r ->
              r.tableName("expiring")
                  .timeToLiveSpecification(t -> t.attributeName("exp").enabled(true)));
      // expired this second: deletable 2 s on, at least a second from now
      long now = System.currentTimeMillis() / 1000;
      client.putItem(
          r -> r.tableName("expiring").item(Map.of("pk", s("old"), "exp", n(Long.toString(now)))));
      client.putItem(
          r ->
              r.tableName("expiring")
                  .item(Map.of("pk", s("young"), "exp", n(Long.toString(now + 3600)))));
      client.putItem(
          r -> r.tableName("expiring").item(Map.of("pk", s("text"), "exp", s("not a number"))));

      Thread.sleep(300);
      assertThat(client.getItem(r -> r.tableName("expiring").key(Map.of("pk", s("old")))).hasItem())
          .as("expired, within the delay")
          .isTrue();
      long deadline = System.currentTimeMillis() + 10_000;
      while (client.getItem(r -> r.tableName("expiring").key(Map.of("pk", s("old")))).hasItem()
          && System.currentTimeMillis() < deadline) {
        Thread.sleep(100);
      }
      assertThat(client.getItem(r -> r.tableName("expiring").key(Map.of("pk", s("old")))).hasItem())
          .as("deleted after the delay")
          .isFalse();
      assertThat(client.scan(r -> r.tableName("expiring")).count()).isEqualTo(2);
    }
  }
}
