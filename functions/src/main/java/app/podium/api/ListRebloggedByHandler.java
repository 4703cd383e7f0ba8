package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.AccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.reactions.Reaction;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/statuses/:id/reblogged_by}: newest reblog first, paged by reblog id. */
public final class ListRebloggedByHandler extends ApiHandler {
  public ListRebloggedByHandler() {
    this(Services.shared());
  }

  public ListRebloggedByHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var page = services.reactions().reactors(viewer(request), request.pathParameter("id"), Reaction.Kind.REBLOG,
        Paging.request(request.params()));
    return ApiResponse.ok(page.accounts().stream().map(a -> AccountView.of(a, services.settings())).toList(),
        Paging.links(request, services.settings(), page.reactions(), Reaction::id));
  }
}
