package app.podium.conversations.api;

import app.podium.conversations.ConversationService;
import app.podium.shared.Settings;
import app.podium.statuses.Interactions;
import app.podium.statuses.api.StatusView;
import java.util.List;

/** Mastodon's Context entity: ancestors oldest first, descendants depth first in thread order. */
public record ContextView(List<StatusView> ancestors, List<StatusView> descendants) {
  public static ContextView of(
      ConversationService.Context context, Settings settings, Interactions reader) {
    return new ContextView(
        context.ancestors().stream().map(s -> StatusView.of(s, settings, reader)).toList(),
        context.descendants().stream().map(s -> StatusView.of(s, settings, reader)).toList());
  }
}
