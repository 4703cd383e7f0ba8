package app.podium.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchIllegalArgumentException;

import app.podium.Tables;
import app.podium.Tables.AttributeType;
import app.podium.Tables.Index;
import app.podium.Tables.Key;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A schema derived from an item's fields stores each under its snake-case name, both ways, with the
 * keys its table declares.
 */
class SchemasTest {
  static final Key OWNER = new Key("owner_id", AttributeType.STRING);
  static final Key CREATED = new Key("created_at", AttributeType.NUMBER);

  static final Tables.Table SAMPLES =
      new Tables.Table(
          "samples",
          OWNER,
          Optional.of(CREATED),
          List.of(new Index("by_shards", new Key("shards", AttributeType.NUMBER), CREATED)),
          Optional.empty());

  static Tables.Table keyedBy(Key partitionKey) {
    return new Tables.Table("t", partitionKey, Optional.empty(), List.of(), Optional.empty());
  }

  static final class SampleItem {
    static final String CONSTANT = "not an attribute";

    String ownerId;
    Long createdAt;
    Integer shards;
    Boolean large;
    List<String> mentions;
    Set<String> heldInvites;
    transient String cached;

    static final TableSchema<SampleItem> SCHEMA =
        Schemas.of(SAMPLES, SampleItem.class, SampleItem::new, MethodHandles.lookup());
  }

  @Test
  void writesEveryFieldUnderItsSnakeCaseNameAndReadsItBack() {
    SampleItem item = new SampleItem();
    item.ownerId = "1";
    item.createdAt = 42L;
    item.shards = 3;
    item.large = true;
    item.mentions = List.of("2:bob", "3:carol");
    item.heldInvites = Set.of("abc");
    item.cached = "left out";

    Map<String, AttributeValue> stored = SampleItem.SCHEMA.itemToMap(item, true);

    assertThat(stored)
        .containsOnly(
            Map.entry("owner_id", AttributeValue.fromS("1")),
            Map.entry("created_at", AttributeValue.fromN("42")),
            Map.entry("shards", AttributeValue.fromN("3")),
            Map.entry("large", AttributeValue.fromBool(true)),
            Map.entry(
                "mentions",
                AttributeValue.fromL(
                    List.of(AttributeValue.fromS("2:bob"), AttributeValue.fromS("3:carol")))),
            Map.entry("held_invites", AttributeValue.fromSs(List.of("abc"))));
    SampleItem read = SampleItem.SCHEMA.mapToItem(stored);
    assertThat(read).usingRecursiveComparison().ignoringFields("cached").isEqualTo(item);
    assertThat(read.cached).isNull();
  }

  @Test
  void tagsTheKeysOfTheTableAndItsIndexes() {
    var metadata = SampleItem.SCHEMA.tableMetadata();

    assertThat(metadata.primaryPartitionKey()).isEqualTo("owner_id");
    assertThat(metadata.primarySortKey()).contains("created_at");
    assertThat(metadata.indexPartitionKey("by_shards")).isEqualTo("shards");
    assertThat(metadata.indexSortKey("by_shards")).contains("created_at");
  }

  static final class Misnamed {
    String ownerId;

    static MethodHandles.Lookup lookup() {
      return MethodHandles.lookup();
    }

    /** The reason Misnamed's schema for a table keyed by {@code partitionKey} is refused. */
    static String refusal(Key partitionKey) {
      Tables.Table table = keyedBy(partitionKey);
      return catchIllegalArgumentException(
              () -> Schemas.of(table, Misnamed.class, Misnamed::new, lookup()))
          .getMessage();
    }
  }

  @Test
  void aKeyOfTheTableWithNoFieldFailsTheSchema() {
    assertThat(Misnamed.refusal(new Key("ownerId", AttributeType.STRING)))
        .contains("has no field for the keys [ownerId]");
  }

  @Test
  void aKeyFieldOfAnotherTypeThanTheTableSaysFailsTheSchema() {
    assertThat(Misnamed.refusal(new Key("owner_id", AttributeType.NUMBER)))
        .contains("Misnamed.ownerId is a key of t, stored as NUMBER");
  }

  static final class Primitive {
    String ownerId;
    long count;

    static MethodHandles.Lookup lookup() {
      return MethodHandles.lookup();
    }
  }

  @Test
  void aPrimitiveFieldFailsTheSchemaForAnAbsentAttributeCouldNotBeRead() {
    assertThatThrownBy(
            () -> Schemas.of(keyedBy(OWNER), Primitive.class, Primitive::new, Primitive.lookup()))
        .hasMessageContaining("Primitive.count");
  }

  @Test
  void onlyTheItemClasssOwnFullLookupIsTaken() {
    Tables.Table table = keyedBy(OWNER);

    assertThatThrownBy(
            () -> Schemas.of(table, Misnamed.class, Misnamed::new, MethodHandles.lookup()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                Schemas.of(
                    table,
                    Misnamed.class,
                    Misnamed::new,
                    MethodHandles.publicLookup().in(Misnamed.class)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
