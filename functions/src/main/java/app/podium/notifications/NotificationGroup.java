package app.podium.notifications;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A member's notifications of one group, stored as one item: how many events ({@code count}, each
 * actor once), the newest event's id ({@code latestId}, which pages the list and moves up as events
 * join) and time, the oldest event's id, and the newest actors first ({@code sampleAccountIds}, at
 * most {@link #SAMPLES}) with the id of each one's event ({@code sampleEventIds}, the same order),
 * so events that arrive out of order still leave the newest actors in front.
 */
public record NotificationGroup(
    String accountId,
    String groupKey,
    NotificationType type,
    long latestId,
    Instant latestAt,
    long firstId,
    long count,
    List<String> sampleAccountIds,
    List<Long> sampleEventIds,
    Optional<String> statusId) {
  public static final int SAMPLES = 8;

  public NotificationGroup {
    sampleAccountIds = List.copyOf(sampleAccountIds);
    sampleEventIds = List.copyOf(sampleEventIds);
    if (sampleAccountIds.size() != sampleEventIds.size()) {
      throw new IllegalArgumentException("one event id per sample account");
    }
  }

  /**
   * The group after {@code fresh} events (all of this group, none counted before) joined it:
   * counted once each, the newest actors first in the samples whatever order the events came in.
   */
  public static NotificationGroup merge(
      Optional<NotificationGroup> before, List<NotificationEvent> fresh) {
    NotificationEvent any = fresh.getFirst();
    Map<String, Long> newestOfActor = new HashMap<>();
    before.ifPresent(
        b -> {
          for (int i = 0; i < b.sampleAccountIds().size(); i++) {
            newestOfActor.merge(b.sampleAccountIds().get(i), b.sampleEventIds().get(i), Math::max);
          }
        });
    fresh.forEach(e -> newestOfActor.merge(e.actorId(), e.id(), Math::max));
    List<Map.Entry<String, Long>> samples =
        newestOfActor.entrySet().stream()
            .sorted(
                Map.Entry.<String, Long>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(SAMPLES)
            .toList();
    long newest = fresh.stream().mapToLong(NotificationEvent::id).max().orElseThrow();
    long oldest = fresh.stream().mapToLong(NotificationEvent::id).min().orElseThrow();
    long latestId = before.map(b -> Math.max(b.latestId(), newest)).orElse(newest);
    return new NotificationGroup(
        any.recipientId(),
        any.groupKey(),
        any.type(),
        latestId,
        Instant.ofEpochMilli(latestId >>> 16),
        before.map(b -> Math.min(b.firstId(), oldest)).orElse(oldest),
        before.map(NotificationGroup::count).orElse(0L) + fresh.size(),
        samples.stream().map(Map.Entry::getKey).toList(),
        samples.stream().map(Map.Entry::getValue).toList(),
        any.statusId());
  }

  /** The key Mastodon's grouped API shows: a mention is ungrouped, named by its notification id. */
  public String apiGroupKey() {
    return type.grouped() ? groupKey : "ungrouped-" + latestId;
  }
}
