package app.podium.moderation;

import app.podium.shared.DomainException;
import app.podium.shared.PageRequest;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where reports live: by id, and paged newest first by whether they are resolved. */
public interface ReportStore {
  /** Stores a new report; the id is fresh, so the write is conditional on it being unused. */
  void create(Report report);

  Optional<Report> find(String id);

  /** Unresolved (or resolved) reports in the page's id window, newest first. */
  List<Report> page(boolean resolved, PageRequest page);

  /**
   * Marks the report resolved by {@code adminId} at {@code at} (a report resolved again keeps the
   * latest); {@link DomainException.NotFound} if there is no such report. Returns it as stored
   * afterwards.
   */
  Report resolve(String id, String adminId, Instant at);
}
