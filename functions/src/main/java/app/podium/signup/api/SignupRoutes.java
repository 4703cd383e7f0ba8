package app.podium.signup.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.*;
import static app.podium.http.Access.PUBLIC;
import static app.podium.http.Access.app;
import static app.podium.http.Access.user;

import app.podium.accounts.api.Members;
import app.podium.apps.OAuthService;
import app.podium.apps.api.TokenView;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Route;
import app.podium.signup.SignupForm;
import app.podium.signup.SignupService;
import app.podium.signup.WaitlistService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;

/** Signup and the waitlist (an extension): who may join, in each phase. */
public record SignupRoutes(
    SignupService signup, WaitlistService waitlist, OAuthService oauth, Members members) {
  public static final List<Route<SignupRoutes>> ALL =
      List.of(
          // one transaction puts the account and its username/email claims and spends the invite;
          // an autofollow invite
          // follows the inviter (follows, both accounts' counters, a check for blocks) and
          // backfills the timeline
          Route.post(
              "/api/v1/accounts",
              "CreateAccount",
              app("write:accounts"),
              grants()
                  .read(APPS)
                  .readWrite(INVITES)
                  .write(RATE_LIMITS)
                  .readWrite(ACCOUNTS)
                  .write(UNIQUE_KEYS)
                  .readWrite(FOLLOWS)
                  .read(POSTS)
                  .write(TIMELINES)
                  .write(TOKENS)
                  .read(BLOCKS_MUTES)
                  .publishPostEvents(),
              SignupRoutes::signup),
          Route.post(
              "/api/v1/waitlist",
              "JoinWaitlist",
              PUBLIC,
              grants().write(WAITLIST).write(RATE_LIMITS),
              SignupRoutes::join),
          // a release creates admin invites (no quota, so no account write) and revokes spares
          Route.post(
              "/api/v1/admin/waitlist/release",
              "ReleaseWaitlist",
              user("admin:write:accounts"),
              grants().read(ACCOUNTS).readWrite(WAITLIST).readWrite(INVITES),
              SignupRoutes::release));

  /**
   * {@code POST /api/v1/accounts}: signs up through an app token and returns the member's token.
   */
  APIGatewayV2HTTPResponse signup(ApiRequest request) {
    var params = request.params();
    var form =
        new SignupForm(
            params.string("username"),
            params.string("email"),
            params.string("password"),
            params.bool("agreement").orElse(null),
            params.string("locale"),
            params.string("invite_code"),
            params.string("reason"));
    var app = oauth.app(request.caller().clientId().orElseThrow());
    return ApiResponse.ok(TokenView.of(signup.signup(app, form, request.requester())));
  }

  /**
   * {@code POST /api/v1/waitlist}: joins the waitlist with an email, while the waitlist phase is
   * on.
   */
  APIGatewayV2HTTPResponse join(ApiRequest request) {
    return ApiResponse.ok(
        WaitlistEntryView.of(waitlist.join(request.params().string("email"), request.requester())));
  }

  /**
   * {@code POST /api/v1/admin/waitlist/release}: gives the next {@code count} waiting an invite
   * each.
   */
  APIGatewayV2HTTPResponse release(ApiRequest request) {
    int count = request.params().integer("count").orElse(10);
    return ApiResponse.ok(
        waitlist.release(members.current(request), count).stream()
            .map(WaitlistEntryView::of)
            .toList());
  }
}
