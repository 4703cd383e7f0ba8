package app.podium.api;

import app.podium.Services;
import app.podium.http.ApiHandler;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.statuses.StatusForm;
import app.podium.statuses.api.StatusView;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;

/** {@code POST /api/v1/statuses}: posts, honouring {@code Idempotency-Key}; fan-out follows through SNS. */
public final class PostStatusHandler extends ApiHandler {
  public PostStatusHandler() {
    this(Services.shared());
  }

  public PostStatusHandler(Services services) {
    super(services);
  }

  @Override
  protected APIGatewayV2HTTPResponse handle(ApiRequest request) {
    var params = request.params();
    var form = new StatusForm(params.string("status"), params.string("spoiler_text"),
        params.bool("sensitive").orElse(null), params.string("visibility"), params.string("in_reply_to_id"),
        params.string("language"));
    var author = currentAccount(request);
    var posted = services.statuses().post(author, form, request.header("Idempotency-Key"));
    // a retried post answers the stored status, which may have been favourited or reblogged meanwhile
    var reader = services.reactions().interactions(java.util.Optional.of(author.id()), java.util.List.of(posted));
    return ApiResponse.ok(StatusView.of(posted, services.settings(), reader));
  }
}
