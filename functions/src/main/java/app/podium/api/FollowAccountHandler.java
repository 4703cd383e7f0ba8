package app.podium.api;

import app.podium.Services;
import app.podium.graph.api.RelationshipView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/accounts/:id/follow}: idempotent; backfills the followee's recent statuses. */
public final class FollowAccountHandler extends ApiHandler {
  public FollowAccountHandler() {
    this(Services.shared());
  }

  public FollowAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var relationship = services.follows().follow(currentAccount(request), request.pathParameter("id"));
    return ApiResponse.ok(RelationshipView.of(relationship));
  }
}
