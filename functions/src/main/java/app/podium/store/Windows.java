package app.podium.store;

import app.podium.shared.PageRequest;
import java.util.List;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbIndex;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/** Turns Mastodon's id window into a key condition on a numeric sort key (bounds are exclusive). */
public final class Windows {
  private Windows() {}

  /** The highest sort key inside the window. */
  public static long upper(PageRequest page) {
    return page.maxId().map(max -> max - 1).orElse(Long.MAX_VALUE);
  }

  /** The lowest sort key inside the window. */
  public static long lower(PageRequest page) {
    return page.lowerBound().map(min -> min + 1).orElse(0L);
  }

  /** True when the bounds leave no id between them (DynamoDB refuses such a BETWEEN). */
  public static boolean isEmpty(PageRequest page) {
    return lower(page) > upper(page) || page.limit() <= 0;
  }

  public static QueryConditional of(String partitionValue, PageRequest page) {
    return QueryConditional.sortBetween(
        Key.builder().partitionValue(partitionValue).sortValue(lower(page)).build(),
        Key.builder().partitionValue(partitionValue).sortValue(upper(page)).build());
  }

  /**
   * One page of the window from an index: at most {@code page.limit()} items of the partition,
   * newest first unless the page is ascending; none when the window is empty.
   */
  public static <T> List<T> firstPage(DynamoDbIndex<T> index, String partition, PageRequest page) {
    if (isEmpty(page)) {
      return List.of();
    }
    return index
        .query(
            r ->
                r.queryConditional(of(partition, page))
                    .scanIndexForward(page.ascending())
                    .limit(page.limit()))
        .stream()
        .limit(1)
        .flatMap(p -> p.items().stream())
        .toList();
  }
}
