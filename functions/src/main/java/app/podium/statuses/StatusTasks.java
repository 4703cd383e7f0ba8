package app.podium.statuses;

import app.podium.shared.FanoutTask;
import app.podium.shared.FanoutTask.StatusFacts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * The fan-out tasks a status starts, made from the status: {@link FanoutTask} lives below the
 * features that publish it (the graph publishes too, and statuses stand above the graph), so it
 * knows no {@link Status}.
 */
public final class StatusTasks {
  private StatusTasks() {}

  public static FanoutTask.PostCreated postCreated(Status status) {
    return new FanoutTask.PostCreated(
        status.authorId(), status.id(), facts(status), Optional.empty());
  }

  public static FanoutTask.PostDeleted postDeleted(Status status) {
    return new FanoutTask.PostDeleted(status.authorId(), status.id(), Optional.empty());
  }

  /** {@code accountId} favourited {@code status}: its author is notified. */
  public static FanoutTask.Favourited favourited(String accountId, Status status) {
    return new FanoutTask.Favourited(accountId, status.id(), status.authorId());
  }

  /** {@code accountId} reblogged {@code status}: its author is notified. */
  public static FanoutTask.Reblogged reblogged(String accountId, Status status) {
    return new FanoutTask.Reblogged(accountId, status.id(), status.authorId());
  }

  /**
   * The clean-up of a deleted status's reblogs: one task per shard its reactions are spread over
   * (one for most statuses), each starting at the newest reblog.
   */
  public static List<FanoutTask.ReblogsOfDeleted> reblogsOfDeleted(Status original) {
    return IntStream.range(0, Math.max(1, original.counterShards()))
        .mapToObj(
            shard ->
                new FanoutTask.ReblogsOfDeleted(
                    original.authorId(), original.id(), shard, Optional.empty()))
        .toList();
  }

  /**
   * What the fan-out of a status needs to know of it: the members it notifies are those it mentions
   * or answers.
   */
  static StatusFacts facts(Status status) {
    List<String> notified =
        new ArrayList<>(
            status.mentions().stream()
                .map(Mention::accountId)
                .filter(id -> !id.equals(status.authorId()))
                .distinct()
                .toList());
    status
        .inReplyToAccountId()
        .filter(id -> !id.equals(status.authorId()) && !notified.contains(id))
        .ifPresent(notified::add);
    return new StatusFacts(
        status.visibility(), status.inReplyToAccountId(), status.reblogOfId(), notified);
  }
}
