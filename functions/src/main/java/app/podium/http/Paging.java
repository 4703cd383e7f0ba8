package app.podium.http;

import app.podium.shared.PageRequest;
import app.podium.shared.Settings;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Mastodon's paging parameters in, {@code Link} headers out. */
public final class Paging {
  private Paging() {}

  public static PageRequest request(Params params) {
    return request(params, PageRequest.DEFAULT_LIMIT, PageRequest.MAX_LIMIT);
  }

  /** For lists whose limits differ from the usual 20 and 40 (notifications: 40 and 80). */
  public static PageRequest request(Params params, int defaultLimit, int maxLimit) {
    int limit =
        params.integer("limit").map(l -> Math.max(1, Math.min(maxLimit, l))).orElse(defaultLimit);
    return new PageRequest(
        id(params, "max_id"), id(params, "since_id"), id(params, "min_id"), limit);
  }

  private static Optional<Long> id(Params params, String name) {
    return params.number(name).filter(id -> id >= 0);
  }

  /**
   * The {@code Link} header for a page whose items carry the given paging ids (newest first):
   * {@code next} pages to older items with {@code max_id}, {@code prev} to newer ones with {@code
   * min_id}. None for an empty page.
   */
  public static <T> Map<String, String> links(
      ApiRequest request, Settings settings, List<T> items, Function<T, String> pagingId) {
    if (items.isEmpty()) {
      return Map.of();
    }
    String base = settings.baseUrl() + request.path() + "?";
    String limit =
        request.params().has("limit")
            ? "limit=" + request.params().integer("limit").orElse(20) + "&"
            : "";
    String next =
        "<" + base + limit + "max_id=" + pagingId.apply(items.getLast()) + ">; rel=\"next\"";
    String prev =
        "<" + base + limit + "min_id=" + pagingId.apply(items.getFirst()) + ">; rel=\"prev\"";
    return Map.of("Link", next + ", " + prev);
  }

  /**
   * A page of items answered as their views, with the {@code Link} header of the items' paging ids.
   */
  public static <T> APIGatewayV2HTTPResponse answer(
      ApiRequest request,
      Settings settings,
      List<T> page,
      Function<T, ?> view,
      Function<T, String> pagingId) {
    return ApiResponse.ok(
        page.stream().map(view).toList(), links(request, settings, page, pagingId));
  }
}
