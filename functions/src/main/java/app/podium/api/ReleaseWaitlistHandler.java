package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.signup.api.WaitlistEntryView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/admin/waitlist/release}: gives the next {@code count} waiting an invite each. */
public final class ReleaseWaitlistHandler extends ApiHandler {
  public ReleaseWaitlistHandler() {
    this(Services.shared());
  }

  public ReleaseWaitlistHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    int count = request.params().integer("count").orElse(10);
    return ApiResponse.ok(services.waitlist().release(currentAccount(request), count).stream()
        .map(WaitlistEntryView::of).toList());
  }
}
