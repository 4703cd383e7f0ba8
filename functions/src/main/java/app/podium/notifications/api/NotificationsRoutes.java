package app.podium.notifications.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.*;
import static app.podium.http.Access.user;

import app.podium.Grants;
import app.podium.accounts.api.Members;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.http.Params;
import app.podium.http.Route;
import app.podium.notifications.NotificationService;
import app.podium.shared.NotificationId;
import app.podium.shared.PageRequest;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Notifications, written on the event path only: these read, count, dismiss and clear them. */
public record NotificationsRoutes(
    NotificationService notifications, Members members, Settings settings) {
  /**
   * A page of groups (by_latest index), then their actors, statuses and the statuses' authors in
   * batches, and the reader's blocks and mutes; v1's id is a by_latest query.
   */
  private static final Grants READS =
      grants().read(ACCOUNTS).read(NOTIFICATIONS).read(POSTS).read(BLOCKS_MUTES);

  /** Dismissing and clearing delete groups. */
  private static final Grants DELETES = grants().read(ACCOUNTS).readWrite(NOTIFICATIONS);

  /** The unread counts read the notifications marker, then pages of groups newer than it. */
  private static final Grants COUNTS =
      grants().read(ACCOUNTS).read(MARKERS).read(NOTIFICATIONS).read(BLOCKS_MUTES);

  public static final List<Route<NotificationsRoutes>> ALL =
      List.of(
          Route.get(
              "/api/v1/notifications",
              "ListNotifications",
              user("read:notifications"),
              READS,
              NotificationsRoutes::list),
          Route.post(
              "/api/v1/notifications/clear",
              "ClearNotifications",
              user("write:notifications"),
              DELETES,
              NotificationsRoutes::clear),
          Route.get(
              "/api/v1/notifications/unread_count",
              "GetUnreadNotificationCount",
              user("read:notifications"),
              COUNTS,
              NotificationsRoutes::unreadCount),
          Route.get(
              "/api/v1/notifications/{id}",
              "GetNotification",
              user("read:notifications"),
              READS,
              NotificationsRoutes::get),
          Route.post(
              "/api/v1/notifications/{id}/dismiss",
              "DismissNotification",
              user("write:notifications"),
              DELETES,
              NotificationsRoutes::dismiss),
          Route.get(
              "/api/v2/notifications",
              "ListGroupedNotifications",
              user("read:notifications"),
              READS,
              NotificationsRoutes::listGroups),
          // each group counts once: the v1 count is the same number, as v1 lists a group as its
          // newest event
          Route.get(
              "/api/v2/notifications/unread_count",
              "GetUnreadNotificationGroupCount",
              user("read:notifications"),
              COUNTS,
              NotificationsRoutes::unreadCount),
          Route.get(
              "/api/v2/notifications/{group_key}",
              "GetNotificationGroup",
              user("read:notifications"),
              READS,
              NotificationsRoutes::getGroup),
          Route.post(
              "/api/v2/notifications/{group_key}/dismiss",
              "DismissNotificationGroup",
              user("write:notifications"),
              DELETES,
              NotificationsRoutes::dismissGroup));

  /**
   * {@code GET /api/v1/notifications}: each notification group as its newest event, newest first,
   * paged by that event's id; {@code types[]} and {@code exclude_types[]} filter.
   */
  APIGatewayV2HTTPResponse list(ApiRequest request) {
    var page = page(request);
    return Paging.answer(
        request,
        settings,
        page,
        n -> NotificationView.of(n, settings),
        n -> Long.toString(n.group().latestId()));
  }

  /**
   * {@code GET /api/v2/notifications}: the notification groups, newest first, with their accounts
   * and statuses once each; paged by each group's newest event id.
   */
  APIGatewayV2HTTPResponse listGroups(ApiRequest request) {
    var page = page(request);
    return ApiResponse.ok(
        GroupedNotificationsView.of(page, settings),
        Paging.links(request, settings, page, n -> Long.toString(n.group().latestId())));
  }

  /**
   * {@code GET /api/v1/notifications/:id}: one notification, by the id a v1 list shows (its group's
   * newest event).
   */
  APIGatewayV2HTTPResponse get(ApiRequest request) {
    var shown =
        notifications.byId(
            members.current(request).id(), NotificationId.parse(request.pathParameter("id")));
    return ApiResponse.ok(NotificationView.of(shown, settings));
  }

  /** {@code GET /api/v2/notifications/:group_key}: one group as a GroupedNotificationsResults. */
  APIGatewayV2HTTPResponse getGroup(ApiRequest request) {
    var group =
        notifications.byGroupKey(members.current(request).id(), request.pathParameter("group_key"));
    return ApiResponse.ok(GroupedNotificationsView.of(List.of(group), settings));
  }

  /**
   * {@code GET /api/v1/notifications/unread_count} and {@code /api/v2/...}: how many notification
   * groups are newer than the read marker, capped by {@code limit} (100; at most 1,000).
   */
  APIGatewayV2HTTPResponse unreadCount(ApiRequest request) {
    int limit =
        request
            .params()
            .integer("limit")
            .map(l -> Math.max(1, Math.min(NotificationService.UNREAD_MAX_LIMIT, l)))
            .orElse(NotificationService.UNREAD_DEFAULT_LIMIT);
    return ApiResponse.ok(
        Map.of(
            "count",
            notifications.unreadCount(
                members.current(request).id(), filter(request.params()), limit)));
  }

  /**
   * {@code POST /api/v1/notifications/:id/dismiss}: removes the notification (its whole group);
   * answers {}.
   */
  APIGatewayV2HTTPResponse dismiss(ApiRequest request) {
    notifications.dismissById(
        members.current(request).id(), NotificationId.parse(request.pathParameter("id")));
    return ApiResponse.ok(Map.of());
  }

  /**
   * {@code POST /api/v2/notifications/:group_key/dismiss}: removes the group; answers {@code {}}.
   */
  APIGatewayV2HTTPResponse dismissGroup(ApiRequest request) {
    notifications.dismissGroup(members.current(request).id(), request.pathParameter("group_key"));
    return ApiResponse.ok(Map.of());
  }

  /**
   * {@code POST /api/v1/notifications/clear}: removes all the caller's notifications; answers
   * {@code {}}.
   */
  APIGatewayV2HTTPResponse clear(ApiRequest request) {
    notifications.clear(members.current(request).id());
    return ApiResponse.ok(Map.of());
  }

  private List<NotificationService.Shown> page(ApiRequest request) {
    PageRequest page =
        Paging.request(
            request.params(), NotificationService.DEFAULT_LIMIT, NotificationService.MAX_LIMIT);
    return notifications.page(members.current(request).id(), page, filter(request.params()));
  }

  /**
   * {@code types[]}, {@code exclude_types[]} and {@code account_id}, as the v1 and v2 lists and
   * counts take them.
   */
  static NotificationService.Filter filter(Params params) {
    return new NotificationService.Filter(
        Set.copyOf(params.list("types")),
        Set.copyOf(params.list("exclude_types")),
        Optional.ofNullable(params.string("account_id")).filter(id -> !id.isBlank()));
  }
}
