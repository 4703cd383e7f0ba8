package app.podium.shared;

import java.util.Optional;

/**
 * Mastodon's id-window paging: {@code max_id} (exclusive upper bound), {@code since_id} (exclusive
 * lower bound, newest first), {@code min_id} (exclusive lower bound, the page right after it),
 * {@code limit}.
 */
public record PageRequest(
    Optional<Long> maxId, Optional<Long> sinceId, Optional<Long> minId, int limit) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 40;

  public static PageRequest newest(int limit) {
    return new PageRequest(Optional.empty(), Optional.empty(), Optional.empty(), limit);
  }

  /** With {@code min_id} the window is read upwards from it; otherwise downwards from the top. */
  public boolean ascending() {
    return minId.isPresent();
  }

  /** The exclusive lower bound, whichever parameter gave it. */
  public Optional<Long> lowerBound() {
    return minId.isPresent() ? minId : sinceId;
  }

  public boolean contains(long id) {
    return maxId.map(max -> id < max).orElse(true)
        && lowerBound().map(min -> id > min).orElse(true);
  }

  public PageRequest withLimit(int newLimit) {
    return new PageRequest(maxId, sinceId, minId, newLimit);
  }
}
