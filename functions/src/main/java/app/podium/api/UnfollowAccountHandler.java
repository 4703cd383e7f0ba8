package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.RelationshipView;

/** {@code POST /api/v1/accounts/:id/unfollow}: idempotent; the followee's statuses leave the timeline. */
public final class UnfollowAccountHandler extends ApiHandler {
  public UnfollowAccountHandler() {
    this(Services.shared());
  }

  public UnfollowAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var relationship = services.follows().unfollow(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(RelationshipView.of(relationship));
  }
}
