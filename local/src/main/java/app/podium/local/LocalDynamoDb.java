package app.podium.local;

import app.podium.Tables;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ProjectionType;
import software.amazon.awssdk.services.dynamodb.model.ResourceInUseException;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/** DynamoDB Local, in this process, on a loopback port; every table made from {@link Tables}. */
public final class LocalDynamoDb implements AutoCloseable {
  private final DynamoDBProxyServer server;
  private final int port;

  private LocalDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** In memory, or kept in {@code dataDir} when it is given. Port 0 picks a free one. */
  public static LocalDynamoDb start(int port, Path dataDir) throws Exception {
    int chosen = port == 0 ? freePort() : port;
    List<String> args = new ArrayList<>(List.of("-port", Integer.toString(chosen), "-disableTelemetry"));
    if (dataDir == null) {
      args.add("-inMemory");
    } else {
      args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString(), "-sharedDb"));
    }
    DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
    server.start();
    return new LocalDynamoDb(server, chosen);
  }

  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  /** Creates every table that does not exist yet, with the prefix the functions will use. */
  public static void createTables(DynamoDbClient client, String prefix) {
    for (Tables.Table table : Tables.ALL) {
      try {
        client.createTable(r -> r.tableName(table.physicalName(prefix))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .attributeDefinitions(attributeDefinitions(table))
            .keySchema(keySchema(table.partitionKey(), table.sortKey().orElse(null)))
            .globalSecondaryIndexes(table.indexes().isEmpty() ? null : table.indexes().stream()
                .map(index -> GlobalSecondaryIndex.builder().indexName(index.name())
                    .keySchema(keySchema(index.partitionKey(), index.sortKey()))
                    .projection(p -> p.projectionType(ProjectionType.ALL)).build())
                .toList()));
      } catch (ResourceInUseException exists) {
        // kept from an earlier run in the data folder
      }
      table.ttlAttribute().ifPresent(attribute -> client.updateTimeToLive(r -> r
          .tableName(table.physicalName(prefix))
          .timeToLiveSpecification(s -> s.attributeName(attribute).enabled(true))));
    }
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
    return keys.stream().distinct().map(key -> AttributeDefinition.builder().attributeName(key.name())
        .attributeType(key.type() == Tables.AttributeType.STRING ? ScalarAttributeType.S : ScalarAttributeType.N)
        .build()).toList();
  }

  private static List<KeySchemaElement> keySchema(Tables.Key partition, Tables.Key sort) {
    List<KeySchemaElement> schema = new ArrayList<>();
    schema.add(KeySchemaElement.builder().attributeName(partition.name()).keyType(KeyType.HASH).build());
    if (sort != null) {
      schema.add(KeySchemaElement.builder().attributeName(sort.name()).keyType(KeyType.RANGE).build());
    }
    return schema;
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }
}
