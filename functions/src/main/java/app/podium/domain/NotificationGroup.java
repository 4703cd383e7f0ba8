package app.podium.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A member's notifications of one group, stored as one item: how many events ({@code count}, each actor once),
 * the newest event's id ({@code latestId}, which pages the list and moves up as events join) and time, the
 * oldest event's id, and the newest actors first ({@code sampleAccountIds}, at most {@link #SAMPLES}).
 */
public record NotificationGroup(String accountId, String groupKey, NotificationType type, long latestId,
    Instant latestAt, long firstId, long count, List<String> sampleAccountIds, Optional<String> statusId) {
  public static final int SAMPLES = 8;

  public NotificationGroup {
    sampleAccountIds = List.copyOf(sampleAccountIds);
  }

  /**
   * The group after {@code fresh} events (all of this group, none counted before) joined it: counted once each,
   * the newest actors first in the samples whatever order the events came in.
   */
  public static NotificationGroup merge(Optional<NotificationGroup> before, List<NotificationEvent> fresh) {
    NotificationEvent any = fresh.getFirst();
    List<NotificationEvent> newestFirst = fresh.stream()
        .sorted(Comparator.comparingLong(NotificationEvent::id).reversed()).toList();
    long newest = newestFirst.getFirst().id();
    long oldest = newestFirst.getLast().id();
    List<String> samples = new ArrayList<>();
    List<String> freshActors = newestFirst.stream().map(NotificationEvent::actorId).distinct().toList();
    List<String> older = before.map(NotificationGroup::sampleAccountIds).orElse(List.of());
    boolean freshAreNewer = before.map(b -> newest > b.latestId()).orElse(true);
    for (String id : freshAreNewer ? concat(freshActors, older) : concat(older, freshActors)) {
      if (!samples.contains(id) && samples.size() < SAMPLES) {
        samples.add(id);
      }
    }
    long latestId = before.map(b -> Math.max(b.latestId(), newest)).orElse(newest);
    return new NotificationGroup(any.recipientId(), any.groupKey(), any.type(), latestId,
        Instant.ofEpochMilli(latestId >>> 16), before.map(b -> Math.min(b.firstId(), oldest)).orElse(oldest),
        before.map(NotificationGroup::count).orElse(0L) + fresh.size(), samples, any.statusId());
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  /** The key Mastodon's grouped API shows: a mention is ungrouped, named by its notification id. */
  public String apiGroupKey() {
    return type.grouped() ? groupKey : "ungrouped-" + latestId;
  }
}
