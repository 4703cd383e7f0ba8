package app.podium.local;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.local.support.ApiClient;
import app.podium.local.support.TestStacks;
import java.util.ArrayList;
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
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Passwords, tokens, client secrets, invite codes, the origin secret and email addresses never
 * reach the logs: every log event of Podium's code, at every level, is written as the functions
 * write it (Powertools' JSON layout, with each request's route, request id and account id) while
 * members sign up, log in, post, fail to log in and send malformed requests through the CDN's
 * origin header, and the whole output is searched for every secret the run used.
 */
@Isolated("logs all of app.podium to its capture while it runs, and greps what it caught")
class SecretsStayOutOfLogsIT {
  static final String PASSWORD = "unmistakable-password-8c1f";
  static final String ORIGIN_SECRET = "unmistakable-origin-secret-5d2a";
  static LocalStack stack;
  static ApiClient api;
  static final List<String> logged = new CopyOnWriteArrayList<>();
  static Capture capture;

  /** Keeps every event as the functions' JSON layout writes it, error and stack included. */
  static final class Capture extends AbstractAppender {
    final JsonTemplateLayout json;

    Capture(JsonTemplateLayout json) {
      super("capture", null, json, true, Property.EMPTY_ARRAY);
      this.json = json;
    }

    @Override
    public void append(LogEvent event) {
      logged.add(json.toSerializable(event));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    capture =
        new Capture(
            JsonTemplateLayout.newBuilder()
                .setConfiguration(config)
                .setEventTemplateUri("classpath:LambdaJsonLayout.json")
                .build());
    capture.start();
    LoggerConfig podiumLogs = new LoggerConfig("app.podium", Level.ALL, true);
    podiumLogs.addAppender(capture, Level.ALL, null);
    config.addLogger("app.podium", podiumLogs);
    context.updateLoggers();
    stack = TestStacks.start(Map.of("ORIGIN_SECRET", ORIGIN_SECRET));
    api = new ApiClient(stack.url());
  }

  @AfterAll
  static void stop() throws Exception {
    stack.close();
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger("app.podium");
    context.updateLoggers();
  }

  /** As CloudFront sends a request on to the origin. */
  static ApiClient.Call cdn(ApiClient.Call call) {
    return call.header("X-Origin-Verify", ORIGIN_SECRET);
  }

  static String field(ApiClient.Response response, String name) {
    assertThat(response.status()).as(response.toString()).isEqualTo(200);
    return response.field(name);
  }

  static ApiClient.Response login(
      String clientId, String clientSecret, String username, String password) {
    return cdn(api.post("/oauth/token"))
        .form(
            Map.of(
                "grant_type", "password",
                "username", username,
                "password", password,
                "client_id", clientId,
                "client_secret", clientSecret,
                "scope", "read write follow admin:read admin:write"))
        .send();
  }

  @Test
  void noSecretOrEmailAddressIsEverLogged() {
    var app =
        cdn(api.post("/api/v1/apps"))
            .form(
                Map.of(
                    "client_name", "quiet",
                    "redirect_uris", "urn:ietf:wg:oauth:2.0:oob",
                    "scopes", "read write follow admin:read admin:write"))
            .send();
    String clientId = field(app, "client_id");
    String clientSecret = field(app, "client_secret");
    String appToken =
        field(
            cdn(api.post("/oauth/token"))
                .form(
                    Map.of(
                        "grant_type",
                        "client_credentials",
                        "client_id",
                        clientId,
                        "client_secret",
                        clientSecret,
                        "scope",
                        "read write"))
                .send(),
            "access_token");
    String adminToken =
        field(
            login(clientId, clientSecret, stack.adminUsername(), TestStacks.ADMIN_PASSWORD),
            "access_token");
    String code =
        field(cdn(api.post("/api/v1/invites")).token(adminToken).json(Map.of()).send(), "code");
    String memberToken =
        field(
            cdn(api.post("/api/v1/accounts"))
                .token(appToken)
                .form(
                    Map.of(
                        "username", "quiet",
                        "email", "quiet@example.com",
                        "password", PASSWORD,
                        "agreement", "true",
                        "invite_code", code))
                .send(),
            "access_token");
    String loginToken = field(login(clientId, clientSecret, "quiet", PASSWORD), "access_token");
    assertThat(login(clientId, clientSecret, "quiet", PASSWORD + "-wrong").status()).isEqualTo(400);
    field(
        cdn(api.post("/api/v1/statuses")).token(loginToken).form(Map.of("status", "hello")).send(),
        "id");
    cdn(api.post("/api/v1/statuses"))
        .token(memberToken)
        .raw("application/json", "{\"status\":")
        .send();
    cdn(api.get("/api/v1/accounts/verify_credentials")).token(memberToken + "x").send();
    cdn(api.post("/api/v1/statuses")).token(memberToken).form(Map.of("status", "")).send();
    // the same invite twice, and a request that did not come through the CDN
    cdn(api.post("/api/v1/accounts"))
        .token(appToken)
        .form(
            Map.of(
                "username", "quieter",
                "email", "quieter@example.com",
                "password", PASSWORD,
                "agreement", "true",
                "invite_code", code))
        .send();
    assertThat(
            api.post("/api/v1/statuses")
                .outsideContract("the gateway's own 403 to a request that bypassed the CDN")
                .header("X-Origin-Verify", "forged")
                .token(loginToken)
                .form(Map.of("status", "hi"))
                .send()
                .status())
        .isEqualTo(403);
    // a poison message makes the fan-out log a warning, so the capture is known to work
    stack
        .sqsClient()
        .sendMessage(r -> r.queueUrl(stack.queues().queueUrl()).messageBody("not a task"));
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (logged.stream().noneMatch(line -> line.contains("no task"))
        && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }

    assertThat(logged)
        .as("the capture saw Podium's own warnings, in JSON with the fan-out's route")
        .anyMatch(line -> line.contains("no task") && line.contains("\"route\":\"Fanout\""));
    List<String> secrets =
        new ArrayList<>(
            List.of(
                PASSWORD,
                TestStacks.ADMIN_PASSWORD,
                memberToken,
                loginToken,
                adminToken,
                appToken,
                clientSecret,
                code,
                ORIGIN_SECRET,
                // an address is personal data: it is no secret, but never a log's either
                "quiet@example.com",
                "quieter@example.com"));
    for (String secret : secrets) {
      assertThat(logged).as("no line holds a secret").noneMatch(line -> line.contains(secret));
    }
  }
}
