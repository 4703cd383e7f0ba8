package app.podium.signup;

import java.util.List;

public interface WaitlistStore {
  /** Adds the entry; false if the email is already on the list (released or not). */
  boolean join(WaitlistEntry entry);

  /** The longest-waiting entries still waiting, oldest first. */
  List<WaitlistEntry> nextWaiting(int limit);

  /**
   * Marks the entry released with its invite, only if it is still waiting; false if someone else
   * released it first.
   */
  boolean markReleased(String email, String inviteCode, java.time.Instant at);
}
