package app.podium.timelines;

import app.podium.shared.PageRequest;
import java.util.List;

public interface TimelineStore {
  /**
   * Writes the entries; an entry already there is simply written again (same key, same content).
   */
  void write(List<TimelineEntry> entries);

  void remove(List<TimelineEntry> entries);

  /**
   * A member's entries in the page's id window, newest first (oldest first with {@code min_id}).
   */
  List<TimelineEntry> page(String ownerId, PageRequest page);

  /** All of a member's entries by one author (to remove them after an unfollow). */
  List<TimelineEntry> byAuthor(String ownerId, String authorId);

  /** Which of the members' timelines hold an entry for the status: one batch read of their keys. */
  java.util.Set<String> holding(java.util.Collection<String> ownerIds, long statusId);

  /**
   * Deletes all but the newest {@code keep} entries of a member's timeline; returns how many went.
   */
  int trim(String ownerId, int keep);
}
