package app.podium.infra;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one rule that puts a route's function into a nested stack: the area of its path. The area is
 * the first segment after {@code /api/} and its version ({@code /api/v1/accounts/{id}/follow} is
 * {@code accounts}, {@code /api/v1/admin/accounts/{id}} is {@code admin}), or the first segment of
 * a path outside {@code /api/} ({@code /oauth/token} is {@code oauth}); the instance and server
 * descriptions are all {@code discovery}, the web pages ({@code /auth/sign_in}, {@code /settings})
 * all {@code pages}.
 *
 * <p>The area depends on the route's own path alone, never on the other routes or their order, so
 * adding a route never moves another function to another nested stack (which would replace it and
 * clash on its fixed function name). An area holds {@link #CAPACITY} routes; past that, split it by
 * a second segment here.
 */
final class RouteAreas {
  /** First segments that describe the server rather than an area of the API. */
  static final Set<String> DISCOVERY =
      Set.of("instance", ".well-known", "nodeinfo", "openapi.json");

  static final String DISCOVERY_AREA = "discovery";

  /** First segments of the web pages (a browser's, not the API's): all in one area. */
  static final Set<String> PAGES = Set.of("auth", "settings");

  static final String PAGES_AREA = "pages";
  private static final Pattern VERSIONED = Pattern.compile("^/api/v[0-9]+/");
  private static final Pattern AREA = Pattern.compile("[a-z][a-z_]*");

  /**
   * Most resources any one stack may hold: CloudFormation refuses more than 500, and the rest is
   * headroom for what CDK adds as the stack grows (permissions, parameters turned into resources by
   * a future feature).
   */
  static final int MAX_RESOURCES_PER_STACK = 400;

  /**
   * Resources a route adds to its area's stack (function, role, policy, version, alias, log group,
   * ...).
   */
  static final int RESOURCES_PER_ROUTE = 11;

  /** Routes one area can hold under {@link #MAX_RESOURCES_PER_STACK}. */
  static final int CAPACITY = MAX_RESOURCES_PER_STACK / RESOURCES_PER_ROUTE;

  private RouteAreas() {}

  static String of(String path) {
    String rest = VERSIONED.matcher(path).replaceFirst("/");
    rest = rest.startsWith("/api/") ? rest.substring("/api".length()) : rest;
    String first = rest.substring(1).split("/", 2)[0];
    if (DISCOVERY.contains(first)) {
      return DISCOVERY_AREA;
    }
    if (PAGES.contains(first)) {
      return PAGES_AREA;
    }
    if (!AREA.matcher(first).matches()) {
      throw new IllegalArgumentException(
          "no area for "
              + path
              + ": its first segment '"
              + first
              + "' is no lowercase name; give it one in RouteAreas");
    }
    return first;
  }

  /** {@code custom_emojis} -> {@code CustomEmojisRoutes}: the nested stack's construct id. */
  static String stackId(String area) {
    return PodiumStack.constructName(area) + "Routes";
  }
}
