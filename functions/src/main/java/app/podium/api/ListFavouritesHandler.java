package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.reactions.Reaction;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Optional;

/** {@code GET /api/v1/favourites}: the member's favourites, newest favourite first, paged by favourite id. */
public final class ListFavouritesHandler extends ApiHandler {
  public ListFavouritesHandler() {
    this(Services.shared());
  }

  public ListFavouritesHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var member = currentAccount(request);
    var page = services.reactions().favourites(member, Paging.request(request.params()));
    var reader = services.reactions().interactions(Optional.of(member.id()), page.statuses());
    return ApiResponse.ok(page.statuses().stream().map(s -> StatusView.of(s, services.settings(), reader)).toList(),
        Paging.links(request, services.settings(), page.favourites(), Reaction::id));
  }
}
