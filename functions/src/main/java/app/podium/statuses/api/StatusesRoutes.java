package app.podium.statuses.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.*;
import static app.podium.http.Access.OPTIONAL;
import static app.podium.http.Access.user;

import app.podium.accounts.Account;
import app.podium.accounts.api.Members;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.http.Route;
import app.podium.shared.AccountId;
import app.podium.shared.StatusId;
import app.podium.statuses.StatusForm;
import app.podium.statuses.StatusService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Optional;

/** Statuses: posting, reading one, deleting, and an account's list. */
public record StatusesRoutes(StatusService statuses, StatusAnswers answers, Members members) {
  public static final List<Route<StatusesRoutes>> ALL =
      List.of(
          // posting claims the Idempotency-Key, publishes PostCreated, then one transaction puts
          // the status, counts it
          // on the author and puts the author's own timeline entry; a reply reads its parent. A
          // post resolves its
          // mentions (usernames, then accounts), lists its tags, and counts a reply on its parent
          // (the parent's item, or
          // a counter shard of a large account's status); a delete takes both back. Every status
          // shown to a member comes
          // with what they did to it: one batch read of their reactions. Each post counts against
          // the statuses limit
          Route.post(
              "/api/v1/statuses",
              "PostStatus",
              user("write:statuses"),
              grants()
                  .write(RATE_LIMITS)
                  .readWrite(ACCOUNTS)
                  .readWrite(POSTS)
                  .read(FOLLOWS)
                  .readWrite(IDEMPOTENCY)
                  .write(TIMELINES)
                  .read(UNIQUE_KEYS)
                  .write(TAGGED_STATUSES)
                  .read(REACTIONS)
                  .read(BLOCKS_MUTES)
                  .publishPostEvents(),
              StatusesRoutes::post),
          Route.get(
              "/api/v1/statuses/{id}",
              "GetStatus",
              OPTIONAL,
              grants().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(REACTIONS).read(BLOCKS_MUTES),
              StatusesRoutes::get),
          // deleting a reblog undoes it: its reaction and its count on the original go in the same
          // transaction
          Route.delete(
              "/api/v1/statuses/{id}",
              "DeleteStatus",
              user("write:statuses"),
              grants()
                  .readWrite(ACCOUNTS)
                  .readWrite(POSTS)
                  .write(TIMELINES)
                  .write(TAGGED_STATUSES)
                  .publishPostEvents()
                  .read(FOLLOWS)
                  .readWrite(REACTIONS)
                  .read(BLOCKS_MUTES),
              StatusesRoutes::delete),
          Route.get(
              "/api/v1/accounts/{id}/statuses",
              "ListAccountStatuses",
              OPTIONAL,
              grants().read(ACCOUNTS).read(FOLLOWS).read(POSTS).read(REACTIONS).read(BLOCKS_MUTES),
              StatusesRoutes::byAuthor));

  /**
   * {@code POST /api/v1/statuses}: posts, honouring {@code Idempotency-Key}; fan-out follows
   * through SNS.
   */
  APIGatewayV2HTTPResponse post(ApiRequest request) {
    var params = request.params();
    var form =
        new StatusForm(
            params.string("status"),
            params.string("spoiler_text"),
            params.bool("sensitive").orElse(null),
            params.string("visibility"),
            params.string("in_reply_to_id"),
            params.string("language"));
    Account author = members.current(request);
    // a retried post answers the stored status, which may have been favourited or reblogged
    // meanwhile
    return answers.one(
        Optional.of(author.id()), statuses.post(author, form, request.header("Idempotency-Key")));
  }

  /** {@code GET /api/v1/statuses/:id}: a status the caller (or anyone, if public) may see. */
  APIGatewayV2HTTPResponse get(ApiRequest request) {
    var viewer = members.viewer(request);
    return answers.one(
        viewer.map(Account::id), statuses.get(viewer, StatusId.parse(request.pathParameter("id"))));
  }

  /** {@code DELETE /api/v1/statuses/:id}: by its author or an admin; it leaves every timeline. */
  APIGatewayV2HTTPResponse delete(ApiRequest request) {
    var deleted =
        statuses.delete(members.current(request), StatusId.parse(request.pathParameter("id")));
    return ApiResponse.ok(StatusView.deleted(deleted, answers.settings()));
  }

  /** {@code GET /api/v1/accounts/:id/statuses}: paged, private ones only for followers. */
  APIGatewayV2HTTPResponse byAuthor(ApiRequest request) {
    var viewer = members.viewer(request);
    var paging = Paging.request(request.params());
    var page = statuses.byAuthor(viewer, AccountId.parse(request.pathParameter("id")), paging);
    return answers.page(request, viewer.map(Account::id), page);
  }
}
