package app.podium.http;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.shared.DomainException;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The EMF line each request writes, as CloudWatch Logs reads it from stdout. */
class RequestMetricsTest {
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  PrintStream realOut;

  @BeforeEach
  void captureStdout() {
    realOut = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    RequestMetrics.enable(true);
  }

  @AfterEach
  void release() {
    RequestMetrics.enable(false);
    System.setOut(realOut);
  }

  @Test
  void aPostCreatedIsOneRequestAndOnePostOfItsRoute() throws Exception {
    route("PostStatus", request -> ApiResponse.ok(Map.of())).handle(event());

    JsonNode line = onlyLine();
    assertThat(line.path("route").asText()).isEqualTo("PostStatus");
    assertThat(line.path("Requests").asDouble()).isEqualTo(1);
    assertThat(line.path("PostsCreated").asDouble()).isEqualTo(1);
    assertThat(line.has("ClientErrors")).isFalse();
    JsonNode directive = line.path("_aws").path("CloudWatchMetrics").get(0);
    assertThat(directive.path("Namespace").asText()).isEqualTo("Podium");
    assertThat(directive.path("Dimensions").toString()).contains("route");
    assertThat(directive.path("Metrics").findValuesAsText("Name"))
        .containsExactlyInAnyOrder("Requests", "PostsCreated");
  }

  @Test
  void a4xxAndA5xxAreCountedByRouteAndAreNoPost() throws Exception {
    route(
            "PostStatus",
            request -> {
              throw new DomainException.NotFound("Record not found");
            })
        .handle(event());
    JsonNode notFound = onlyLine();
    assertThat(notFound.path("ClientErrors").asDouble()).isEqualTo(1);
    assertThat(notFound.has("PostsCreated")).isFalse();

    out.reset();
    route(
            "GetHomeTimeline",
            request -> {
              throw new IllegalStateException("a bug");
            })
        .handle(event());
    JsonNode failed = onlyLine();
    assertThat(failed.path("route").asText()).isEqualTo("GetHomeTimeline");
    assertThat(failed.path("ServerErrors").asDouble()).isEqualTo(1);
    assertThat(failed.has("HomeReads")).isFalse();
  }

  @Test
  void aFanoutBatchIsItsPagesAndEachPagesLatency() throws Exception {
    RequestMetrics.fanoutPages("Fanout", List.of(12L, 30L));
    JsonNode line = onlyLine();
    assertThat(line.path("FanoutPages").asDouble()).isEqualTo(2);
    assertThat(line.path("FanoutPageLatency").toString()).isEqualTo("[12.0,30.0]");
  }

  @Test
  void offItWritesNothing() {
    RequestMetrics.enable(false);
    route("PostStatus", request -> ApiResponse.ok(Map.of())).handle(event());
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void aWithheldRequestWritesNothingAndTheNextIsCountedAgain() throws Exception {
    RequestMetrics.withheld(
        () -> route("PostStatus", request -> ApiResponse.ok(Map.of())).handle(event()));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();

    route("PostStatus", request -> ApiResponse.ok(Map.of())).handle(event());
    assertThat(onlyLine().path("Requests").asDouble()).isEqualTo(1);
  }

  private JsonNode onlyLine() throws Exception {
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    assertThat(lines).hasSize(1);
    return Json.MAPPER.readTree(lines.getFirst());
  }

  private static RouteHandler route(String name, Endpoint endpoint) {
    return new RouteHandler(
        name, Access.PUBLIC, endpoint, OriginCheck.off(), Settings.fromEnvironment(Map.of()));
  }

  private static APIGatewayV2HTTPEvent event() {
    return APIGatewayV2HTTPEvent.builder()
        .withRawPath("/")
        .withHeaders(Map.of())
        .withRequestContext(
            APIGatewayV2HTTPEvent.RequestContext.builder()
                .withRequestId("r")
                .withHttp(
                    APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                        .withMethod("GET")
                        .withPath("/")
                        .withSourceIp("192.0.2.1")
                        .build())
                .build())
        .build();
  }
}
