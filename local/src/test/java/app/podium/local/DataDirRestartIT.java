package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.AwsClients;
import app.podium.local.support.ApiClient;
import app.podium.local.support.Podium;
import app.podium.local.support.TestStacks;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local stack as a person runs it ({@code LocalStack.main} in its own JVM) on a {@code
 * PODIUM_DATA_DIR}: every status it acknowledged survives a SIGKILL of its process, the next start
 * on the same folder works (its tables and their TTL are kept), and a start that cannot work exits
 * non-zero with its cause on one line.
 */
class DataDirRestartIT {
  static final int STATUSES = 40;
  static final Pattern READY =
      Pattern.compile(
          "ready at (http://127\\.0\\.0\\.1:\\d+) .*DynamoDB at "
              + "(http://127\\.0\\.0\\.1:\\d+)");

  @TempDir Path dataDir;
  final List<Process> started = new ArrayList<>();

  /** A running stack process and the lines it printed. */
  record Stack(Process process, List<String> output, String url, String dynamoDb) {}

  @AfterEach
  void stopAll() throws Exception {
    for (Process process : started) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  Process launch() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), LocalStack.class.getName())
            .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.put("PODIUM_DATA_DIR", dataDir.toString());
    env.put("PODIUM_PORT", "0");
    env.put("PODIUM_ADMIN_PASSWORD", TestStacks.ADMIN_PASSWORD);
    // the test JVM's emulator: the child starts no Node process that a SIGKILL would leave behind
    env.put(AwsClients.SNS_ENDPOINT_ENV, TestStacks.messagingEndpoint());
    env.put(AwsClients.SQS_ENDPOINT_ENV, TestStacks.messagingEndpoint());
    env.put("TABLE_PREFIX", "restart-" + dataDir.getFileName() + "-");
    for (String limit :
        List.of("SIGNUP", "LOGIN", "APP", "STATUS", "FOLLOW", "REPORT", "API", "ANONYMOUS")) {
      env.put(limit + "_RATE_LIMIT", "100000");
    }
    Process process = builder.start();
    started.add(process);
    return process;
  }

  /** Collects the process's output; returns once it prints its ready line (or ends). */
  Stack start() throws Exception {
    Process process = launch();
    List<String> output = new CopyOnWriteArrayList<>();
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              try (BufferedReader lines =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                  output.add(line);
                }
              } catch (java.io.IOException ended) {
                // the process is gone
              }
            });
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (System.nanoTime() < deadline) {
      for (String line : output) {
        Matcher ready = READY.matcher(line);
        if (ready.find()) {
          return new Stack(process, output, ready.group(1), ready.group(2));
        }
      }
      assertThat(process.isAlive()).as("the stack ended before it was ready: " + output).isTrue();
      Thread.sleep(100);
    }
    throw new AssertionError("no ready line within 2 minutes: " + output);
  }

  static String adminToken(ApiClient api) {
    var app = api.post("/api/v1/apps").form(Podium.appForm("restart", "read write")).send();
    assertThat(app.status()).as(app.toString()).isEqualTo(200);
    var token =
        api.post("/oauth/token")
            .form(
                Podium.passwordGrant(
                    "admin",
                    TestStacks.ADMIN_PASSWORD,
                    app.field("client_id"),
                    app.field("client_secret"),
                    "read write"))
            .send();
    assertThat(token.status()).as(token.toString()).isEqualTo(200);
    return token.field("access_token");
  }

  @Test
  void everyStatusAcknowledgedBeforeASigkillIsThereAfterTheNextStart() throws Exception {
    Stack first = start();
    assertThat(first.dynamoDb())
        .as("the ready line names the DynamoDB endpoint")
        .isNotEqualTo(first.url());
    ApiClient api = new ApiClient(first.url());
    String token = adminToken(api);
    List<String> acknowledged = new ArrayList<>();
    for (int i = 0; i < STATUSES; i++) {
      var posted =
          api.post("/api/v1/statuses").token(token).form(Map.of("status", "kept #" + i)).send();
      assertThat(posted.status()).as(posted.toString()).isEqualTo(200);
      acknowledged.add(posted.field("id"));
    }

    first.process().destroyForcibly();
    assertThat(first.process().waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.process().exitValue()).as("killed by SIGKILL").isEqualTo(137);

    Stack second = start();
    assertThat(second.output())
        .anyMatch(line -> line.contains("Admin account: admin (already exists)"));
    ApiClient again = new ApiClient(second.url());
    String token2 = adminToken(again);
    for (int i = 0; i < STATUSES; i++) {
      var status = again.get("/api/v1/statuses/" + acknowledged.get(i)).token(token2).send();
      assertThat(status.status()).as("status " + i + ": " + status).isEqualTo(200);
      assertThat(status.field("content")).isEqualTo("<p>kept #" + i + "</p>");
    }
  }

  @Test
  void aStartThatCannotWorkExitsNonZeroWithItsCauseOnOneLine() throws Exception {
    Stack holder = start();
    Process second = launch();
    assertThat(second.waitFor(2, TimeUnit.MINUTES)).as("the failed start ended").isTrue();
    String output = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(second.exitValue()).isEqualTo(1);
    List<String> failure =
        output
            .lines()
            .filter(line -> line.startsWith("Podium local stack failed to start: "))
            .toList();
    assertThat(failure)
        .as(output)
        .singleElement()
        .satisfies(
            line ->
                assertThat(line)
                    .contains("is in use by another engine")
                    .contains(dataDir.toString()));
    assertThat(holder.process().isAlive()).isTrue();
  }
}
