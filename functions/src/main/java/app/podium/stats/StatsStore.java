package app.podium.stats;

/**
 * Where the server's statistics are counted. Members and posts are counted by the transactions that
 * sign up and post; activity here, once per member and period.
 */
public interface StatsStore {
  /** The statistics, with the active members of the two periods given. */
  InstanceStats read(ActivityPeriod month, ActivityPeriod halfYear);

  /**
   * Counts the member active in the period unless they already are: false when they were (a second
   * read's task, a redelivery).
   */
  boolean countActive(String memberId, ActivityPeriod period);
}
