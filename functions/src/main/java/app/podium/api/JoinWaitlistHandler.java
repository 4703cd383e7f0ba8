package app.podium.api;

import app.podium.Services;
import app.podium.api.http.ApiHandler;
import app.podium.api.http.ApiRequest;
import app.podium.api.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import app.podium.api.views.WaitlistEntryView;

/** {@code POST /api/v1/waitlist}: joins the waitlist with an email, while the waitlist phase is on. */
public final class JoinWaitlistHandler extends ApiHandler {
  public JoinWaitlistHandler() {
    this(Services.shared());
  }

  public JoinWaitlistHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    return ApiResponse.ok(WaitlistEntryView.of(
        services.waitlist().join(request.params().string("email"), request.requester())));
  }
}
