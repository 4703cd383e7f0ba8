package app.podium;

import app.podium.api.*;
import app.podium.apps.api.AuthorizeRequestHandler;
import java.util.List;
import java.util.Optional;

/**
 * The route table: every HTTP route, the handler class that serves it and who may call it. The CDK stack
 * makes one function per route from it and the local server dispatches with it, so the two cannot
 * disagree.
 *
 * <p>Protected routes go through the Lambda authorizer ({@link AuthorizeRequestHandler}). It has no
 * identity source and no cache, so it runs for every protected request, turns the bearer token into
 * the caller (or none), and leaves the verdict to the handler: API Gateway cannot shape an authorizer's
 * denial, and Mastodon clients need {@code 401 {"error": ...}} and scope errors as Mastodon words them.
 */
public final class Routes {

  public enum Method { GET, POST, PUT, PATCH, DELETE }

  /**
   * Who may call a route: anyone, anyone with the caller known when a token is sent (optional), any live
   * token (an app token too), or a member's token; with a scope.
   */
  public record Access(Kind kind, Optional<String> scope) {
    public enum Kind { PUBLIC, OPTIONAL, APP, USER }

    public static final Access PUBLIC = new Access(Kind.PUBLIC, Optional.empty());
    public static final Access OPTIONAL = new Access(Kind.OPTIONAL, Optional.empty());

    public static Access app(String scope) {
      return new Access(Kind.APP, Optional.ofNullable(scope));
    }

    public static Access user(String scope) {
      return new Access(Kind.USER, Optional.of(scope));
    }

    public boolean needsAuthorizer() {
      return kind != Kind.PUBLIC;
    }
  }

  /** {@code path} uses API Gateway's syntax: {@code /api/v1/accounts/{id}}. */
  public record Route(Method method, String path, Class<?> handler, Access access) {
    /** API Gateway's route key, e.g. {@code GET /api/v1/accounts/{id}}. */
    public String key() {
      return method + " " + path;
    }

    /** A short name for the function: the handler's name without {@code Handler}. */
    public String name() {
      return handler.getSimpleName().replaceFirst("Handler$", "");
    }
  }

  public static final List<Route> ALL = List.of(
      // apps and tokens
      new Route(Method.POST, "/api/v1/apps", CreateAppHandler.class, Access.PUBLIC),
      new Route(Method.GET, "/api/v1/apps/verify_credentials", VerifyAppCredentialsHandler.class, Access.app(null)),
      new Route(Method.POST, "/oauth/token", IssueTokenHandler.class, Access.PUBLIC),
      new Route(Method.POST, "/oauth/revoke", RevokeTokenHandler.class, Access.PUBLIC),
      // accounts
      new Route(Method.POST, "/api/v1/accounts", CreateAccountHandler.class, Access.app("write:accounts")),
      new Route(Method.GET, "/api/v1/accounts/verify_credentials", VerifyAccountCredentialsHandler.class,
          Access.user("read:accounts")),
      new Route(Method.PATCH, "/api/v1/accounts/update_credentials", UpdateCredentialsHandler.class,
          Access.user("write:accounts")),
      new Route(Method.GET, "/api/v1/accounts/lookup", LookupAccountHandler.class, Access.PUBLIC),
      new Route(Method.GET, "/api/v1/accounts/relationships", GetRelationshipsHandler.class,
          Access.user("read:follows")),
      new Route(Method.GET, "/api/v1/accounts/{id}", GetAccountHandler.class, Access.PUBLIC),
      // statuses
      new Route(Method.POST, "/api/v1/statuses", PostStatusHandler.class, Access.user("write:statuses")),
      new Route(Method.GET, "/api/v1/statuses/{id}", GetStatusHandler.class, Access.OPTIONAL),
      new Route(Method.DELETE, "/api/v1/statuses/{id}", DeleteStatusHandler.class, Access.user("write:statuses")),
      new Route(Method.GET, "/api/v1/accounts/{id}/statuses", ListAccountStatusesHandler.class, Access.OPTIONAL),
      // conversations and hashtags
      new Route(Method.GET, "/api/v1/statuses/{id}/context", GetStatusContextHandler.class, Access.OPTIONAL),
      new Route(Method.GET, "/api/v1/timelines/tag/{hashtag}", GetTagTimelineHandler.class, Access.OPTIONAL),
      // reactions: favourites and reblogs
      new Route(Method.POST, "/api/v1/statuses/{id}/favourite", FavouriteStatusHandler.class,
          Access.user("write:favourites")),
      new Route(Method.POST, "/api/v1/statuses/{id}/unfavourite", UnfavouriteStatusHandler.class,
          Access.user("write:favourites")),
      new Route(Method.POST, "/api/v1/statuses/{id}/reblog", ReblogStatusHandler.class, Access.user("write:statuses")),
      new Route(Method.POST, "/api/v1/statuses/{id}/unreblog", UnreblogStatusHandler.class,
          Access.user("write:statuses")),
      new Route(Method.GET, "/api/v1/statuses/{id}/favourited_by", ListFavouritedByHandler.class, Access.OPTIONAL),
      new Route(Method.GET, "/api/v1/statuses/{id}/reblogged_by", ListRebloggedByHandler.class, Access.OPTIONAL),
      new Route(Method.GET, "/api/v1/favourites", ListFavouritesHandler.class, Access.user("read:favourites")),
      // the follow graph
      new Route(Method.POST, "/api/v1/accounts/{id}/follow", FollowAccountHandler.class, Access.user("write:follows")),
      new Route(Method.POST, "/api/v1/accounts/{id}/unfollow", UnfollowAccountHandler.class,
          Access.user("write:follows")),
      new Route(Method.GET, "/api/v1/accounts/{id}/followers", ListFollowersHandler.class, Access.PUBLIC),
      new Route(Method.GET, "/api/v1/accounts/{id}/following", ListFollowingHandler.class, Access.PUBLIC),
      // blocks and mutes
      new Route(Method.POST, "/api/v1/accounts/{id}/block", BlockAccountHandler.class, Access.user("write:blocks")),
      new Route(Method.POST, "/api/v1/accounts/{id}/unblock", UnblockAccountHandler.class,
          Access.user("write:blocks")),
      new Route(Method.POST, "/api/v1/accounts/{id}/mute", MuteAccountHandler.class, Access.user("write:mutes")),
      new Route(Method.POST, "/api/v1/accounts/{id}/unmute", UnmuteAccountHandler.class, Access.user("write:mutes")),
      new Route(Method.GET, "/api/v1/blocks", ListBlocksHandler.class, Access.user("read:blocks")),
      new Route(Method.GET, "/api/v1/mutes", ListMutesHandler.class, Access.user("read:mutes")),
      // timelines
      new Route(Method.GET, "/api/v1/timelines/home", GetHomeTimelineHandler.class, Access.user("read:statuses")),
      // invites and the waitlist (extensions)
      new Route(Method.POST, "/api/v1/invites", CreateInviteHandler.class, Access.user("write:invites")),
      new Route(Method.GET, "/api/v1/invites", ListInvitesHandler.class, Access.user("read:invites")),
      new Route(Method.DELETE, "/api/v1/invites/{id}", RevokeInviteHandler.class, Access.user("write:invites")),
      new Route(Method.POST, "/api/v1/waitlist", JoinWaitlistHandler.class, Access.PUBLIC),
      // administration
      new Route(Method.POST, "/api/v1/admin/waitlist/release", ReleaseWaitlistHandler.class,
          Access.user("admin:write:accounts")),
      new Route(Method.GET, "/api/v1/admin/accounts/{id}", GetAdminAccountHandler.class,
          Access.user("admin:read:accounts")),
      new Route(Method.GET, "/api/v1/admin/accounts/{id}/invitees", ListInviteesHandler.class,
          Access.user("admin:read:accounts")),
      // reports and moderation
      new Route(Method.POST, "/api/v1/reports", CreateReportHandler.class, Access.user("write:reports")),
      new Route(Method.GET, "/api/v1/admin/reports", ListReportsHandler.class, Access.user("admin:read:reports")),
      new Route(Method.GET, "/api/v1/admin/reports/{id}", GetReportHandler.class, Access.user("admin:read:reports")),
      new Route(Method.POST, "/api/v1/admin/reports/{id}/resolve", ResolveReportHandler.class,
          Access.user("admin:write:reports")),
      new Route(Method.POST, "/api/v1/admin/accounts/{id}/action", TakeAccountActionHandler.class,
          Access.user("admin:write:accounts")),
      new Route(Method.POST, "/api/v1/admin/accounts/{id}/unsuspend", UnsuspendAccountHandler.class,
          Access.user("admin:write:accounts")),
      // discovery
      new Route(Method.GET, "/api/v1/instance", GetInstanceV1Handler.class, Access.PUBLIC),
      new Route(Method.GET, "/api/v2/instance", GetInstanceHandler.class, Access.PUBLIC),
      new Route(Method.GET, "/.well-known/nodeinfo", GetNodeInfoLinksHandler.class, Access.PUBLIC),
      new Route(Method.GET, "/nodeinfo/2.0", GetNodeInfoHandler.class, Access.PUBLIC),
      // what clients call on first contact
      new Route(Method.GET, "/api/v1/custom_emojis", ListCustomEmojisHandler.class, Access.PUBLIC),
      new Route(Method.GET, "/api/v1/preferences", GetPreferencesHandler.class, Access.user("read:accounts")),
      new Route(Method.GET, "/api/v1/markers", GetMarkersHandler.class, Access.user("read:statuses")),
      new Route(Method.POST, "/api/v1/markers", SaveMarkersHandler.class, Access.user("write:statuses")),
      // notifications: written on the event path only; these read, dismiss and clear them
      new Route(Method.GET, "/api/v1/notifications", ListNotificationsHandler.class,
          Access.user("read:notifications")),
      new Route(Method.POST, "/api/v1/notifications/clear", ClearNotificationsHandler.class,
          Access.user("write:notifications")),
      new Route(Method.GET, "/api/v1/notifications/unread_count", GetUnreadNotificationCountHandler.class,
          Access.user("read:notifications")),
      new Route(Method.GET, "/api/v1/notifications/{id}", GetNotificationHandler.class,
          Access.user("read:notifications")),
      new Route(Method.POST, "/api/v1/notifications/{id}/dismiss", DismissNotificationHandler.class,
          Access.user("write:notifications")),
      new Route(Method.GET, "/api/v2/notifications", ListGroupedNotificationsHandler.class,
          Access.user("read:notifications")),
      new Route(Method.GET, "/api/v2/notifications/unread_count", GetUnreadNotificationGroupCountHandler.class,
          Access.user("read:notifications")),
      new Route(Method.GET, "/api/v2/notifications/{group_key}", GetNotificationGroupHandler.class,
          Access.user("read:notifications")),
      new Route(Method.POST, "/api/v2/notifications/{group_key}/dismiss", DismissNotificationGroupHandler.class,
          Access.user("write:notifications")),
      // this API's own description (functions/src/main/resources/openapi.yaml)
      new Route(Method.GET, "/api/openapi.json", GetOpenApiHandler.class, Access.PUBLIC));

  /** The handler class of the Lambda authorizer that runs before every protected route. */
  public static final Class<?> AUTHORIZER = AuthorizeRequestHandler.class;

  public static Route forHandler(Class<?> handler) {
    return ALL.stream().filter(r -> r.handler().equals(handler)).findFirst()
        .orElseThrow(() -> new IllegalStateException(handler.getName() + " is not in the route table"));
  }

  private Routes() {}
}
