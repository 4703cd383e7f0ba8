package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.AccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/blocks}: the accounts the caller blocks, newest block first, paged by block id. */
public final class ListBlocksHandler extends ApiHandler {
  public ListBlocksHandler() {
    this(Services.shared());
  }

  public ListBlocksHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var page = services.blocks().blocks(currentAccount(request), Paging.request(request.params()));
    return ApiResponse.ok(page.stream().map(b -> AccountView.of(b.account(), services.settings())).toList(),
        Paging.links(request, services.settings(), page, b -> b.entry().id()));
  }
}
