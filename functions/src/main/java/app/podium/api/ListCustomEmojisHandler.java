package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/custom_emojis}: Podium has no custom emoji, so always an empty list. */
public final class ListCustomEmojisHandler extends ApiHandler {
  public ListCustomEmojisHandler() {
    this(Services.shared());
  }

  public ListCustomEmojisHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(java.util.List.of());
  }
}
