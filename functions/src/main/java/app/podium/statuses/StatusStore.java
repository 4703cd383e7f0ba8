package app.podium.statuses;

import app.podium.shared.DomainException;
import app.podium.shared.PageRequest;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

public interface StatusStore {
  /**
   * Stores the status, counts it on its author and puts it on the author's own home timeline, all
   * or nothing. False if a status with this id already exists (a retried request): nothing changes
   * then.
   */
  boolean create(Status status, Instant ownEntryExpiresAt);

  /**
   * As {@link #create}, for a reply to {@code parent} (as read just before): the same transaction
   * adds one to the parent's reply count, on the condition that the parent still exists ({@link
   * DomainException.NotFound} if not).
   */
  boolean createReply(Status reply, Status parent, Instant ownEntryExpiresAt);

  Optional<Status> find(String id);

  /**
   * The statuses that exist among {@code ids}, in no particular order; missing ones are left out.
   */
  List<Status> findAll(Collection<String> ids);

  /**
   * Deletes the status and uncounts it (a reply on its parent too), all or nothing; false if it was
   * already gone.
   */
  boolean delete(Status status);

  /**
   * An author's statuses in the page's id window, newest first (oldest first with {@code min_id}).
   */
  List<Status> byAuthor(String authorId, PageRequest page);
}
