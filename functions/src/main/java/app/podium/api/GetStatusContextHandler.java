package app.podium.api;

import app.podium.Services;
import app.podium.conversations.api.ContextView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/statuses/:id/context}: the statuses above and below it in its thread that the caller may see. */
public final class GetStatusContextHandler extends ApiHandler {
  public GetStatusContextHandler() {
    this(Services.shared());
  }

  public GetStatusContextHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var viewer = viewer(request);
    var context = services.conversations().context(viewer, request.pathParameter("id"));
    var reader = services.reactions().interactions(viewer.map(v -> v.id()),
        java.util.stream.Stream.concat(context.ancestors().stream(), context.descendants().stream()).toList());
    return ApiResponse.ok(ContextView.of(context, services.settings(), reader));
  }
}
