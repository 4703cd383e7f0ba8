package app.podium.local;

import app.podium.http.Route;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the route for a request the way an HTTP API does: the method must match, and among matching
 * paths the one with more literal segments wins ({@code /accounts/lookup} over {@code
 * /accounts/{id}}).
 */
final class RouteMatcher {
  record Match(Route<?> route, Map<String, String> pathParameters) {}

  private final List<Route<?>> routes;

  RouteMatcher(List<Route<?>> routes) {
    this.routes = routes;
  }

  /**
   * The methods some route serves at this path, in route-table order: what a preflight may allow.
   */
  List<String> methods(String path) {
    java.util.LinkedHashSet<String> methods = new java.util.LinkedHashSet<>();
    for (Route<?> route : routes) {
      if (match(route.method().name(), path).isPresent()) {
        methods.add(route.method().name());
      }
    }
    return List.copyOf(methods);
  }

  Optional<Match> match(String method, String path) {
    String[] segments = split(path);
    Match best = null;
    int bestLiterals = -1;
    for (Route<?> route : routes) {
      if (!route.method().name().equals(method)) {
        continue;
      }
      String[] pattern = split(route.path());
      if (pattern.length != segments.length) {
        continue;
      }
      Map<String, String> parameters = new HashMap<>();
      int literals = 0;
      boolean matches = true;
      for (int i = 0; i < pattern.length && matches; i++) {
        if (pattern[i].startsWith("{") && pattern[i].endsWith("}")) {
          parameters.put(pattern[i].substring(1, pattern[i].length() - 1), segments[i]);
        } else if (pattern[i].equals(segments[i])) {
          literals++;
        } else {
          matches = false;
        }
      }
      if (matches && literals > bestLiterals) {
        best = new Match(route, parameters);
        bestLiterals = literals;
      }
    }
    return Optional.ofNullable(best);
  }

  private static String[] split(String path) {
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
  }
}
