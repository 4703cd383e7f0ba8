package app.podium.invites.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.ACCOUNTS;
import static app.podium.Tables.INVITES;
import static app.podium.http.Access.user;

import app.podium.accounts.api.Members;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Route;
import app.podium.invites.InviteService;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Invites (an extension): a member's codes, with their quota. */
public record InvitesRoutes(InviteService invites, Members members, Settings settings) {
  public static final List<Route<InvitesRoutes>> ALL =
      List.of(
          // the quota lives on the inviter's account item (held codes and a version)
          Route.post(
              "/api/v1/invites",
              "CreateInvite",
              user("write:invites"),
              grants().readWrite(ACCOUNTS).readWrite(INVITES),
              InvitesRoutes::create),
          Route.get(
              "/api/v1/invites",
              "ListInvites",
              user("read:invites"),
              grants().read(ACCOUNTS).read(INVITES),
              InvitesRoutes::list),
          Route.delete(
              "/api/v1/invites/{id}",
              "RevokeInvite",
              user("write:invites"),
              grants().read(ACCOUNTS).readWrite(INVITES),
              InvitesRoutes::revoke));

  /**
   * {@code POST /api/v1/invites}: {@code max_uses}, {@code expires_in} (seconds), {@code
   * autofollow}.
   */
  APIGatewayV2HTTPResponse create(ApiRequest request) {
    var params = request.params();
    var invite =
        invites.create(
            members.current(request),
            params.integer("max_uses"),
            params.number("expires_in"),
            params.bool("autofollow").orElse(false));
    return ApiResponse.ok(InviteView.of(invite, settings, Instant.now()));
  }

  /** {@code GET /api/v1/invites}: the caller's invites, newest first. */
  APIGatewayV2HTTPResponse list(ApiRequest request) {
    Instant now = Instant.now();
    return ApiResponse.ok(
        invites.list(members.current(request)).stream()
            .map(invite -> InviteView.of(invite, settings, now))
            .toList());
  }

  /** {@code DELETE /api/v1/invites/:id}: revokes one of the caller's invites. */
  APIGatewayV2HTTPResponse revoke(ApiRequest request) {
    invites.revoke(members.current(request), request.pathParameter("id"));
    return ApiResponse.ok(Map.of());
  }
}
