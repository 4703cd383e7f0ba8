package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.Podium;
import app.podium.local.support.PodiumIT;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Passwords, tokens and client secrets never reach the logs: every log event of Podium's code, at
 * every level, is captured while members sign up, log in, post, fail to log in and send malformed
 * requests.
 */
@Isolated("logs all of app.podium to its capture while it runs, and greps what it caught")
@PodiumIT
class SecretsStayOutOfLogsIT {
  static final String PASSWORD = "unmistakable-password-8c1f";
  static LocalStack stack;
  static Podium podium;
  static final List<String> logged = new CopyOnWriteArrayList<>();
  static Capture capture;

  /** Keeps every event's formatted message and its error's text. */
  static final class Capture extends AbstractAppender {
    Capture() {
      super("capture", null, null, true, Property.EMPTY_ARRAY);
    }

    @Override
    public void append(LogEvent event) {
      logged.add(event.getMessage().getFormattedMessage());
      if (event.getThrown() != null) {
        logged.add(event.getThrown().toString());
      }
    }
  }

  @BeforeAll
  static void start() throws Exception {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    capture = new Capture();
    capture.start();
    LoggerConfig podiumLogs = new LoggerConfig("app.podium", Level.ALL, true);
    podiumLogs.addAppender(capture, Level.ALL, null);
    config.addLogger("app.podium", podiumLogs);
    context.updateLoggers();
  }

  @AfterAll
  static void stop() throws Exception {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger("app.podium");
    context.updateLoggers();
  }

  @Test
  void noPasswordTokenOrClientSecretIsEverLogged() {
    String code = podium.inviteCode(podium.adminToken(), Map.of());
    var signup = podium.signup(Podium.signupForm("quiet", "quiet@example.com", PASSWORD, code));
    assertThat(signup.status()).isEqualTo(200);
    String memberToken = signup.field("access_token");
    String loginToken = podium.loginToken("quiet", PASSWORD);
    assertThat(podium.login("quiet", PASSWORD + "-wrong").status()).isEqualTo(400);
    podium.post(loginToken, "hello");
    podium
        .api
        .post("/api/v1/statuses")
        .token(memberToken)
        .raw("application/json", "{\"status\":")
        .send();
    podium.api.get("/api/v1/accounts/verify_credentials").token(memberToken + "x").send();
    podium.api.post("/api/v1/statuses").token(memberToken).form(Map.of("status", "")).send();
    // a poison message makes the fan-out log a warning, so the capture is known to work
    stack
        .sqsClient()
        .sendMessage(r -> r.queueUrl(stack.queues().queueUrl()).messageBody("not a task"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (logged.stream().noneMatch(line -> line.contains("not JSON"))
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    assertThat(logged)
        .as("the capture saw Podium's own warnings")
        .anyMatch(line -> line.contains("not JSON"));
    for (String secret :
        List.of(PASSWORD, memberToken, loginToken, podium.appToken, podium.clientSecret)) {
      assertThat(logged).noneMatch(line -> line.contains(secret));
    }
  }
}
