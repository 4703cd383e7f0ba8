package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/timelines/home}: fanned-out entries merged with large followees, paged. */
public final class GetHomeTimelineHandler extends ApiHandler {
  public GetHomeTimelineHandler() {
    this(Services.shared());
  }

  public GetHomeTimelineHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var readerId = request.caller().accountId().orElseThrow();
    var page = services.timelines().home(readerId, Paging.request(request.params()));
    var reader = services.reactions().interactions(java.util.Optional.of(readerId), page);
    return ApiResponse.ok(page.stream().map(s -> StatusView.of(s, services.settings(), reader)).toList(),
        Paging.links(request, services.settings(), page, s -> s.status().id()));
  }
}
