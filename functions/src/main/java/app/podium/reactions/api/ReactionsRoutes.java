package app.podium.reactions.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.*;
import static app.podium.http.Access.OPTIONAL;
import static app.podium.http.Access.user;

import app.podium.accounts.api.AccountView;
import app.podium.accounts.api.Members;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.http.Route;
import app.podium.reactions.Reaction;
import app.podium.reactions.ReactionService;
import app.podium.shared.StatusId;
import app.podium.statuses.api.StatusAnswers;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Optional;

/** Favourites and reblogs: making and undoing them, who made them, and a member's favourites. */
public record ReactionsRoutes(ReactionService reactions, StatusAnswers answers, Members members) {
  public static final List<Route<ReactionsRoutes>> ALL =
      List.of(
          // a favourite or reblog is one transaction of the reaction and its count on the status
          // (or its counter shard);
          // a reblog is also a status (posts, the reblogger's count and own timeline entry) with
          // its fan-out published;
          // the status must be visible (follows for private ones) and no block between the two; a
          // reblog counts against
          // the statuses limit
          Route.post(
              "/api/v1/statuses/{id}/favourite",
              "FavouriteStatus",
              user("write:favourites"),
              grants()
                  .read(ACCOUNTS)
                  .readWrite(POSTS)
                  .read(FOLLOWS)
                  .read(BLOCKS_MUTES)
                  .readWrite(REACTIONS)
                  .publishPostEvents(),
              ReactionsRoutes::favourite),
          Route.post(
              "/api/v1/statuses/{id}/unfavourite",
              "UnfavouriteStatus",
              user("write:favourites"),
              grants()
                  .read(ACCOUNTS)
                  .readWrite(POSTS)
                  .read(FOLLOWS)
                  .readWrite(REACTIONS)
                  .read(BLOCKS_MUTES),
              ReactionsRoutes::unfavourite),
          Route.post(
              "/api/v1/statuses/{id}/reblog",
              "ReblogStatus",
              user("write:statuses"),
              grants()
                  .write(RATE_LIMITS)
                  .readWrite(ACCOUNTS)
                  .readWrite(POSTS)
                  .read(FOLLOWS)
                  .read(BLOCKS_MUTES)
                  .readWrite(REACTIONS)
                  .write(TIMELINES)
                  .publishPostEvents(),
              ReactionsRoutes::reblog),
          Route.post(
              "/api/v1/statuses/{id}/unreblog",
              "UnreblogStatus",
              user("write:statuses"),
              grants()
                  .readWrite(ACCOUNTS)
                  .readWrite(POSTS)
                  .read(FOLLOWS)
                  .readWrite(REACTIONS)
                  .write(TIMELINES)
                  .read(BLOCKS_MUTES)
                  .publishPostEvents(),
              ReactionsRoutes::unreblog),
          Route.get(
              "/api/v1/statuses/{id}/favourited_by",
              "ListFavouritedBy",
              OPTIONAL,
              grants().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(REACTIONS).read(BLOCKS_MUTES),
              ReactionsRoutes::favouritedBy),
          Route.get(
              "/api/v1/statuses/{id}/reblogged_by",
              "ListRebloggedBy",
              OPTIONAL,
              grants().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(REACTIONS).read(BLOCKS_MUTES),
              ReactionsRoutes::rebloggedBy),
          Route.get(
              "/api/v1/favourites",
              "ListFavourites",
              user("read:favourites"),
              grants().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(REACTIONS).read(BLOCKS_MUTES),
              ReactionsRoutes::favourites));

  /** {@code POST /api/v1/statuses/:id/favourite}: idempotent; answers the status, favourited. */
  APIGatewayV2HTTPResponse favourite(ApiRequest request) {
    return answer(
        reactions.favourite(members.current(request), StatusId.parse(request.pathParameter("id"))));
  }

  /**
   * {@code POST /api/v1/statuses/:id/unfavourite}: idempotent; answers the status, not favourited.
   */
  APIGatewayV2HTTPResponse unfavourite(ApiRequest request) {
    return answer(
        reactions.unfavourite(
            members.current(request), StatusId.parse(request.pathParameter("id"))));
  }

  /**
   * {@code POST /api/v1/statuses/:id/reblog}: idempotent; answers the reblog, the original in
   * {@code reblog}.
   */
  APIGatewayV2HTTPResponse reblog(ApiRequest request) {
    var member = members.current(request);
    String visibility = request.params().string("visibility");
    return answer(
        reactions.reblog(member, StatusId.parse(request.pathParameter("id")), visibility));
  }

  /**
   * {@code POST /api/v1/statuses/:id/unreblog}: idempotent; answers the original, not reblogged.
   */
  APIGatewayV2HTTPResponse unreblog(ApiRequest request) {
    return answer(
        reactions.unreblog(members.current(request), StatusId.parse(request.pathParameter("id"))));
  }

  /**
   * {@code GET /api/v1/statuses/:id/favourited_by}: newest favourite first, paged by favourite id.
   */
  APIGatewayV2HTTPResponse favouritedBy(ApiRequest request) {
    return reactors(request, Reaction.Kind.FAVOURITE);
  }

  /** {@code GET /api/v1/statuses/:id/reblogged_by}: newest reblog first, paged by reblog id. */
  APIGatewayV2HTTPResponse rebloggedBy(ApiRequest request) {
    return reactors(request, Reaction.Kind.REBLOG);
  }

  /**
   * {@code GET /api/v1/favourites}: the member's favourites, newest favourite first, paged by
   * favourite id.
   */
  APIGatewayV2HTTPResponse favourites(ApiRequest request) {
    var member = members.current(request);
    var page = reactions.favourites(member, Paging.request(request.params()));
    return answers.page(
        request, Optional.of(member.id()), page.statuses(), page.favourites(), Reaction::id);
  }

  private APIGatewayV2HTTPResponse answer(ReactionService.Shown shown) {
    return ApiResponse.ok(StatusView.of(shown.status(), answers.settings(), shown.reader()));
  }

  private APIGatewayV2HTTPResponse reactors(ApiRequest request, Reaction.Kind kind) {
    var viewer = members.viewer(request);
    var paging = Paging.request(request.params());
    var page =
        reactions.reactors(viewer, StatusId.parse(request.pathParameter("id")), kind, paging);
    return ApiResponse.ok(
        page.accounts().stream().map(a -> AccountView.of(a, answers.settings())).toList(),
        Paging.links(request, answers.settings(), page.reactions(), Reaction::id));
  }
}
