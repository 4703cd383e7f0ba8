package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.http.ErrorMapper;
import app.podium.local.support.Feeds;
import app.podium.local.support.Feeds.Member;
import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.NullConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * The local stack's own logging ({@code local/src/main/resources/log4j2.xml}, which the tests'
 * quieter config replaces): an expected conditional-write failure (a taken username, a repeat
 * follow, a repeat block) costs the console at most a line, never a stack trace, so nobody can grow
 * the log by 40 lines a request (DynamoDB Local's handler logged each with a trace of its own code;
 * the engine answers them without a word); an unexpected failure keeps its stack trace (in the JSON
 * line's {@code error.stack}, as the functions log). The console is captured by pointing {@code
 * System.err} at a buffer before the stack's config is loaded.
 */
@Isolated("replaces the JVM's log configuration and System.err, and counts every line logged")
@PodiumIT
class ExpectedFailuresLogQuietlyIT {
  static final ByteArrayOutputStream console = new ByteArrayOutputStream();
  static PrintStream realErr;
  static URI testConfig;
  static LocalStack stack;
  static Podium podium;
  static Feeds feeds;

  @BeforeAll
  static void start() throws Exception {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    testConfig = context.getConfigLocation();
    realErr = System.err;
    // the stack's config (in its classes folder or jar), not the functions' JSON one of the same
    // name
    String home = LocalStack.class.getProtectionDomain().getCodeSource().getLocation().toString();
    URI stackConfig =
        Collections.list(LocalStack.class.getClassLoader().getResources("log4j2.xml")).stream()
            .filter(url -> url.toString().contains(home))
            .findFirst()
            .orElseThrow()
            .toURI();
    writeConsoleTo(new PrintStream(console, true, StandardCharsets.UTF_8), stackConfig);
  }

  @AfterAll
  static void stop() throws Exception {
    writeConsoleTo(realErr, testConfig);
    realErr.print(console.toString(StandardCharsets.UTF_8));
  }

  /**
   * Loads {@code config} with its console on {@code err}. A console appender takes {@code
   * System.err} when it is made, and a new config reuses the console of the one it replaces: so no
   * config at all in between, to let go of the old console first.
   */
  static void writeConsoleTo(PrintStream err, URI config) {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.setConfiguration(new NullConfiguration());
    System.setErr(err);
    context.setConfigLocation(config);
  }

  static List<String> lines() {
    return console.toString(StandardCharsets.UTF_8).lines().toList();
  }

  @Test
  void anExpectedConditionalWriteFailureIsOneLineAndAnUnexpectedFailureKeepsItsTrace() {
    Member alice = feeds.member("quiet_alice");
    Member bob = feeds.member("quiet_bob");
    int before = lines().size();

    var taken = podium.signup("quiet_alice", podium.inviteCode(podium.adminToken(), Map.of()));
    assertThat(taken.status()).as(taken.toString()).isEqualTo(422);
    for (String action : List.of("follow", "follow", "block", "block")) {
      var response =
          podium
              .api
              .post("/api/v1/accounts/" + bob.id() + "/" + action)
              .token(alice.token())
              .send();
      assertThat(response.status()).as(action + ": " + response).isEqualTo(200);
    }
    feeds.awaitQueueDrained(java.time.Duration.ofSeconds(30));

    List<String> expected = lines().subList(before, lines().size());
    assertThat(expected)
        .as(
            "the taken username, the repeat follow and the repeat block, in the console:\n"
                + String.join("\n", expected))
        .hasSizeLessThanOrEqualTo(3)
        .noneMatch(
            line ->
                line.startsWith("\tat ")
                    || line.contains("\\n\\tat ")
                    || line.contains("Exception:"));

    int unexpectedFrom = lines().size();
    LogManager.getLogger(ErrorMapper.class)
        .error("Unhandled failure", new IllegalStateException("a bug"));
    List<String> unexpected = lines().subList(unexpectedFrom, lines().size());
    assertThat(unexpected)
        .as("an unexpected failure keeps its trace")
        .anyMatch(line -> line.contains("IllegalStateException: a bug"))
        // one JSON line, its trace in the error's stack ("\n\tat ..." escaped)
        .anyMatch(line -> line.contains("\\n\\tat app.podium"));
  }
}
