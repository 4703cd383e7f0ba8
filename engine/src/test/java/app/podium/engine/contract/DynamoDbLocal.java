package app.podium.engine.contract;

import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * DynamoDB Local in this process, in memory, on a free loopback port. Only the {@code parity}
 * profile puts it on the test classpath (it is not open source), so it is reached by name: the
 * default build compiles this class without it and never calls it.
 */
final class DynamoDbLocal implements LocalServer {
  private static final String RUNNER = "software.amazon.dynamodb.services.local.main.ServerRunner";
  private final Object server;
  private final int port;

  private DynamoDbLocal(Object server, int port) {
    this.server = server;
    this.port = port;
  }

  static DynamoDbLocal start() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    String[] args = {
      "-inMemory", "-sharedDb", "-port", Integer.toString(port), "-disableTelemetry"
    };
    Object server =
        Class.forName(RUNNER)
            .getMethod("createServerFromCommandLineArgs", String[].class)
            .invoke(null, (Object) args);
    server.getClass().getMethod("start").invoke(server);
    return new DynamoDbLocal(server, port);
  }

  static boolean onClasspath() {
    try {
      Class.forName(RUNNER);
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  @Override
  public String endpoint() {
    return "http://127.0.0.1:" + port;
  }

  @Override
  public void close() throws Exception {
    server.getClass().getMethod("stop").invoke(server);
  }
}
