package app.podium.api.views;

import app.podium.domain.ConversationService;
import app.podium.domain.Interactions;
import app.podium.domain.Settings;
import java.util.List;

/** Mastodon's Context entity: ancestors oldest first, descendants depth first in thread order. */
public record ContextView(List<StatusView> ancestors, List<StatusView> descendants) {
  public static ContextView of(ConversationService.Context context, Settings settings, Interactions reader) {
    return new ContextView(context.ancestors().stream().map(s -> StatusView.of(s, settings, reader)).toList(),
        context.descendants().stream().map(s -> StatusView.of(s, settings, reader)).toList());
  }
}
