package app.podium.statuses;

import java.util.Collection;
import java.util.Optional;

/**
 * What a reader did to the statuses shown to them: one batch read of their reactions (a reblog's state is its
 * original's), nothing for an anonymous reader. The reactions feature reads it ({@code ReactionService}); statuses
 * and the features that show them only ask, so that they need not know reactions.
 */
@FunctionalInterface
public interface ReaderInteractions {
  Interactions interactions(Optional<String> readerId, Collection<AuthoredStatus> shown);
}
