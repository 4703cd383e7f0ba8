package app.podium.store;

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
 * Static table schemas derived from an item class's own fields: each instance field is an
 * attribute, stored under the field's name in snake case ({@code inReplyToId} as {@code
 * in_reply_to_id}), of the type the field declares. The fields are the declaration, so an item
 * names each attribute once; keys and indexes are said once per item by {@link Builder#key} and
 * {@link Builder#index}, by stored name.
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
   * Starts the schema of {@code type}; {@code lookup} is the item class's own {@code
   * MethodHandles.lookup()}, which lets the schema reach its private fields.
   */
  public static <T> Builder<T> of(Class<T> type, Supplier<T> newItem, MethodHandles.Lookup lookup) {
    if (lookup.lookupClass() != type || !lookup.hasFullPrivilegeAccess()) {
      throw new IllegalArgumentException(
          "the schema of " + type.getName() + " needs that class's own MethodHandles.lookup()");
    }
    return new Builder<>(type, newItem, lookup);
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

  /** Key and index tags of an item's attributes; {@link #build()} adds every field. */
  public static final class Builder<T> {
    private final Class<T> type;
    private final Supplier<T> newItem;
    private final MethodHandles.Lookup lookup;
    private final Map<String, List<StaticAttributeTag>> tags = new LinkedHashMap<>();

    private Builder(Class<T> type, Supplier<T> newItem, MethodHandles.Lookup lookup) {
      this.type = type;
      this.newItem = newItem;
      this.lookup = lookup;
    }

    /** The table's key: its partition key attribute. */
    public Builder<T> key(String partition) {
      return tag(partition, StaticAttributeTags.primaryPartitionKey());
    }

    /** The table's key: its partition and sort key attributes. */
    public Builder<T> key(String partition, String sort) {
      return key(partition).tag(sort, StaticAttributeTags.primarySortKey());
    }

    /** A global secondary index and its partition and sort key attributes. */
    public Builder<T> index(String name, String partition, String sort) {
      return tag(partition, StaticAttributeTags.secondaryPartitionKey(name))
          .tag(sort, StaticAttributeTags.secondarySortKey(name));
    }

    private Builder<T> tag(String attribute, StaticAttributeTag tag) {
      tags.computeIfAbsent(attribute, a -> new ArrayList<>()).add(tag);
      return this;
    }

    public TableSchema<T> build() {
      StaticTableSchema.Builder<T> schema =
          StaticTableSchema.builder(type).newItemSupplier(newItem);
      Map<String, List<StaticAttributeTag>> untagged = new LinkedHashMap<>(tags);
      for (Field field : type.getDeclaredFields()) {
        int modifiers = field.getModifiers();
        if (Modifier.isStatic(modifiers) || Modifier.isTransient(modifiers)) {
          continue;
        }
        String name = storedName(field.getName());
        add(schema, typeOf(field), name, handle(field), untagged.remove(name));
      }
      if (!untagged.isEmpty()) {
        throw new IllegalArgumentException(
            "keys of " + type.getName() + " name no field: " + untagged.keySet());
      }
      return schema.build();
    }

    private VarHandle handle(Field field) {
      try {
        return lookup.findVarHandle(type, field.getName(), field.getType());
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
            a.name(name)
                .getter(item -> (R) field.get(item))
                .setter((item, v) -> field.set(item, v));
            if (keyTags != null) {
              a.tags(keyTags);
            }
          });
    }
  }
}
