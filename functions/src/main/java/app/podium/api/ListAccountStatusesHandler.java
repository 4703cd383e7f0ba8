package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/accounts/:id/statuses}: paged, private ones only for followers. */
public final class ListAccountStatusesHandler extends ApiHandler {
  public ListAccountStatusesHandler() {
    this(Services.shared());
  }

  public ListAccountStatusesHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var viewer = viewer(request);
    var page = services.statuses().byAuthor(viewer, request.pathParameter("id"), Paging.request(request.params()));
    var reader = services.reactions().interactions(viewer.map(v -> v.id()), page);
    return ApiResponse.ok(page.stream().map(s -> StatusView.of(s, services.settings(), reader)).toList(),
        Paging.links(request, services.settings(), page, s -> s.status().id()));
  }
}
