package app.podium.shared;

/**
 * A member's account id, parsed once where it enters (a path, a body, the authorizer's caller):
 * past that edge an {@code AccountId} is well formed, and nothing checks it again. Storage keeps
 * the digits as they are ({@link #value}).
 */
public record AccountId(String value) {
  /** An id as ids look (see {@link Ids#require}); anything else names no account: 404. */
  public static AccountId parse(String text) {
    return new AccountId(Ids.require(text));
  }

  @Override
  public String toString() {
    return value;
  }
}
