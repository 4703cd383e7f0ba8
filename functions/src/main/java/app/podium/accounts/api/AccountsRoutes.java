package app.podium.accounts.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.ACCOUNTS;
import static app.podium.Tables.UNIQUE_KEYS;
import static app.podium.http.Access.PUBLIC;
import static app.podium.http.Access.user;

import app.podium.accounts.AccountService;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Route;
import app.podium.shared.AccountId;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;

/**
 * Accounts: the member's own, anyone's profile, and the admin's view of an account and its
 * invitees.
 */
public record AccountsRoutes(AccountService accounts, Members members, Settings settings) {
  public static final List<Route<AccountsRoutes>> ALL =
      List.of(
          Route.get(
              "/api/v1/accounts/verify_credentials",
              "VerifyAccountCredentials",
              user("read:accounts"),
              grants().read(ACCOUNTS),
              AccountsRoutes::verify),
          Route.patch(
              "/api/v1/accounts/update_credentials",
              "UpdateCredentials",
              user("write:accounts"),
              grants().readWrite(ACCOUNTS),
              AccountsRoutes::update),
          Route.get(
              "/api/v1/accounts/lookup",
              "LookupAccount",
              PUBLIC,
              grants().read(UNIQUE_KEYS).read(ACCOUNTS),
              AccountsRoutes::lookup),
          Route.get(
              "/api/v1/accounts/{id}",
              "GetAccount",
              PUBLIC,
              grants().read(ACCOUNTS),
              AccountsRoutes::get),
          Route.get(
              "/api/v1/admin/accounts/{id}",
              "GetAdminAccount",
              user("admin:read:accounts"),
              grants().read(ACCOUNTS),
              AccountsRoutes::getAsAdmin),
          Route.get(
              "/api/v1/admin/accounts/{id}/invitees",
              "ListInvitees",
              user("admin:read:accounts"),
              grants().read(ACCOUNTS),
              AccountsRoutes::invitees));

  /** {@code GET /api/v1/accounts/verify_credentials}: the calling member, with source and role. */
  APIGatewayV2HTTPResponse verify(ApiRequest request) {
    return ApiResponse.ok(CredentialAccountView.of(members.current(request), settings));
  }

  /** {@code PATCH /api/v1/accounts/update_credentials}: display name and note. */
  APIGatewayV2HTTPResponse update(ApiRequest request) {
    var params = request.params();
    String note = params.has("note") ? params.string("note") : params.string("source[note]");
    var updated =
        accounts.updateProfile(members.current(request), params.string("display_name"), note);
    return ApiResponse.ok(CredentialAccountView.of(updated, settings));
  }

  /** {@code GET /api/v1/accounts/lookup?acct=}: an account by its username. */
  APIGatewayV2HTTPResponse lookup(ApiRequest request) {
    return ApiResponse.ok(
        AccountView.of(accounts.lookup(request.params().string("acct")), settings));
  }

  /** {@code GET /api/v1/accounts/:id}. */
  APIGatewayV2HTTPResponse get(ApiRequest request) {
    return ApiResponse.ok(
        AccountView.of(accounts.get(AccountId.parse(request.pathParameter("id"))), settings));
  }

  /** {@code GET /api/v1/admin/accounts/:id}: Admin::Account, with who invited the member. */
  APIGatewayV2HTTPResponse getAsAdmin(ApiRequest request) {
    var account =
        accounts.getAsAdmin(members.admin(request), AccountId.parse(request.pathParameter("id")));
    return ApiResponse.ok(AdminAccountView.of(account, settings));
  }

  /**
   * {@code GET /api/v1/admin/accounts/:id/invitees}: the members this member invited (the invite
   * tree).
   */
  APIGatewayV2HTTPResponse invitees(ApiRequest request) {
    int limit = request.params().integer("limit").orElse(40);
    var admin = members.admin(request);
    return ApiResponse.ok(
        accounts.invitees(admin, AccountId.parse(request.pathParameter("id")), limit).stream()
            .map(account -> AdminAccountView.of(account, settings))
            .toList());
  }
}
