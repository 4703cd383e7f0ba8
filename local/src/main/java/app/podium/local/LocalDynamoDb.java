package app.podium.local;

import app.podium.Tables;
import app.podium.engine.Engine;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndexDescription;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * Podium's DynamoDB engine ({@code engine/}), in this process, on a loopback port; every table made
 * from {@link Tables}. It throttles hot partition keys as DynamoDB does and keeps a hot-key report
 * ({@link #engine()}).
 */
public final class LocalDynamoDb implements AutoCloseable {
  private final Engine engine;

  private LocalDynamoDb(Engine engine) {
    this.engine = engine;
  }

  /** In memory, or kept in {@code dataDir} when it is given. Port 0 picks a free one. */
  public static LocalDynamoDb start(int port, Path dataDir) {
    return start(Engine.Options.defaults().withPort(port).withDataDir(dataDir));
  }

  public static LocalDynamoDb start(Engine.Options options) {
    return new LocalDynamoDb(Engine.start(options));
  }

  public String endpoint() {
    return engine.endpoint();
  }

  /** The engine itself: its hot-key report and its server-side faults. */
  public Engine engine() {
    return engine;
  }

  /**
   * Creates every table that does not exist yet, with the prefix the functions will use. A table
   * kept in a data folder from an earlier run gets the indexes it lacks, and TTL only where it is
   * not on yet (DynamoDB refuses to enable it twice).
   */
  public static void createTables(DynamoDbClient client, String prefix) {
    for (Tables.Table table : Tables.ALL) {
      String name = table.physicalName(prefix);
      try {
        client.createTable(
            r ->
                r.tableName(name)
                    .billingMode(BillingMode.PAY_PER_REQUEST)
                    .attributeDefinitions(attributeDefinitions(table))
                    .keySchema(keySchema(table.partitionKey(), table.sortKey().orElse(null)))
                    .globalSecondaryIndexes(
                        table.indexes().isEmpty()
                            ? null
                            : table.indexes().stream().map(LocalDynamoDb::globalIndex).toList()));
      } catch (ResourceInUseException exists) {
        addMissingIndexes(client, table, name);
      }
      table
          .ttlAttribute()
          .ifPresent(
              attribute -> {
                TimeToLiveDescription ttl =
                    client.describeTimeToLive(r -> r.tableName(name)).timeToLiveDescription();
                boolean on =
                    ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLED
                        || ttl.timeToLiveStatus() == TimeToLiveStatus.ENABLING;
                if (!on || !attribute.equals(ttl.attributeName())) {
                  client.updateTimeToLive(
                      r ->
                          r.tableName(name)
                              .timeToLiveSpecification(
                                  s -> s.attributeName(attribute).enabled(true)));
                }
              });
    }
  }

  private static void addMissingIndexes(DynamoDbClient client, Tables.Table table, String name) {
    Set<String> present =
        client.describeTable(r -> r.tableName(name)).table().globalSecondaryIndexes().stream()
            .map(GlobalSecondaryIndexDescription::indexName)
            .collect(Collectors.toSet());
    for (Tables.Index index : table.indexes()) {
      if (!present.contains(index.name())) {
        GlobalSecondaryIndex added = globalIndex(index);
        client.updateTable(
            r ->
                r.tableName(name)
                    .attributeDefinitions(attributeDefinitions(table))
                    .globalSecondaryIndexUpdates(
                        u ->
                            u.create(
                                c ->
                                    c.indexName(added.indexName())
                                        .keySchema(added.keySchema())
                                        .projection(added.projection()))));
      }
    }
  }

  private static GlobalSecondaryIndex globalIndex(Tables.Index index) {
    return GlobalSecondaryIndex.builder()
        .indexName(index.name())
        .keySchema(keySchema(index.partitionKey(), index.sortKey()))
        .projection(p -> p.projectionType(ProjectionType.valueOf(index.projection().name())))
        .build();
  }

  private static List<AttributeDefinition> attributeDefinitions(Tables.Table table) {
    List<Tables.Key> keys = new ArrayList<>();
    keys.add(table.partitionKey());
    table.sortKey().ifPresent(keys::add);
    for (Tables.Index index : table.indexes()) {
      keys.add(index.partitionKey());
      if (index.sortKey() != null) {
        keys.add(index.sortKey());
      }
    }
    return keys.stream()
        .distinct()
        .map(
            key ->
                AttributeDefinition.builder()
                    .attributeName(key.name())
                    .attributeType(
                        key.type() == Tables.AttributeType.STRING
                            ? ScalarAttributeType.S
                            : ScalarAttributeType.N)
                    .build())
        .toList();
  }

  private static List<KeySchemaElement> keySchema(Tables.Key partition, Tables.Key sort) {
    List<KeySchemaElement> schema = new ArrayList<>();
    schema.add(
        KeySchemaElement.builder().attributeName(partition.name()).keyType(KeyType.HASH).build());
    if (sort != null) {
      schema.add(
          KeySchemaElement.builder().attributeName(sort.name()).keyType(KeyType.RANGE).build());
    }
    return schema;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  /** Stops the engine; it prints its hot-key report. */
  @Override
  public void close() {
    engine.close();
  }
}
