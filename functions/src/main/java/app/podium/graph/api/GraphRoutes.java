package app.podium.graph.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.*;
import static app.podium.http.Access.PUBLIC;
import static app.podium.http.Access.user;

import app.podium.accounts.Account;
import app.podium.accounts.api.AccountView;
import app.podium.accounts.api.Members;
import app.podium.graph.BlockMuteService;
import app.podium.graph.FollowService;
import app.podium.graph.Relationship;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.http.Route;
import app.podium.shared.AccountId;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.function.BiFunction;

/** The follow graph: follows, blocks and mutes, the relationships they make, and their lists. */
public record GraphRoutes(
    FollowService follows, BlockMuteService blocks, Members members, Settings settings) {
  public static final List<Route<GraphRoutes>> ALL =
      List.of(
          Route.get(
              "/api/v1/accounts/relationships",
              "GetRelationships",
              user("read:follows"),
              grants().read(ACCOUNTS).read(FOLLOWS).read(BLOCKS_MUTES),
              GraphRoutes::relationships),
          // a follow (its transaction checks for blocks) backfills the follower's timeline and
          // notifies the followee; an
          // unfollow enqueues the clean-up; both answer the relationship, blocks and mutes
          // included; a follow counts
          // against the follower's follows limit
          Route.post(
              "/api/v1/accounts/{id}/follow",
              "FollowAccount",
              user("write:follows"),
              grants()
                  .write(RATE_LIMITS)
                  .readWrite(ACCOUNTS)
                  .readWrite(FOLLOWS)
                  .read(POSTS)
                  .write(TIMELINES)
                  .read(BLOCKS_MUTES)
                  .publishPostEvents(),
              GraphRoutes::follow),
          Route.post(
              "/api/v1/accounts/{id}/unfollow",
              "UnfollowAccount",
              user("write:follows"),
              grants()
                  .readWrite(ACCOUNTS)
                  .readWrite(FOLLOWS)
                  .sendToFanoutQueue()
                  .read(BLOCKS_MUTES),
              GraphRoutes::unfollow),
          Route.get(
              "/api/v1/accounts/{id}/followers",
              "ListFollowers",
              PUBLIC,
              grants().read(ACCOUNTS).read(FOLLOWS),
              GraphRoutes::followers),
          Route.get(
              "/api/v1/accounts/{id}/following",
              "ListFollowing",
              PUBLIC,
              grants().read(ACCOUNTS).read(FOLLOWS),
              GraphRoutes::following),
          // a block ends the follows both ways (follows, both accounts' counters) and enqueues the
          // timeline clean-ups,
          // as a mute does; an unmute backfills a followed account's latest statuses
          Route.post(
              "/api/v1/accounts/{id}/block",
              "BlockAccount",
              user("write:blocks"),
              grants()
                  .readWrite(ACCOUNTS)
                  .readWrite(FOLLOWS)
                  .readWrite(BLOCKS_MUTES)
                  .sendToFanoutQueue(),
              GraphRoutes::block),
          Route.post(
              "/api/v1/accounts/{id}/unblock",
              "UnblockAccount",
              user("write:blocks"),
              grants().read(ACCOUNTS).read(FOLLOWS).readWrite(BLOCKS_MUTES),
              GraphRoutes::unblock),
          Route.post(
              "/api/v1/accounts/{id}/mute",
              "MuteAccount",
              user("write:mutes"),
              grants().read(ACCOUNTS).read(FOLLOWS).readWrite(BLOCKS_MUTES).sendToFanoutQueue(),
              GraphRoutes::mute),
          Route.post(
              "/api/v1/accounts/{id}/unmute",
              "UnmuteAccount",
              user("write:mutes"),
              grants()
                  .read(ACCOUNTS)
                  .read(FOLLOWS)
                  .readWrite(BLOCKS_MUTES)
                  .read(POSTS)
                  .write(TIMELINES),
              GraphRoutes::unmute),
          Route.get(
              "/api/v1/blocks",
              "ListBlocks",
              user("read:blocks"),
              grants().read(ACCOUNTS).read(BLOCKS_MUTES),
              GraphRoutes::blocks),
          Route.get(
              "/api/v1/mutes",
              "ListMutes",
              user("read:mutes"),
              grants().read(ACCOUNTS).read(BLOCKS_MUTES),
              GraphRoutes::mutes));

  /**
   * {@code GET /api/v1/accounts/relationships?id[]=}: the caller's relationship to each account.
   */
  APIGatewayV2HTTPResponse relationships(ApiRequest request) {
    return ApiResponse.ok(
        follows.relationships(members.current(request), request.params().oneOrMany("id")).stream()
            .map(RelationshipView::of)
            .toList());
  }

  /**
   * {@code POST /api/v1/accounts/:id/follow}: idempotent; backfills the followee's recent statuses.
   */
  APIGatewayV2HTTPResponse follow(ApiRequest request) {
    return relationship(request, follows::follow);
  }

  /**
   * {@code POST /api/v1/accounts/:id/unfollow}: idempotent; the followee's statuses leave the
   * timeline.
   */
  APIGatewayV2HTTPResponse unfollow(ApiRequest request) {
    return relationship(request, follows::unfollow);
  }

  /** {@code GET /api/v1/accounts/:id/followers}: newest follow first, paged by follow id. */
  APIGatewayV2HTTPResponse followers(ApiRequest request) {
    var paging = Paging.request(request.params());
    var page = follows.followers(AccountId.parse(request.pathParameter("id")), paging);
    return Paging.answer(
        request, settings, page, f -> AccountView.of(f.account(), settings), f -> f.follow().id());
  }

  /** {@code GET /api/v1/accounts/:id/following}: newest follow first, paged by follow id. */
  APIGatewayV2HTTPResponse following(ApiRequest request) {
    var paging = Paging.request(request.params());
    var page = follows.following(AccountId.parse(request.pathParameter("id")), paging);
    return Paging.answer(
        request, settings, page, f -> AccountView.of(f.account(), settings), f -> f.follow().id());
  }

  /**
   * {@code POST /api/v1/accounts/:id/block}: idempotent; ends the follows both ways, clears the
   * owner's timeline.
   */
  APIGatewayV2HTTPResponse block(ApiRequest request) {
    return relationship(request, blocks::block);
  }

  /**
   * {@code POST /api/v1/accounts/:id/unblock}: idempotent; the follows the block ended stay ended.
   */
  APIGatewayV2HTTPResponse unblock(ApiRequest request) {
    return relationship(request, blocks::unblock);
  }

  /**
   * {@code POST /api/v1/accounts/:id/mute}: {@code notifications} (default true), {@code duration}
   * seconds (0: until unmuted); muting again updates both.
   */
  APIGatewayV2HTTPResponse mute(ApiRequest request) {
    var params = request.params();
    var owner = members.current(request);
    boolean notifications = params.bool("notifications").orElse(true);
    long duration = params.number("duration").orElse(0L);
    return ApiResponse.ok(
        RelationshipView.of(
            blocks.mute(
                owner, AccountId.parse(request.pathParameter("id")), notifications, duration)));
  }

  /**
   * {@code POST /api/v1/accounts/:id/unmute}: idempotent; a followed account's latest statuses come
   * back.
   */
  APIGatewayV2HTTPResponse unmute(ApiRequest request) {
    return relationship(request, blocks::unmute);
  }

  /** The caller's relationship with account {@code :id} after {@code change}. */
  private APIGatewayV2HTTPResponse relationship(
      ApiRequest request, BiFunction<Account, AccountId, Relationship> change) {
    return ApiResponse.ok(
        RelationshipView.of(
            change.apply(members.current(request), AccountId.parse(request.pathParameter("id")))));
  }

  /**
   * {@code GET /api/v1/blocks}: the accounts the caller blocks, newest block first, paged by block
   * id.
   */
  APIGatewayV2HTTPResponse blocks(ApiRequest request) {
    var page = blocks.blocks(members.current(request), Paging.request(request.params()));
    return Paging.answer(
        request, settings, page, b -> AccountView.of(b.account(), settings), b -> b.entry().id());
  }

  /**
   * {@code GET /api/v1/mutes}: the accounts the caller mutes, newest mute first, paged by mute id.
   */
  APIGatewayV2HTTPResponse mutes(ApiRequest request) {
    var page = blocks.mutes(members.current(request), Paging.request(request.params()));
    return Paging.answer(
        request, settings, page, b -> AccountView.of(b.account(), settings), b -> b.entry().id());
  }
}
