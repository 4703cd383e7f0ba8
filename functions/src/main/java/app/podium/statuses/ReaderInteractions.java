package app.podium.statuses;

import java.util.Collection;
import java.util.Optional;

/**
 * What a reader did to the statuses shown to them: one batch read of their reactions (a reblog's
 * state is its original's), nothing for an anonymous reader. The reactions feature reads it ({@code
 * ReactionService}); statuses and the features that show them only ask, so that they need not know
 * reactions.
 */
@FunctionalInterface
public interface ReaderInteractions {
  /**
   * What the reader did to the statuses with these ids (a reblog's own id tells nothing: ask its
   * original's).
   */
  Interactions ofIds(String readerId, Collection<String> statusIds);

  default Interactions interactions(Optional<String> readerId, Collection<AuthoredStatus> shown) {
    if (readerId.isEmpty() || shown.isEmpty()) {
      return Interactions.NONE;
    }
    return ofIds(readerId.get(), shown.stream().map(ReaderInteractions::stateId).toList());
  }

  /** Whose state a shown status carries: a reblog's is its original's. */
  static String stateId(AuthoredStatus shown) {
    return shown.reblog().map(original -> original.status().id()).orElse(shown.status().id());
  }
}
