package app.podium.shared;

/**
 * A status's id, parsed once where it enters (a path or a body): past that edge a {@code StatusId}
 * is well formed, and nothing checks it again. Storage keeps the digits as they are ({@link
 * #value}).
 */
public record StatusId(String value) {
  /** An id as ids look (see {@link Ids#require}); anything else names no status: 404. */
  public static StatusId parse(String text) {
    return new StatusId(Ids.require(text));
  }

  @Override
  public String toString() {
    return value;
  }
}
