package app.podium.timelines.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.*;
import static app.podium.http.Access.user;

import app.podium.http.ApiRequest;
import app.podium.http.Paging;
import app.podium.http.Route;
import app.podium.statuses.api.StatusAnswers;
import app.podium.timelines.TimelineService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;

/** The home timeline. */
public record TimelinesRoutes(TimelineService timelines, StatusAnswers answers) {
  public static final List<Route<TimelinesRoutes>> ALL =
      List.of(
          // the home timeline writes nothing: once a day it hands the reader's activity mark to the
          // fan-out queue
          Route.get(
              "/api/v1/timelines/home",
              "GetHomeTimeline",
              user("read:statuses"),
              grants()
                  .read(ACCOUNTS)
                  .read(TIMELINES)
                  .read(POSTS)
                  .read(FOLLOWS)
                  .read(BLOCKS_MUTES)
                  .read(REACTIONS)
                  .sendToFanoutQueue(),
              TimelinesRoutes::home));

  /** {@code GET /api/v1/timelines/home}: fanned-out entries merged with large followees, paged. */
  APIGatewayV2HTTPResponse home(ApiRequest request) {
    var readerId = request.caller().accountId().orElseThrow();
    var home = timelines.home(readerId, Paging.request(request.params()));
    return answers.page(request, home.statuses(), home.interactions());
  }
}
