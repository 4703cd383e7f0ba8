package app.podium.statuses;

/**
 * How many replies, reblogs and favourites a status has. Exact: each is changed in the same
 * transaction as the reply, reblog or favourite it counts.
 */
public record StatusCounts(long replies, long reblogs, long favourites) {
  public static final StatusCounts NONE = new StatusCounts(0, 0, 0);

  public StatusCounts plus(StatusCounts other) {
    return new StatusCounts(
        replies + other.replies, reblogs + other.reblogs, favourites + other.favourites);
  }
}
