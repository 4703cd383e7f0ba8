package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/timelines/tag/:hashtag}: public statuses with the hashtag, any case, newest first, paged. */
public final class GetTagTimelineHandler extends ApiHandler {
  public GetTagTimelineHandler() {
    this(Services.shared());
  }

  public GetTagTimelineHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var viewer = viewer(request);
    var page = services.conversations().tagTimeline(viewer, request.pathParameter("hashtag"),
        Paging.request(request.params()));
    var reader = services.reactions().interactions(viewer.map(v -> v.id()), page);
    return ApiResponse.ok(page.stream().map(s -> StatusView.of(s, services.settings(), reader)).toList(),
        Paging.links(request, services.settings(), page, s -> s.status().id()));
  }
}
