package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.AccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/accounts/:id/followers}: newest follow first, paged by follow id. */
public final class ListFollowersHandler extends ApiHandler {
  public ListFollowersHandler() {
    this(Services.shared());
  }

  public ListFollowersHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var page = services.follows().followers(request.pathParameter("id"), Paging.request(request.params()));
    return ApiResponse.ok(page.stream().map(f -> AccountView.of(f.account(), services.settings())).toList(),
        Paging.links(request, services.settings(), page, f -> f.follow().id()));
  }
}
