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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FanoutTaskJsonTest {
  private static final Status STATUS =
      Status.plain("2", "1", "hi", Visibility.PUBLIC, Instant.EPOCH);

  @Test
  void everyKindOfTaskSurvivesTheWire() {
    var tasks =
        List.<FanoutTask>of(
            new FanoutTask.PostCreated(
                "1",
                "2",
                new FanoutTask.StatusFacts(
                    Visibility.PRIVATE, Optional.of("7"), Optional.empty(), List.of("7", "8")),
                Optional.of("3:4")),
            new FanoutTask.PostCreated(
                "1",
                "9",
                new FanoutTask.StatusFacts(
                    Visibility.PUBLIC, Optional.empty(), Optional.of("2"), List.of()),
                Optional.empty()),
            StatusTasks.postDeleted(STATUS),
            StatusTasks.postDeleted(STATUS).continuingAt("3:4"),
            new FanoutTask.Unfollowed("1", "5"),
            new FanoutTask.AuthorBecameLarge("1"),
            new FanoutTask.AuthorBecameLarge("1").continuingAt("3:4"),
            new FanoutTask.AuthorHidden("1", "5"),
            StatusTasks.favourited("5", STATUS),
            StatusTasks.reblogged("5", STATUS),
            new FanoutTask.Followed("5", "1"),
            StatusTasks.reblogsOfDeleted(STATUS).getFirst(),
            StatusTasks.reblogsOfDeleted(STATUS).getFirst().continuingBefore(123456),
            new FanoutTask.MemberActive("5"));
    for (FanoutTask task : tasks) {
      assertThat(FanoutTaskJson.read(FanoutTaskJson.write(task))).isEqualTo(task);
    }
  }

  /**
   * Messages written before the tasks were records (each kind as the previous writer wrote it,
   * fields of other kinds included) are read as the records they mean: the queues hold such
   * messages at a deploy.
   */
  @Test
  void messagesOfThePreviousWriterAreReadAsTheirRecords() {
    var facts =
        new FanoutTask.StatusFacts(
            Visibility.PRIVATE, Optional.of("7"), Optional.of("6"), List.of("7", "8"));
    var previous = new LinkedHashMap<String, FanoutTask>();
    previous.put(
        "{\"type\":\"PostCreated\",\"author_id\":\"1\",\"status_id\":\"2\",\"visibility\":\"private\",\"in_reply_to_account_id\":\"7\",\"reblog_of_id\":\"6\",\"mention_ids\":[\"7\",\"8\"],\"cursor\":\"3:4\"}",
        new FanoutTask.PostCreated("1", "2", facts, Optional.of("3:4")));
    previous.put(
        "{\"type\":\"PostDeleted\",\"author_id\":\"1\",\"status_id\":\"2\",\"visibility\":\"public\"}",
        new FanoutTask.PostDeleted("1", "2", Optional.empty()));
    previous.put(
        "{\"type\":\"AuthorBecameLarge\",\"author_id\":\"1\",\"cursor\":\"3:4\"}",
        new FanoutTask.AuthorBecameLarge("1", Optional.of("3:4")));
    previous.put(
        "{\"type\":\"Unfollowed\",\"author_id\":\"1\",\"subject_id\":\"5\"}",
        new FanoutTask.Unfollowed("1", "5"));
    previous.put(
        "{\"type\":\"AuthorHidden\",\"author_id\":\"1\",\"subject_id\":\"5\"}",
        new FanoutTask.AuthorHidden("1", "5"));
    previous.put(
        "{\"type\":\"Favourited\",\"author_id\":\"5\",\"status_id\":\"2\",\"subject_id\":\"1\"}",
        new FanoutTask.Favourited("5", "2", "1"));
    previous.put(
        "{\"type\":\"Reblogged\",\"author_id\":\"5\",\"status_id\":\"2\",\"subject_id\":\"1\"}",
        new FanoutTask.Reblogged("5", "2", "1"));
    previous.put(
        "{\"type\":\"Followed\",\"author_id\":\"5\",\"subject_id\":\"1\"}",
        new FanoutTask.Followed("5", "1"));
    previous.put(
        "{\"type\":\"ReblogsOfDeleted\",\"author_id\":\"1\",\"status_id\":\"2\",\"cursor\":\"0/\"}",
        new FanoutTask.ReblogsOfDeleted("1", "2", 0, Optional.empty()));
    previous.put(
        "{\"type\":\"ReblogsOfDeleted\",\"author_id\":\"1\",\"status_id\":\"2\",\"cursor\":\"15/123\"}",
        new FanoutTask.ReblogsOfDeleted("1", "2", 15, Optional.of(123L)));
    previous.put(
        "{\"type\":\"MemberActive\",\"author_id\":\"5\"}", new FanoutTask.MemberActive("5"));
    previous.forEach(
        (body, task) -> assertThat(FanoutTaskJson.read(body)).as(body).isEqualTo(task));
  }

  @Test
  void aShardedStatusesReblogsAreCleanedUpByOneTaskPerShard() {
    Status sharded = STATUS.toBuilder().counterShards(16).build();
    assertThat(StatusTasks.reblogsOfDeleted(STATUS))
        .containsExactly(new FanoutTask.ReblogsOfDeleted("1", "2", 0, Optional.empty()));
    assertThat(StatusTasks.reblogsOfDeleted(sharded))
        .hasSize(16)
        .allSatisfy(t -> assertThat(FanoutTaskJson.read(FanoutTaskJson.write(t))).isEqualTo(t))
        .extracting(FanoutTask.ReblogsOfDeleted::shard)
        .contains(0, 15)
        .doesNotHaveDuplicates();
  }

  @Test
  void theSqsFixtureHoldsAFirstPageAContinuationAndAPoisonMessage() {
    SQSEvent event = Events.load("sqs/post-created.json", SQSEvent.class);
    FanoutTask first = FanoutTaskJson.read(event.getRecords().get(0).getBody());
    assertThat(first).isInstanceOf(FanoutTask.PostCreated.class);
    assertThat(((FanoutTask.PostCreated) first).cursor()).isEmpty();
    assertThat(
            ((FanoutTask.PostCreated) FanoutTaskJson.read(event.getRecords().get(1).getBody()))
                .cursor())
        .contains("0/117677405000000001:117677404900000000");
    assertThatThrownBy(() -> FanoutTaskJson.read(event.getRecords().get(2).getBody()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void tasksWithoutTheirFieldsOrTypeAreRefused() {
    for (String body :
        List.of(
            "{\"type\":\"PostCreated\",\"author_id\":\"1\"}",
            // a status's first task without what the fan-out needs to know of the status
            "{\"type\":\"PostCreated\",\"author_id\":\"1\",\"status_id\":\"2\"}",
            "{\"type\":\"PostCreated\",\"status_id\":\"2\",\"visibility\":\"public\"}",
            "{\"type\":\"PostDeleted\",\"author_id\":\"1\",\"status_id\":\"x\"}",
            "{\"type\":\"AuthorBecameLarge\"}",
            "{\"type\":\"Unfollowed\",\"author_id\":\"1\"}",
            "{\"type\":\"AuthorHidden\",\"author_id\":\"1\"}",
            "{\"type\":\"Favourited\",\"author_id\":\"1\",\"status_id\":\"2\"}",
            "{\"type\":\"Reblogged\",\"author_id\":\"1\",\"subject_id\":\"2\"}",
            "{\"type\":\"Followed\",\"author_id\":\"1\"}",
            "{\"type\":\"ReblogsOfDeleted\",\"author_id\":\"1\"}",
            "{\"type\":\"ReblogsOfDeleted\",\"author_id\":\"1\",\"status_id\":\"2\"}",
            "{\"type\":\"ReblogsOfDeleted\",\"author_id\":\"1\",\"status_id\":\"2\",\"cursor\":\"x/\"}",
            "{\"type\":\"MemberActive\"}",
            "{\"type\":\"Bogus\",\"author_id\":\"1\"}",
            "{\"author_id\":\"1\",\"status_id\":\"2\",\"visibility\":\"public\"}",
            "{\"type\":null,\"author_id\":\"1\"}",
            "[]",
            "not json")) {
      assertThatThrownBy(() -> FanoutTaskJson.read(body))
          .as(body)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
