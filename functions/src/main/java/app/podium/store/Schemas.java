package app.podium.store;

import app.podium.Tables;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTag;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/**
 * Static table schemas derived from an item class's own fields and its table's declaration in
 * {@link Tables}: each instance field is an attribute, stored under the field's name in snake case
 * ({@code inReplyToId} as {@code in_reply_to_id}), of the type the field declares; the table's key
 * and index attributes are tagged as {@link Tables} declares them for CDK and the local stack. So
 * an item names each attribute once and repeats no key.
 *
 * <p>The Enhanced Client's {@code BeanTableSchema} would want a getter and a setter per attribute,
 * and it cannot map records (aws-sdk-java-v2#4281). This still builds a {@link StaticTableSchema},
 * once per item class when the class initialises (SnapStart priming builds them all before the
 * checkpoint): the fields are read once there, and each call gets and sets them through a {@link
 * VarHandle} from the lookup the item class hands over, not through reflection.
 */
public final class Schemas {
  private Schemas() {}

  /**
   * The schema of {@code type}, an item of {@code table}; {@code lookup} is the item class's own
   * {@code MethodHandles.lookup()}, which lets the schema reach its private fields.
   */
  public static <T> TableSchema<T> of(
      Tables.Table table, Class<T> type, Supplier<T> newItem, MethodHandles.Lookup lookup) {
    if (lookup.lookupClass() != type || !lookup.hasFullPrivilegeAccess()) {
      throw new IllegalArgumentException(
          "the schema of " + type.getName() + " needs that class's own MethodHandles.lookup()");
    }
    Map<String, KeyTags> keys = keyTags(table);
    StaticTableSchema.Builder<T> schema = StaticTableSchema.builder(type).newItemSupplier(newItem);
    for (Field field : type.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
        continue;
      }
      String name = storedName(field.getName());
      EnhancedType<?> attributeType = typeOf(field);
      KeyTags key = keys.remove(name);
      if (key != null && key.type() != storedAs(attributeType)) {
        throw new IllegalArgumentException(
            field + " is a key of " + table.name() + ", stored as " + key.type());
      }
      add(schema, attributeType, name, handle(lookup, field), key == null ? null : key.tags());
    }
    if (!keys.isEmpty()) {
      throw new IllegalArgumentException(
          type.getName() + " has no field for the keys " + keys.keySet() + " of " + table.name());
    }
    return schema.build();
  }

  private record KeyTags(Tables.AttributeType type, List<StaticAttributeTag> tags) {}

  /** The key tags of each key attribute of the table and its indexes. */
  private static Map<String, KeyTags> keyTags(Tables.Table table) {
    Map<String, KeyTags> keys = new LinkedHashMap<>();
    tag(keys, table.partitionKey(), StaticAttributeTags.primaryPartitionKey());
    table.sortKey().ifPresent(sort -> tag(keys, sort, StaticAttributeTags.primarySortKey()));
    for (Tables.Index index : table.indexes()) {
      tag(keys, index.partitionKey(), StaticAttributeTags.secondaryPartitionKey(index.name()));
      tag(keys, index.sortKey(), StaticAttributeTags.secondarySortKey(index.name()));
    }
    return keys;
  }

  private static void tag(Map<String, KeyTags> keys, Tables.Key key, StaticAttributeTag tag) {
    keys.computeIfAbsent(key.name(), n -> new KeyTags(key.type(), new ArrayList<>()))
        .tags()
        .add(tag);
  }

  private static Tables.AttributeType storedAs(EnhancedType<?> type) {
    Class<?> raw = type.rawClass();
    if (raw == String.class) {
      return Tables.AttributeType.STRING;
    }
    return raw == Long.class || raw == Integer.class ? Tables.AttributeType.NUMBER : null;
  }

  /** The stored name of a field: {@code displayName} is {@code display_name}. */
  static String storedName(String fieldName) {
    StringBuilder name = new StringBuilder();
    for (char c : fieldName.toCharArray()) {
      if (Character.isUpperCase(c)) {
        name.append('_').append(Character.toLowerCase(c));
      } else {
        name.append(c);
      }
    }
    return name.toString();
  }

  /** The Enhanced Client's type of a field: the boxed scalars, and lists and sets of them. */
  static EnhancedType<?> typeOf(Field field) {
    Class<?> raw = field.getType();
    if (raw == String.class || raw == Long.class || raw == Integer.class || raw == Boolean.class) {
      return EnhancedType.of(raw);
    }
    if ((raw == List.class || raw == Set.class)
        && field.getGenericType() instanceof ParameterizedType generic
        && generic.getActualTypeArguments()[0] instanceof Class<?> element) {
      return raw == List.class ? EnhancedType.listOf(element) : EnhancedType.setOf(element);
    }
    // a primitive could not hold an attribute the item lacks; anything else would need a converter
    throw new IllegalArgumentException(
        "no stored type for " + field + ": use String, Long, Integer, Boolean, or a List or Set");
  }

  private static VarHandle handle(MethodHandles.Lookup lookup, Field field) {
    try {
      return lookup.findVarHandle(field.getDeclaringClass(), field.getName(), field.getType());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot reach " + field, e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T, R> void add(
      StaticTableSchema.Builder<T> schema,
      EnhancedType<R> attributeType,
      String name,
      VarHandle field,
      List<StaticAttributeTag> keyTags) {
    schema.addAttribute(
        attributeType,
        a -> {
          a.name(name).getter(item -> (R) field.get(item)).setter((item, v) -> field.set(item, v));
          if (keyTags != null) {
            a.tags(keyTags);
          }
        });
  }
}
