package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.signup.api.WaitlistEntryView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

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
