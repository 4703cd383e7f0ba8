package app.podium.bench;

import app.podium.AwsClients;
import app.podium.Backend;
import app.podium.Tables;
import app.podium.accounts.PasswordHasher;
import app.podium.local.LocalDynamoDb;
import app.podium.shared.FanoutTasks;
import app.podium.shared.Settings;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * One benchmark's tables (their own prefix on the shared engine), a plain client for setup and
 * baselines, and Podium's services over the same endpoint with default settings.
 */
final class Fixture {
  /** No benchmark signs anyone up or in; Argon2's static set-up would only cost start-up time. */
  private static final PasswordHasher NO_PASSWORDS =
      new PasswordHasher() {
        @Override
        public String hash(String password) {
          throw new UnsupportedOperationException("benchmarks hash no passwords");
        }

        @Override
        public boolean matches(String password, String hash) {
          throw new UnsupportedOperationException("benchmarks check no passwords");
        }

        @Override
        public void burnEquivalentTime(String password) {
          throw new UnsupportedOperationException("benchmarks check no passwords");
        }
      };

  /** Lanes for setup writes only; no figure depends on it. */
  private static final int SETUP_LANES = 8;

  final String endpoint;
  final String prefix;
  final Settings settings;
  final DynamoDbClient client;
  final Clock clock = Clock.systemUTC();

  Fixture(String endpoint, String prefix) {
    this(endpoint, prefix, Map.of());
  }

  /**
   * With some of Podium's settings changed from their defaults, e.g. {@code FANOUT_MAX_FOLLOWERS}.
   */
  Fixture(String endpoint, String prefix, Map<String, String> env) {
    this.endpoint = endpoint;
    this.prefix = prefix;
    Map<String, String> all = new java.util.HashMap<>(env);
    all.put(Tables.PREFIX_ENV, prefix);
    this.settings = Settings.fromEnvironment(all);
    this.client = AwsClients.dynamoDb(endpoint);
    LocalDynamoDb.createTables(client, prefix);
  }

  String table(Tables.Table table) {
    return table.physicalName(prefix);
  }

  /** The backend one Lambda container would build, on a client of its own. */
  Backend backend(FanoutTasks tasks, ExecutionInterceptor... interceptors) {
    return new Backend(
        settings, AwsClients.dynamoDb(endpoint, interceptors), tasks, clock, NO_PASSWORDS);
  }

  void writeAll(Tables.Table table, List<Map<String, AttributeValue>> items) {
    Raw.batchWriteInLanes(client, table(table), items, SETUP_LANES);
  }
}
