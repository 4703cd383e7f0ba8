package app.podium.api;

import app.podium.Services;
import app.podium.apps.api.TokenView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.signup.SignupForm;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/accounts}: signs up through an app token and returns the member's token. */
public final class CreateAccountHandler extends ApiHandler {
  public CreateAccountHandler() {
    this(Services.shared());
  }

  public CreateAccountHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    var form = new SignupForm(params.string("username"), params.string("email"), params.string("password"),
        params.bool("agreement").orElse(null), params.string("locale"), params.string("invite_code"),
        params.string("reason"));
    var app = services.oauth().app(request.caller().clientId().orElseThrow());
    return ApiResponse.ok(TokenView.of(services.signup().signup(app, form, request.requester())));
  }
}
