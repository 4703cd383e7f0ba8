package app.podium.conversations.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.*;
import static app.podium.http.Access.OPTIONAL;

import app.podium.accounts.Account;
import app.podium.accounts.api.Members;
import app.podium.conversations.ConversationService;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.http.Route;
import app.podium.shared.StatusId;
import app.podium.statuses.api.StatusAnswers;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.stream.Stream;

/** Conversations and hashtags: a status's thread, and the public statuses of a tag. */
public record ConversationsRoutes(
    ConversationService conversations, StatusAnswers answers, Members members) {
  public static final List<Route<ConversationsRoutes>> ALL =
      List.of(
          // the parent index, the tag index, and the viewer's follows, blocks, mutes and reactions
          Route.get(
              "/api/v1/statuses/{id}/context",
              "GetStatusContext",
              OPTIONAL,
              grants().read(ACCOUNTS).read(POSTS).read(FOLLOWS).read(BLOCKS_MUTES).read(REACTIONS),
              ConversationsRoutes::context),
          Route.get(
              "/api/v1/timelines/tag/{hashtag}",
              "GetTagTimeline",
              OPTIONAL,
              grants()
                  .read(ACCOUNTS)
                  .read(POSTS)
                  .read(TAGGED_STATUSES)
                  .read(BLOCKS_MUTES)
                  .read(REACTIONS),
              ConversationsRoutes::tag));

  /**
   * {@code GET /api/v1/statuses/:id/context}: the statuses above and below it in its thread the
   * caller may see.
   */
  APIGatewayV2HTTPResponse context(ApiRequest request) {
    var viewer = members.viewer(request);
    var context = conversations.context(viewer, StatusId.parse(request.pathParameter("id")));
    var reader =
        answers.reader(
            viewer.map(Account::id),
            Stream.concat(context.ancestors().stream(), context.descendants().stream()).toList());
    return ApiResponse.ok(ContextView.of(context, answers.settings(), reader));
  }

  /**
   * {@code GET /api/v1/timelines/tag/:hashtag}: public statuses with the hashtag, any case, newest
   * first, paged.
   */
  APIGatewayV2HTTPResponse tag(ApiRequest request) {
    var viewer = members.viewer(request);
    var page =
        conversations.tagTimeline(
            viewer, request.pathParameter("hashtag"), Paging.request(request.params()));
    return answers.page(request, viewer.map(Account::id), page);
  }
}
