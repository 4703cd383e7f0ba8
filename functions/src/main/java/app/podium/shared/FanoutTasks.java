package app.podium.shared;

/**
 * Where fan-out work goes: the post-events topic for new events, the fan-out queue for follow-up
 * pages.
 */
public interface FanoutTasks {
  /** Publishes an event to the topic (which delivers it to the fan-out queue). */
  void publish(FanoutTask task);

  /** Puts a task straight on the fan-out queue: the next page of a task in progress. */
  void enqueue(FanoutTask task);
}
