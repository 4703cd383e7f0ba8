package app.podium.notifications.api;

import app.podium.accounts.Account;
import app.podium.accounts.api.AccountView;
import app.podium.http.Times;
import app.podium.notifications.NotificationService;
import app.podium.shared.Settings;
import app.podium.statuses.api.StatusView;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mastodon's GroupedNotificationsResults: the page's groups, and each account and status they refer
 * to once. A group on Podium is one stored item, so a page holds it whole: {@code page_max_id} is
 * its newest event's id and {@code page_min_id} its oldest's.
 */
public record GroupedNotificationsView(
    List<AccountView> accounts, List<StatusView> statuses, List<GroupView> notificationGroups) {

  /** Mastodon's NotificationGroup. */
  public record GroupView(
      String groupKey,
      long notificationsCount,
      String type,
      String mostRecentNotificationId,
      String pageMinId,
      String pageMaxId,
      String latestPageNotificationAt,
      List<String> sampleAccountIds,
      @JsonInclude(JsonInclude.Include.NON_NULL) String statusId) {

    public static GroupView of(NotificationService.Shown shown) {
      var group = shown.group();
      return new GroupView(
          group.apiGroupKey(),
          group.count(),
          group.type().text(),
          Long.toString(group.latestId()),
          Long.toString(group.firstId()),
          Long.toString(group.latestId()),
          Times.iso(group.latestAt()),
          shown.actors().stream().map(Account::id).toList(),
          group.statusId().orElse(null));
    }
  }

  public static GroupedNotificationsView of(
      List<NotificationService.Shown> page, Settings settings) {
    Map<String, AccountView> accounts = new LinkedHashMap<>();
    Map<String, StatusView> statuses = new LinkedHashMap<>();
    for (NotificationService.Shown shown : page) {
      shown.actors().forEach(a -> accounts.putIfAbsent(a.id(), AccountView.of(a, settings)));
      shown
          .status()
          .ifPresent(
              s -> {
                accounts.putIfAbsent(s.author().id(), AccountView.of(s.author(), settings));
                statuses.putIfAbsent(s.status().id(), StatusView.of(s, settings));
              });
    }
    return new GroupedNotificationsView(
        List.copyOf(accounts.values()),
        List.copyOf(statuses.values()),
        page.stream().map(GroupView::of).toList());
  }
}
