package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.AccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/mutes}: the accounts the caller mutes, newest mute first, paged by mute id. */
public final class ListMutesHandler extends ApiHandler {
  public ListMutesHandler() {
    this(Services.shared());
  }

  public ListMutesHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var page = services.blocks().mutes(currentAccount(request), Paging.request(request.params()));
    return ApiResponse.ok(page.stream().map(b -> AccountView.of(b.account(), services.settings())).toList(),
        Paging.links(request, services.settings(), page, b -> b.entry().id()));
  }
}
