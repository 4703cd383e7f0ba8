package app.podium.store;

import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Static table schemas declared one attribute at a time: its stored name, the item's field and the
 * key tags, with the Enhanced Client's builder ceremony said once here. Still a {@link
 * StaticTableSchema} (no reflection at start-up).
 */
public final class Schemas {
  public static final EnhancedType<String> STRING = EnhancedType.of(String.class);
  public static final EnhancedType<Long> NUMBER = EnhancedType.of(Long.class);
  public static final EnhancedType<Integer> INTEGER = EnhancedType.of(Integer.class);
  public static final EnhancedType<Boolean> BOOLEAN = EnhancedType.of(Boolean.class);

  private Schemas() {}

  public static <T> Builder<T> of(Class<T> type, Supplier<T> newItem) {
    return new Builder<>(StaticTableSchema.builder(type).newItemSupplier(newItem));
  }

  /** Adds attributes to a table schema; {@code tags} are key tags such as primaryPartitionKey(). */
  public static final class Builder<T> {
    private final StaticTableSchema.Builder<T> schema;

    private Builder(StaticTableSchema.Builder<T> schema) {
      this.schema = schema;
    }

    public <R> Builder<T> add(
        EnhancedType<R> type,
        String name,
        Function<T, R> get,
        BiConsumer<T, R> set,
        StaticAttributeTag... tags) {
      schema.addAttribute(
          type,
          a -> {
            a.name(name).getter(get).setter(set);
            if (tags.length > 0) {
              a.tags(tags);
            }
          });
      return this;
    }

    public TableSchema<T> build() {
      return schema.build();
    }
  }
}
