package app.podium.statuses;

import java.util.Set;

/**
 * What the reader did to the statuses on a page: the ids of those they favourited and those they
 * reblogged.
 */
public record Interactions(Set<String> favourited, Set<String> reblogged) {
  /** For an anonymous reader, or where Mastodon shows no reader state. */
  public static final Interactions NONE = new Interactions(Set.of(), Set.of());

  public Interactions {
    favourited = Set.copyOf(favourited);
    reblogged = Set.copyOf(reblogged);
  }

  /**
   * The same, with the reader's favourite of one status just made (or undone): known without
   * reading it back.
   */
  public Interactions withFavourite(String statusId, boolean done) {
    return new Interactions(changed(favourited, statusId, done), reblogged);
  }

  /** The same, with the reader's reblog of one status just made (or undone). */
  public Interactions withReblog(String statusId, boolean done) {
    return new Interactions(favourited, changed(reblogged, statusId, done));
  }

  /**
   * Both pages' interactions: the reader's state read in two parts (a page's statuses, then its
   * reblogs' originals).
   */
  public Interactions plus(Interactions other) {
    Set<String> favourites = new java.util.HashSet<>(favourited);
    favourites.addAll(other.favourited);
    Set<String> reblogs = new java.util.HashSet<>(reblogged);
    reblogs.addAll(other.reblogged);
    return new Interactions(favourites, reblogs);
  }

  private static Set<String> changed(Set<String> ids, String statusId, boolean in) {
    Set<String> changed = new java.util.HashSet<>(ids);
    if (in) {
      changed.add(statusId);
    } else {
      changed.remove(statusId);
    }
    return changed;
  }
}
