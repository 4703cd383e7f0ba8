package app.podium.api;

import app.podium.Services;
import app.podium.graph.api.RelationshipView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/**
 * {@code POST /api/v1/accounts/:id/mute}: {@code notifications} (default true), {@code duration} seconds (0: until
 * unmuted); muting again updates both.
 */
public final class MuteAccountHandler extends ApiHandler {
  public MuteAccountHandler() {
    this(Services.shared());
  }

  public MuteAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    var relationship = services.blocks().mute(currentAccount(request), request.pathParameter("id"),
        params.bool("notifications").orElse(true), params.number("duration").orElse(0L));
    return ApiResponse.ok(RelationshipView.of(relationship));
  }
}
