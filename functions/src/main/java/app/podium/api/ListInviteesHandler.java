package app.podium.api;

import app.podium.Services;
import app.podium.accounts.api.AdminAccountView;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code GET /api/v1/admin/accounts/:id/invitees}: the members this member invited (the invite tree). */
public final class ListInviteesHandler extends ApiHandler {
  public ListInviteesHandler() {
    this(Services.shared());
  }

  public ListInviteesHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    int limit = request.params().integer("limit").orElse(40);
    return ApiResponse.ok(services.accounts().invitees(currentAccount(request), request.pathParameter("id"), limit)
        .stream().map(account -> AdminAccountView.of(account, services.settings())).toList());
  }
}
