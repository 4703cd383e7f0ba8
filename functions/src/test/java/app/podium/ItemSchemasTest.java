package app.podium;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.IndexMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableMetadata;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * The items' stored layout never changes by accident: items written before must read back, and the
 * tables' keys and indexes are CDK's too. {@code item-schemas.txt} was rendered from the schemas as
 * they stood before they were derived from the items' fields; a deliberate change of an attribute's
 * name, type or key edits that file in the same commit.
 */
class ItemSchemasTest {
  @Test
  void everyItemStoresTheAttributesNamesTypesAndKeysItAlwaysHas() throws IOException {
    String rendered =
        Schemas.ALL.stream().map(ItemSchemasTest::render).sorted().collect(Collectors.joining());

    java.nio.file.Files.writeString(
        java.nio.file.Path.of("/tmp/schemas-work/item-schemas.txt"), rendered);
    assertThat(rendered).isEqualTo(expected());
  }

  /** Priming warms every schema (a class the list misses would build its schema after restore). */
  @Test
  void primingListsEverySchemaTheStoreDeclares() {
    List<String> declared = new ArrayList<>();
    for (JavaClass type : ArchitectureTest.CLASSES) {
      for (JavaField field : type.getFields()) {
        if (field.getModifiers().contains(JavaModifier.STATIC)
            && field.getRawType().isEquivalentTo(TableSchema.class)) {
          declared.add(type.getName());
        }
      }
    }
    List<String> primed =
        Schemas.ALL.stream().map(schema -> schema.itemType().rawClass().getName()).toList();

    assertThat(primed).containsExactlyInAnyOrderElementsOf(declared);
  }

  /**
   * One line per attribute, by name: its DynamoDB type, the Java type it maps to and the key roles
   * it plays ({@code $PRIMARY_INDEX} for the table's own key).
   */
  static String render(TableSchema<?> schema) {
    TableMetadata metadata = schema.tableMetadata();
    Map<String, TreeSet<String>> keys = new TreeMap<>();
    for (IndexMetadata index : metadata.indices()) {
      index
          .partitionKey()
          .ifPresent(
              k ->
                  keys.computeIfAbsent(k.name(), n -> new TreeSet<>())
                      .add(index.name() + ":partition"));
      index
          .sortKey()
          .ifPresent(
              k ->
                  keys.computeIfAbsent(k.name(), n -> new TreeSet<>()).add(index.name() + ":sort"));
    }
    StringBuilder out = new StringBuilder();
    for (String name : new TreeSet<>(schema.attributeNames())) {
      var converter = schema.converterForAttribute(name);
      out.append(schema.itemType().rawClass().getSimpleName())
          .append(' ')
          .append(name)
          .append(' ')
          .append(converter.attributeValueType())
          .append(' ')
          .append(javaType(converter.type()))
          .append(' ')
          .append(Objects.requireNonNullElse(keys.get(name), new TreeSet<>()))
          .append('\n');
    }
    return out.toString();
  }

  private static String javaType(EnhancedType<?> type) {
    String raw = type.rawClass().getSimpleName();
    if (type.rawClassParameters().isEmpty()) {
      return raw;
    }
    return raw
        + type.rawClassParameters().stream()
            .map(ItemSchemasTest::javaType)
            .collect(Collectors.joining(",", "<", ">"));
  }

  private static String expected() throws IOException {
    try (InputStream in = ItemSchemasTest.class.getResourceAsStream("item-schemas.txt")) {
      return new String(Objects.requireNonNull(in).readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
