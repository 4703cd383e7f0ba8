package app.podium.notifications.api;

import app.podium.accounts.api.AccountView;
import app.podium.http.Times;
import app.podium.notifications.NotificationService;
import app.podium.shared.Settings;
import app.podium.statuses.api.StatusView;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Mastodon's Notification entity (v1). Podium stores a group per status (or hour of follows), so v1
 * shows each group as its newest event: the id of that event and the newest actor the reader may
 * see.
 */
public record NotificationView(
    String id,
    String type,
    String groupKey,
    String createdAt,
    AccountView account,
    @JsonInclude(JsonInclude.Include.NON_NULL) StatusView status) {

  public static NotificationView of(NotificationService.Shown shown, Settings settings) {
    var group = shown.group();
    return new NotificationView(
        Long.toString(group.latestId()),
        group.type().text(),
        group.apiGroupKey(),
        Times.iso(group.latestAt()),
        AccountView.of(shown.newestActor(), settings),
        shown.status().map(s -> StatusView.of(s, settings)).orElse(null));
  }
}
