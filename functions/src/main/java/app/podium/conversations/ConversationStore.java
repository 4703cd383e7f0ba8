package app.podium.conversations;

import app.podium.shared.PageRequest;
import app.podium.statuses.Status;
import java.util.List;

/**
 * The reads of conversations and tag timelines: a status's direct replies, a hashtag's public
 * statuses.
 */
public interface ConversationStore {
  /** Up to {@code limit} direct replies to the status, oldest first. */
  List<Status> replies(String parentId, int limit);

  /**
   * The ids of public statuses with the (case-folded) tag in the page's id window, in the page's
   * order.
   */
  List<Long> taggedIds(String tag, PageRequest page);
}
