package app.podium.engine;

import static app.podium.engine.Clients.attribute;
import static app.podium.engine.Clients.hash;
import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.range;
import static app.podium.engine.Clients.s;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * A data folder: every acknowledged write survives a restart and a SIGKILL; a torn last record is
 * cut off.
 */
class DurabilityIT {
  @TempDir Path folder;

  Engine start() {
    return Engine.start(Engine.Options.defaults().withDataDir(folder).withoutThrottling());
  }

  static void createPosts(DynamoDbClient client) {
    client.createTable(
        r ->
            r.tableName("posts")
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    attribute("pk", ScalarAttributeType.S),
                    attribute("sk", ScalarAttributeType.N),
                    attribute("author", ScalarAttributeType.S),
                    attribute("at", ScalarAttributeType.N))
                .keySchema(hash("pk"), range("sk"))
                .globalSecondaryIndexes(
                    g ->
                        g.indexName("by_author")
                            .keySchema(hash("author"), range("sk"))
                            .projection(p -> p.projectionType(ProjectionType.ALL)))
                .localSecondaryIndexes(
                    l ->
                        l.indexName("by_at")
                            .keySchema(hash("pk"), range("at"))
                            .projection(p -> p.projectionType(ProjectionType.KEYS_ONLY))));
    client.updateTimeToLive(
        r ->
            r.tableName("posts")
                .timeToLiveSpecification(t -> t.attributeName("expires").enabled(true)));
  }

  static void put(DynamoDbClient client, int sk, String author) {
    client.putItem(
        r ->
            r.tableName("posts")
                .item(
                    Map.of(
                        "pk",
                        s("p"),
                        "sk",
                        n(Integer.toString(sk)),
                        "author",
                        s(author),
                        "at",
                        n(Integer.toString(100 - sk)))));
  }

  static int countByAuthor(DynamoDbClient client, String author) {
    return client
        .query(
            r ->
                r.tableName("posts")
                    .indexName("by_author")
                    .keyConditionExpression("author = :a")
                    .expressionAttributeValues(Map.of(":a", s(author))))
        .count();
  }

  @Test
  void aRestartKeepsTablesItemsIndexesAndTimeToLive() {
    try (Engine engine = start();
        DynamoDbClient client = Clients.of(engine)) {
      createPosts(client);
      for (int i = 0; i < 50; i++) {
        put(client, i, i % 2 == 0 ? "ann" : "bob");
      }
      client.deleteItem(r -> r.tableName("posts").key(Map.of("pk", s("p"), "sk", n("0"))));
      client.updateItem(
          r ->
              r.tableName("posts")
                  .key(Map.of("pk", s("p"), "sk", n("1")))
                  .updateExpression("SET author = :a")
                  .expressionAttributeValues(Map.of(":a", s("ann"))));
    }
    try (Engine engine = start();
        DynamoDbClient client = Clients.of(engine)) {
      TableDescription table = client.describeTable(r -> r.tableName("posts")).table();
      assertThat(table.itemCount()).isEqualTo(49);
      assertThat(table.globalSecondaryIndexes()).hasSize(1);
      assertThat(table.localSecondaryIndexes()).hasSize(1);
      assertThat(
              client
                  .describeTimeToLive(r -> r.tableName("posts"))
                  .timeToLiveDescription()
                  .timeToLiveStatus())
          .isEqualTo(TimeToLiveStatus.ENABLED);
      assertThat(countByAuthor(client, "ann")).isEqualTo(25);
      assertThat(countByAuthor(client, "bob")).isEqualTo(24);
      assertThat(
              client
                  .query(
                      r ->
                          r.tableName("posts")
                              .indexName("by_at")
                              .keyConditionExpression("pk = :p AND #at > :a")
                              .expressionAttributeNames(Map.of("#at", "at"))
                              .expressionAttributeValues(Map.of(":p", s("p"), ":a", n("90"))))
                  .count())
          .isEqualTo(9);
    }
  }

  @Test
  void theJournalIsCompactedIntoASnapshotAsItGrows() throws IOException {
    try (Engine engine =
            Engine.start(
                Engine.Options.defaults()
                    .withDataDir(folder)
                    .withoutThrottling()
                    .withCompactAfterBytes(20_000));
        DynamoDbClient client = Clients.of(engine)) {
      createPosts(client);
      for (int i = 0; i < 400; i++) {
        put(client, i % 50, "ann");
      }
    }
    try (Stream<Path> files = Files.list(folder)) {
      assertThat(
              files
                  .map(f -> f.getFileName().toString())
                  .filter(f -> f.startsWith("snapshot-"))
                  .count())
          .isEqualTo(1);
    }
    try (Engine engine = start();
        DynamoDbClient client = Clients.of(engine)) {
      assertThat(client.scan(r -> r.tableName("posts")).count()).isEqualTo(50);
    }
  }

  static Path lastJournal(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> f.getFileName().toString().startsWith("journal-"))
          .max(
              java.util.Comparator.comparing(
                  f -> Long.parseLong(f.getFileName().toString().replaceAll("\\D", ""))))
          .orElseThrow();
    }
  }

  @Test
  void aTornLastRecordIsCutOffAndTheRestIsKept() throws IOException {
    try (Engine engine = start();
        DynamoDbClient client = Clients.of(engine)) {
      createPosts(client);
      put(client, 1, "ann");
      put(client, 2, "ann");
      Path journal = lastJournal(folder);
      long kept = Files.size(journal);
      assertThat(kept).isPositive();
      // a crash in the middle of appending the next record: a length that promises more than was
      // written
      Files.write(
          journal, new byte[] {0, 0, 1, 0, 1, 2, 3, 4, '{', '"'}, StandardOpenOption.APPEND);
    }
    try (Engine engine = start();
        DynamoDbClient client = Clients.of(engine)) {
      assertThat(client.scan(r -> r.tableName("posts")).count()).isEqualTo(2);
      put(client, 3, "ann");
    }
    try (Engine engine = start();
        DynamoDbClient client = Clients.of(engine)) {
      assertThat(client.scan(r -> r.tableName("posts")).count()).isEqualTo(3);
    }
  }

  @Test
  void aRecordWithABadChecksumEndsTheJournal() throws IOException {
    try (Engine engine = start();
        DynamoDbClient client = Clients.of(engine)) {
      createPosts(client);
      put(client, 1, "ann");
      Path journal = lastJournal(folder);
      byte[] bytes = Files.readAllBytes(journal);
      put(client, 2, "ann");
      byte[] grown = Files.readAllBytes(journal);
      grown[grown.length - 3] ^= 0x55;
      Files.write(journal, grown);
      assertThat(grown.length).isGreaterThan(bytes.length);
    }
    try (Engine engine = start();
        DynamoDbClient client = Clients.of(engine)) {
      assertThat(client.scan(r -> r.tableName("posts")).items())
          .extracting(i -> i.get("sk").n())
          .containsExactly("1");
    }
  }

  @Test
  void aSecondEngineOnTheSameFolderIsRefused() {
    try (Engine engine = start()) {
      assertThatThrownBy(this::start).hasMessageContaining("is in use by another engine");
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesSigkill() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                DurableWriter.class.getName(),
                folder.toString())
            .redirectErrorStream(true)
            .start();
    int acked = -1;
    try (BufferedReader lines =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = lines.readLine()) != null) {
        if (line.startsWith("acked ")) {
          acked = Integer.parseInt(line.substring(6));
          if (acked >= 300) {
            break;
          }
        }
      }
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(acked)
        .as("writes the child acknowledged before SIGKILL")
        .isGreaterThanOrEqualTo(300);
    try (Engine engine = start();
        DynamoDbClient client = Clients.of(engine)) {
      for (int i = 0; i <= acked; i++) {
        int n = i;
        assertThat(
                client
                    .getItem(
                        r ->
                            r.tableName("acked")
                                .key(Map.of("pk", s("item-" + n)))
                                .consistentRead(true))
                    .hasItem())
            .as("item-" + n)
            .isTrue();
      }
    }
  }
}
