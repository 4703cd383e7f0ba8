package app.podium.graph;

import app.podium.accounts.Account;

/**
 * Puts a followee's latest statuses on a member's home timeline, after a follow or an unmute. The
 * timelines feature does it ({@code TimelineService}); the graph only asks, so that it need not
 * know timelines, which stand above it.
 */
@FunctionalInterface
public interface Backfill {
  void backfill(String memberId, Account followee);
}
