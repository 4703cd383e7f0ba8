package app.podium.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A route's log lines, in the functions' JSON layout (Powertools' {@code LambdaJsonLayout.json}),
 * carry its function name, the request id and the caller's account id, and the next request on the
 * thread starts without them.
 */
class RequestLogTest {
  static final String LOGGER = "app.podium.http.RequestLogTest";
  final List<String> lines = new CopyOnWriteArrayList<>();

  @BeforeEach
  void capture() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    Configuration config = context.getConfiguration();
    JsonTemplateLayout layout =
        JsonTemplateLayout.newBuilder()
            .setConfiguration(config)
            .setEventTemplateUri("classpath:LambdaJsonLayout.json")
            .build();
    AbstractAppender appender =
        new AbstractAppender("json", null, layout, true, Property.EMPTY_ARRAY) {
          @Override
          public void append(LogEvent event) {
            lines.add(layout.toSerializable(event));
          }
        };
    appender.start();
    LoggerConfig logger = new LoggerConfig(LOGGER, Level.INFO, false);
    logger.addAppender(appender, Level.INFO, null);
    config.addLogger(LOGGER, logger);
    context.updateLoggers();
  }

  @AfterEach
  void release() {
    LoggerContext context = (LoggerContext) LogManager.getContext(false);
    context.getConfiguration().removeLogger(LOGGER);
    context.updateLoggers();
  }

  @Test
  void everyLineOfARequestNamesTheRouteTheRequestAndTheCaller() throws Exception {
    RouteHandler handler =
        new RouteHandler(
            "PostStatus",
            Access.OPTIONAL,
            request -> {
              LogManager.getLogger(LOGGER).info("posting");
              return ApiResponse.ok(Map.of());
            },
            OriginCheck.off(),
            Settings.fromEnvironment(Map.of()));

    handler.handle(event("req-1", Map.of("accountId", "4242", "clientId", "c1", "scopes", "")));
    handler.handle(event("req-2", null));

    assertThat(lines).hasSize(2);
    JsonNode member = Json.MAPPER.readTree(lines.get(0));
    assertThat(member.path("message").asText()).isEqualTo("posting");
    assertThat(member.path(RequestLog.ROUTE).asText()).isEqualTo("PostStatus");
    assertThat(member.path(RequestLog.REQUEST_ID).asText()).isEqualTo("req-1");
    assertThat(member.path(RequestLog.ACCOUNT_ID).asText()).isEqualTo("4242");
    JsonNode anonymous = Json.MAPPER.readTree(lines.get(1));
    assertThat(anonymous.path(RequestLog.REQUEST_ID).asText()).isEqualTo("req-2");
    assertThat(anonymous.has(RequestLog.ACCOUNT_ID)).as(lines.get(1)).isFalse();
    assertThat(ThreadContext.isEmpty()).as("nothing stays on the thread").isTrue();
  }

  private static APIGatewayV2HTTPEvent event(String requestId, Map<String, Object> authorizer) {
    var context =
        APIGatewayV2HTTPEvent.RequestContext.builder()
            .withRequestId(requestId)
            .withHttp(
                APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                    .withMethod("POST")
                    .withPath("/api/v1/statuses")
                    .withSourceIp("192.0.2.1")
                    .build());
    if (authorizer != null) {
      context.withAuthorizer(
          APIGatewayV2HTTPEvent.RequestContext.Authorizer.builder().withLambda(authorizer).build());
    }
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath("/api/v1/statuses")
        .withHeaders(Map.of())
        .withRequestContext(context.build())
        .build();
  }
}
