package app.podium.fanout.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.http.Events;
import app.podium.shared.FanoutTask;
import app.podium.shared.Visibility;
import app.podium.statuses.Status;
import app.podium.statuses.StatusTasks;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FanoutTaskJsonTest {
  @Test
  void everyKindOfTaskSurvivesTheWire() {
    var tasks =
        new FanoutTask[] {
          new FanoutTask(
              FanoutTask.Kind.POST_CREATED,
              "1",
              Optional.of("2"),
              Optional.of(
                  new FanoutTask.StatusFacts(
                      Visibility.PRIVATE, Optional.of("7"), Optional.empty(), List.of("7", "8"))),
              Optional.empty(),
              Optional.of("3:4")),
          new FanoutTask(
              FanoutTask.Kind.POST_CREATED,
              "1",
              Optional.of("9"),
              Optional.of(
                  new FanoutTask.StatusFacts(
                      Visibility.PUBLIC, Optional.empty(), Optional.of("2"), List.of())),
              Optional.empty(),
              Optional.empty()),
          new FanoutTask(
              FanoutTask.Kind.POST_DELETED,
              "1",
              Optional.of("2"),
              Optional.of(
                  new FanoutTask.StatusFacts(
                      Visibility.PUBLIC, Optional.empty(), Optional.empty(), List.of())),
              Optional.empty(),
              Optional.empty()),
          FanoutTask.unfollowed("5", "1"),
          FanoutTask.becameLarge("1"),
          FanoutTask.authorHidden("5", "1"),
          StatusTasks.favourited(
              "5", Status.plain("2", "1", "hi", Visibility.PUBLIC, Instant.EPOCH)),
          StatusTasks.reblogged(
              "5", Status.plain("2", "1", "hi", Visibility.PUBLIC, Instant.EPOCH)),
          FanoutTask.followed("5", "1"),
          StatusTasks.reblogsOfDeleted(
                  Status.plain("2", "1", "hi", Visibility.PUBLIC, Instant.EPOCH))
              .getFirst(),
          StatusTasks.reblogsOfDeleted(
                  Status.plain("2", "1", "hi", Visibility.PUBLIC, Instant.EPOCH))
              .getFirst()
              .continuingAt("3/123456")
        };
    for (FanoutTask task : tasks) {
      assertThat(FanoutTaskJson.read(FanoutTaskJson.write(task))).isEqualTo(task);
    }
  }

  @Test
  void aShardedStatusesReblogsAreCleanedUpByOneTaskPerShard() {
    Status plain = Status.plain("2", "1", "hi", Visibility.PUBLIC, Instant.EPOCH);
    Status sharded =
        new Status(
            "2",
            "1",
            "hi",
            "",
            false,
            Visibility.PUBLIC,
            Optional.empty(),
            Optional.empty(),
            "en",
            Instant.EPOCH,
            Optional.empty(),
            List.of(),
            List.of(),
            app.podium.statuses.StatusCounts.NONE,
            16);
    assertThat(StatusTasks.reblogsOfDeleted(plain))
        .extracting(t -> t.cursor().orElseThrow())
        .containsExactly("0/");
    assertThat(StatusTasks.reblogsOfDeleted(sharded))
        .hasSize(16)
        .allSatisfy(t -> assertThat(FanoutTaskJson.read(FanoutTaskJson.write(t))).isEqualTo(t))
        .extracting(t -> t.cursor().orElseThrow())
        .contains("0/", "15/")
        .doesNotHaveDuplicates();
  }

  @Test
  void theSqsFixtureHoldsAFirstPageAContinuationAndAPoisonMessage() {
    SQSEvent event = Events.load("sqs/post-created.json", SQSEvent.class);
    FanoutTask first = FanoutTaskJson.read(event.getRecords().get(0).getBody());
    assertThat(first.kind()).isEqualTo(FanoutTask.Kind.POST_CREATED);
    assertThat(first.cursor()).isEmpty();
    assertThat(FanoutTaskJson.read(event.getRecords().get(1).getBody()).cursor())
        .contains("0/117677405000000001:117677404900000000");
    assertThatThrownBy(() -> FanoutTaskJson.read(event.getRecords().get(2).getBody()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tasksWithoutTheirIdsAreRefused() {
    assertThatThrownBy(() -> FanoutTaskJson.read("{\"type\":\"PostCreated\",\"author_id\":\"1\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FanoutTaskJson.read("{\"type\":\"Unfollowed\",\"author_id\":\"1\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FanoutTaskJson.read("{\"type\":\"AuthorHidden\",\"author_id\":\"1\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                FanoutTaskJson.read(
                    "{\"type\":\"Favourited\",\"author_id\":\"1\",\"status_id\":\"2\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FanoutTaskJson.read("{\"type\":\"Followed\",\"author_id\":\"1\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> FanoutTaskJson.read("{\"type\":\"ReblogsOfDeleted\",\"author_id\":\"1\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                FanoutTaskJson.read(
                    "{\"type\":\"ReblogsOfDeleted\",\"author_id\":\"1\",\"status_id\":\"2\",\"cursor\":\"x/\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FanoutTaskJson.read("{\"type\":\"Bogus\",\"author_id\":\"1\"}"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FanoutTaskJson.read("[]"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
