package app.podium.local.support;

import app.podium.AwsClients;
import app.podium.local.LocalDynamoDb;
import app.podium.local.LocalMessaging;
import app.podium.local.LocalStack;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Local stacks for integration tests. One DynamoDB engine and one SNS/SQS emulator serve the whole
 * test JVM; each stack gets its own table and queue prefix (so tests never see each other's data),
 * its own free port and its own settings.
 */
public final class TestStacks {
  public static final String ADMIN_PASSWORD = "admin-password-for-tests";

  private static LocalDynamoDb dynamoDb;
  private static LocalMessaging messaging;

  private TestStacks() {}

  private static synchronized String dynamoDbEndpoint() throws Exception {
    if (dynamoDb == null) {
      dynamoDb = LocalDynamoDb.start(0, null);
      LocalDynamoDb started = dynamoDb;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (Exception ignored) {
                      // the JVM is going away
                    }
                  }));
    }
    return dynamoDb.endpoint();
  }

  /**
   * The engine every stack of this JVM shares (started on first use): its hot-key report and its
   * server-side faults. Keys in the report carry each stack's table prefix.
   */
  public static synchronized app.podium.engine.Engine engine() throws Exception {
    dynamoDbEndpoint();
    return dynamoDb.engine();
  }

  /** The SNS/SQS emulator every stack of this JVM shares (started on first use). */
  public static synchronized String messagingEndpoint() throws Exception {
    if (messaging == null) {
      messaging = LocalMessaging.start();
      LocalMessaging started = messaging;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return messaging.endpoint();
  }

  /**
   * A fresh stack with the default settings, overridden by {@code settings} (e.g. {@code
   * SIGNUP_MODE}). Every rate limit is high unless a test sets it, since every test request comes
   * from 127.0.0.1.
   */
  public static LocalStack start(Map<String, String> settings) throws Exception {
    return start(settings, new software.amazon.awssdk.core.interceptor.ExecutionInterceptor[0]);
  }

  /**
   * A stack whose DynamoDB, SNS and SQS are all at {@code endpoint} (a LocalStack container), with
   * the same per-stack prefix and test settings as {@link #start(Map)}.
   */
  public static LocalStack startOn(String endpoint, Map<String, String> settings) throws Exception {
    Map<String, String> env = new HashMap<>(settings);
    env.put(AwsClients.DYNAMODB_ENDPOINT_ENV, endpoint);
    env.put(AwsClients.SNS_ENDPOINT_ENV, endpoint);
    env.put(AwsClients.SQS_ENDPOINT_ENV, endpoint);
    return start(env);
  }

  /**
   * As {@link #start(Map)}, with SDK interceptors (call counters, fault injectors) on every client.
   */
  public static LocalStack start(
      Map<String, String> settings,
      software.amazon.awssdk.core.interceptor.ExecutionInterceptor... interceptors)
      throws Exception {
    return LocalStack.start(environment(settings), withTouches(interceptors));
  }

  /**
   * As {@link #start(Map, software.amazon.awssdk.core.interceptor.ExecutionInterceptor...)}, with
   * passwords hashed by one SHA-256 instead of Argon2: for tests that sign up thousands of members
   * to load another path (Argon2 takes tens of milliseconds of a core per signup, on purpose).
   * Login and signup behave the same.
   */
  public static LocalStack startWithCheapPasswords(
      Map<String, String> settings,
      software.amazon.awssdk.core.interceptor.ExecutionInterceptor... interceptors)
      throws Exception {
    return LocalStack.start(environment(settings), new CheapPasswords(), withTouches(interceptors));
  }

  /** Every stack's clients also note what each function touches, for {@code GrantsProvenIT}. */
  private static ExecutionInterceptor[] withTouches(ExecutionInterceptor... interceptors) {
    ExecutionInterceptor[] all = Arrays.copyOf(interceptors, interceptors.length + 1);
    all[interceptors.length] = Touches.RECORDER;
    return all;
  }

  /** A salted SHA-256: fast, and still a real hash that a wrong password does not match. */
  static final class CheapPasswords implements app.podium.accounts.PasswordHasher {
    @Override
    public String hash(String password) {
      String salt = app.podium.shared.Secrets.token().substring(0, 16);
      return "sha256$" + salt + "$" + digest(salt + password);
    }

    @Override
    public boolean matches(String password, String hash) {
      String[] parts = hash.split("\\$", 3);
      return parts.length == 3
          && parts[0].equals("sha256")
          && digest(parts[1] + password).equals(parts[2]);
    }

    @Override
    public void burnEquivalentTime(String password) {
      hash(password);
    }

    private static String digest(String text) {
      try {
        return java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      } catch (java.security.NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  private static Map<String, String> environment(Map<String, String> settings) throws Exception {
    Map<String, String> env = new HashMap<>();
    if (!settings.containsKey(AwsClients.DYNAMODB_ENDPOINT_ENV)) {
      env.put(AwsClients.DYNAMODB_ENDPOINT_ENV, dynamoDbEndpoint());
    }
    if (!settings.containsKey(AwsClients.SNS_ENDPOINT_ENV)) {
      env.put(AwsClients.SNS_ENDPOINT_ENV, messagingEndpoint());
      env.put(AwsClients.SQS_ENDPOINT_ENV, messagingEndpoint());
    }
    env.put("PODIUM_FANOUT_VISIBILITY_SECONDS", "2");
    env.put("TABLE_PREFIX", "t" + UUID.randomUUID().toString().substring(0, 8) + "-");
    env.put("PODIUM_PORT", "0");
    env.put("PODIUM_ADMIN_PASSWORD", ADMIN_PASSWORD);
    for (String limit :
        List.of("SIGNUP", "LOGIN", "APP", "STATUS", "FOLLOW", "REPORT", "API", "ANONYMOUS")) {
      env.put(limit + "_RATE_LIMIT", "100000");
    }
    env.putAll(settings);
    return env;
  }

  public static LocalStack start() throws Exception {
    return start(Map.of());
  }

  /** The {@code host:port} of the stack's public URL: the domain in a local {@code acct}. */
  public static String domain(LocalStack stack) {
    java.net.URI url = java.net.URI.create(stack.url());
    return url.getHost() + ":" + url.getPort();
  }
}
