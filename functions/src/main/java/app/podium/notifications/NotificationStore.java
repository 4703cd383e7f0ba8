package app.podium.notifications;

import app.podium.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where notification groups live, one item per (member, group), and the receipts that count each
 * event once.
 */
public interface NotificationStore {
  /**
   * Adds events of one group (same recipient and group key): each event's receipt (recipient,
   * group, actor) and the group's new count, samples and latest id in one transaction per call, so
   * an event already counted (a redelivery) changes nothing and concurrent writers never lose a
   * count. Receipts expire at {@code receiptsExpireAt}.
   */
  void add(List<NotificationEvent> sameGroup, Instant receiptsExpireAt);

  /**
   * The member's groups in the page's window of latest ids, newest first (oldest first with {@code
   * min_id}).
   */
  List<NotificationGroup> page(String accountId, PageRequest page);

  Optional<NotificationGroup> find(String accountId, String groupKey);

  /** The group whose newest event has this id (the id a v1 notification shows). */
  Optional<NotificationGroup> findByLatestId(String accountId, long latestId);

  /** Deletes the group; false if it was not there. */
  boolean dismiss(String accountId, String groupKey);

  /** Deletes all the member's groups. */
  void clear(String accountId);
}
