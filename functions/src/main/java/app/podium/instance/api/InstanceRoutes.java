package app.podium.instance.api;

import static app.podium.Grants.grants;
import static app.podium.Tables.ACCOUNTS;
import static app.podium.Tables.COUNTER_SHARDS;
import static app.podium.http.Access.PUBLIC;
import static app.podium.http.Access.user;

import app.podium.accounts.api.Members;
import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Route;
import app.podium.shared.Settings;
import app.podium.stats.StatsService;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;

/**
 * What describes this server, and what clients ask on first contact: all constants, but the
 * server's statistics and a member's preferences.
 */
public record InstanceRoutes(Members members, StatsService stats, Settings settings) {
  public static final List<Route<InstanceRoutes>> ALL =
      List.of(
          // the statistics: the sums of their counter shards, kept in the container for seconds
          Route.get(
              "/api/v1/instance",
              "GetInstanceV1",
              PUBLIC,
              grants().read(COUNTER_SHARDS),
              InstanceRoutes::instanceV1),
          Route.get(
              "/api/v2/instance",
              "GetInstance",
              PUBLIC,
              grants().read(COUNTER_SHARDS),
              InstanceRoutes::instance),
          Route.get(
              "/.well-known/nodeinfo",
              "GetNodeInfoLinks",
              PUBLIC,
              grants(),
              InstanceRoutes::nodeInfoLinks),
          Route.get(
              "/nodeinfo/2.0",
              "GetNodeInfo",
              PUBLIC,
              grants().read(COUNTER_SHARDS),
              InstanceRoutes::nodeInfo),
          Route.get(
              "/api/v1/custom_emojis",
              "ListCustomEmojis",
              PUBLIC,
              grants(),
              InstanceRoutes::customEmojis),
          Route.get(
              "/api/v1/preferences",
              "GetPreferences",
              user("read:accounts"),
              grants().read(ACCOUNTS),
              InstanceRoutes::preferences),
          // this API's own description (functions/src/main/resources/openapi.yaml)
          Route.get("/api/openapi.json", "GetOpenApi", PUBLIC, grants(), InstanceRoutes::openApi));

  /** {@code GET /api/v1/instance}, for clients that still read the first version. */
  APIGatewayV2HTTPResponse instanceV1(ApiRequest request) {
    return ApiResponse.ok(InstanceViews.v1(settings, stats.current()));
  }

  /** {@code GET /api/v2/instance}. */
  APIGatewayV2HTTPResponse instance(ApiRequest request) {
    return ApiResponse.ok(InstanceViews.v2(settings, stats.current()));
  }

  /** {@code GET /.well-known/nodeinfo}: where NodeInfo 2.0 lives. */
  APIGatewayV2HTTPResponse nodeInfoLinks(ApiRequest request) {
    return ApiResponse.ok(InstanceViews.nodeInfoLinks(settings));
  }

  /** {@code GET /nodeinfo/2.0}. */
  APIGatewayV2HTTPResponse nodeInfo(ApiRequest request) {
    return ApiResponse.ok(InstanceViews.nodeInfo(settings, stats.current()));
  }

  /** {@code GET /api/v1/custom_emojis}: Podium has no custom emoji, so always an empty list. */
  APIGatewayV2HTTPResponse customEmojis(ApiRequest request) {
    return ApiResponse.ok(List.of());
  }

  /**
   * {@code GET /api/v1/preferences}: the member's posting and reading defaults, Mastodon's keys.
   */
  APIGatewayV2HTTPResponse preferences(ApiRequest request) {
    return ApiResponse.ok(PreferencesView.of(members.current(request)));
  }

  /**
   * {@code GET /api/openapi.json}: the OpenAPI 3.1 description of every route ({@link OpenApi}).
   */
  APIGatewayV2HTTPResponse openApi(ApiRequest request) {
    return ApiResponse.ok(OpenApi.document());
  }
}
