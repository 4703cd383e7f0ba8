package app.podium.api;

import app.podium.Services;
import app.podium.graph.api.RelationshipView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/accounts/relationships?id[]=}: the caller's relationship to each account. */
public final class GetRelationshipsHandler extends ApiHandler {
  public GetRelationshipsHandler() {
    this(Services.shared());
  }

  public GetRelationshipsHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var ids = request.params().list("id");
    return ApiResponse.ok(services.follows().relationships(currentAccount(request), ids).stream()
        .map(RelationshipView::of).toList());
  }
}
