package app.podium.statuses.api;

import app.podium.http.ApiRequest;
import app.podium.http.ApiResponse;
import app.podium.http.Paging;
import app.podium.shared.Settings;
import app.podium.statuses.AuthoredStatus;
import app.podium.statuses.Interactions;
import app.podium.statuses.ReaderInteractions;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Statuses answered as their reader is shown them, by every feature that shows statuses: each with
 * what the reader did to it, one batch read for the whole answer ({@link ReaderInteractions}).
 */
public final class StatusAnswers {
  private final ReaderInteractions interactions;
  private final Settings settings;

  public StatusAnswers(ReaderInteractions interactions, Settings settings) {
    this.interactions = interactions;
    this.settings = settings;
  }

  public APIGatewayV2HTTPResponse one(Optional<String> readerId, AuthoredStatus status) {
    return ApiResponse.ok(
        StatusView.of(status, settings, interactions.interactions(readerId, List.of(status))));
  }

  /** A page of statuses, paged by their own ids. */
  public APIGatewayV2HTTPResponse page(
      ApiRequest request, Optional<String> readerId, List<AuthoredStatus> page) {
    return page(request, page, interactions.interactions(readerId, page));
  }

  /**
   * A page of statuses whose reader's interactions were read with them (the home timeline's, side
   * by side).
   */
  public APIGatewayV2HTTPResponse page(
      ApiRequest request, List<AuthoredStatus> page, Interactions reader) {
    return answer(page, reader, Paging.links(request, settings, page, s -> s.status().id()));
  }

  /**
   * The statuses shown, paged by the ids of what the list is made of ({@code pagedBy}: favourites,
   * say).
   */
  public <T> APIGatewayV2HTTPResponse page(
      ApiRequest request,
      Optional<String> readerId,
      List<AuthoredStatus> shown,
      List<T> pagedBy,
      Function<T, String> pagingId) {
    return answer(
        shown,
        interactions.interactions(readerId, shown),
        Paging.links(request, settings, pagedBy, pagingId));
  }

  private APIGatewayV2HTTPResponse answer(
      List<AuthoredStatus> shown, Interactions reader, Map<String, String> links) {
    return ApiResponse.ok(
        shown.stream().map(s -> StatusView.of(s, settings, reader)).toList(), links);
  }

  /**
   * What the reader did to the statuses of an answer shaped otherwise (a thread's context, say).
   */
  public Interactions reader(Optional<String> readerId, Collection<AuthoredStatus> shown) {
    return interactions.interactions(readerId, shown);
  }

  public Settings settings() {
    return settings;
  }
}
