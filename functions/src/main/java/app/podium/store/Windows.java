package app.podium.store;

import app.podium.shared.PageRequest;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.model.QueryConditional;

/** Turns Mastodon's id window into a key condition on a numeric sort key (bounds are exclusive). */
public final class Windows {
  private Windows() {}

  /** True when the bounds leave no id between them (DynamoDB refuses such a BETWEEN). */
  public static boolean isEmpty(PageRequest page) {
    long upper = page.maxId().map(max -> max - 1).orElse(Long.MAX_VALUE);
    long lower = page.lowerBound().map(min -> min + 1).orElse(0L);
    return lower > upper || page.limit() <= 0;
  }

  public static QueryConditional of(String partitionValue, PageRequest page) {
    long upper = page.maxId().map(max -> max - 1).orElse(Long.MAX_VALUE);
    long lower = page.lowerBound().map(min -> min + 1).orElse(0L);
    return QueryConditional.sortBetween(
        Key.builder().partitionValue(partitionValue).sortValue(lower).build(),
        Key.builder().partitionValue(partitionValue).sortValue(upper).build());
  }
}
