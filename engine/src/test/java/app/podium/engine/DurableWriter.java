package app.podium.engine;

import static app.podium.engine.Clients.n;
import static app.podium.engine.Clients.s;

import java.nio.file.Path;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A child process for DurabilityIT: starts an engine on a data folder, then writes items one by one
 * and prints "acked N" after each write's answer, until it is killed. Usage: {@code DurableWriter
 * <folder>}.
 */
public final class DurableWriter {
  private DurableWriter() {}

  public static void main(String[] args) {
    Engine engine =
        Engine.start(Engine.Options.defaults().withDataDir(Path.of(args[0])).withoutThrottling());
    DynamoDbClient client = Clients.of(engine);
    if (!client.listTables().tableNames().contains("acked")) {
      Clients.createTable(client, "acked", false);
    }
    System.out.println("ready");
    for (int i = 0; ; i++) {
      int n = i;
      client.putItem(
          r ->
              r.tableName("acked").item(Map.of("pk", s("item-" + n), "n", n(Integer.toString(n)))));
      System.out.println("acked " + n);
    }
  }
}
