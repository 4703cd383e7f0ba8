package app.podium.shared;

/**
 * A v1 notification's id, the id of its group's newest event: a number, as the store keys it,
 * parsed once where it enters.
 */
public record NotificationId(long value) {
  /** An id as ids look (see {@link Ids#require}); anything else names no notification: 404. */
  public static NotificationId parse(String text) {
    return new NotificationId(Long.parseLong(Ids.require(text)));
  }

  @Override
  public String toString() {
    return Long.toString(value);
  }
}
