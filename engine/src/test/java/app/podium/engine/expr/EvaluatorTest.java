package app.podium.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.engine.value.Value;
import app.podium.engine.value.ValueJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static Map<String, Value> item(String json) {
    try {
      return ValueJson.item(JSON.readTree(json));
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  static final Map<String, Value> ITEM =
      item(
          "{\"n\":{\"N\":\"5\"},\"s\":{\"S\":\"hello\"},"
              + "\"l\":{\"L\":[{\"N\":\"1\"},"
              + "{\"S\":\"two\"},{\"M\":{\"x\":{\"N\":\"3\"}}}]},\"m\":{\"M\":{\"a\":{\"M\":{\"b\":{\"S\":\"deep\"}}}}},"
              + "\"ss\":{\"SS\":[\"a\",\"b\"]},\"b\":{\"B\":\"AAEC\"}}");
  static final String VALUES =
      "{\":five\":{\"N\":\"5\"},\":three\":{\"N\":\"3\"},\":a\":{\"S\":\"a\"},"
          + "\":z\":{\"S\":\"z\"},\":ell\":{\"S\":\"ell\"},\":deep\":{\"S\":\"deep\"},\":he\":{\"S\":\"he\"},"
          + "\":b0\":{\"B\":\"AA==\"},\":SS\":{\"S\":\"SS\"},\":one\":{\"N\":\"1\"},\":l\":{\"L\":[{\"S\":\"new\"}]},"
          + "\":ns\":{\"NS\":[\"7\"]},\":ssa\":{\"SS\":[\"a\",\"b\"]}}";

  static boolean test(String condition) {
    return Evaluator.test(
        Parser.condition(condition, Parser.Kind.CONDITION, ParserTest.placeholders(null, VALUES)),
        ITEM);
  }

  static Map<String, Value> update(String expression, Map<String, Value> before) {
    return Evaluator.apply(
        Parser.update(expression, ParserTest.placeholders(null, VALUES)), before);
  }

  @Test
  void conditionsReadNestedPathsAndUseDynamoDbsFunctions() {
    assertThat(test("n = :five AND s BETWEEN :a AND :z AND l[2].x = :three AND m.a.b = :deep"))
        .isTrue();
    assertThat(
            test(
                "contains(ss, :a) AND contains(s, :ell) AND size(l) = :three AND begins_with(s, :he)"))
        .isTrue();
    assertThat(test("attribute_type(ss, :SS) AND begins_with(b, :b0) AND n IN (:a, :five)"))
        .isTrue();
    assertThat(
            test(
                "attribute_not_exists(nope) AND attribute_exists(l[2].x) AND NOT attribute_exists(l[3])"))
        .isTrue();
    assertThat(test("n < :three OR n > :five")).isFalse();
  }

  @Test
  void aMissingAttributeIsUnequalToEverythingAndComparesToNothing() {
    assertThat(test("nope <> :five")).isTrue();
    assertThat(test("nope = :five")).isFalse();
    assertThat(test("nope < :five OR nope >= :five")).isFalse();
    assertThat(test("NOT (nope < :five)")).isTrue();
    // values of different types are unequal and not ordered
    assertThat(test("s <> :five AND NOT (s > :five)")).isTrue();
  }

  @Test
  void sizeOfAStringCountsUtf16UnitsAsDynamoDbLocalDoes() {
    Map<String, Value> emoji = item("{\"s\":{\"S\":\"héllo😀\"}}");
    Condition seven =
        Parser.condition(
            "size(s) = :n",
            Parser.Kind.CONDITION,
            ParserTest.placeholders(null, "{\":n\":{\"N\":\"7\"}}"));
    assertThat(Evaluator.test(seven, emoji)).isTrue();
  }

  @Test
  void everyOperandOfAnUpdateReadsTheItemBeforeIt() {
    Map<String, Value> swapped =
        update("SET a = b, b = a", item("{\"a\":{\"N\":\"1\"},\"b\":{\"N\":\"2\"}}"));
    assertThat(swapped).isEqualTo(item("{\"a\":{\"N\":\"2\"},\"b\":{\"N\":\"1\"}}"));
  }

  @Test
  void setWritesNestedPathsAppendsPastTheEndAndFillsIfNotExists() {
    Map<String, Value> after =
        update(
            "SET n = n + :one, m.a.b = :a, l[1] = :a, l[10] = :z, fresh = "
                + "if_not_exists(fresh, :one), n2 = if_not_exists(n, :three), l2 = list_append(:l, l)",
            ITEM);
    assertThat(after.get("n")).isEqualTo(Value.N.of("6"));
    assertThat(
            Evaluator.resolve(
                new Path(
                    java.util.List.of(new Path.Name("m"), new Path.Name("a"), new Path.Name("b"))),
                after))
        .isEqualTo(new Value.S("a"));
    assertThat(((Value.L) after.get("l")).values())
        .hasSize(4)
        .element(3)
        .isEqualTo(new Value.S("z"));
    assertThat(after.get("fresh")).isEqualTo(Value.N.of("1"));
    assertThat(after.get("n2")).isEqualTo(Value.N.of("5"));
    assertThat(((Value.L) after.get("l2")).values())
        .hasSize(4)
        .first()
        .isEqualTo(new Value.S("new"));
  }

  @Test
  void removeTakesListElementsByTheirIndexBeforeTheUpdate() {
    Map<String, Value> after = update("REMOVE l[0], l[1], m.a.b, nope", ITEM);
    assertThat(((Value.L) after.get("l")).values())
        .containsExactly(((Value.L) ITEM.get("l")).values().get(2));
    assertThat(after.get("m")).isEqualTo(new Value.M(Map.of("a", new Value.M(Map.of()))));
  }

  @Test
  void addSumsNumbersAndJoinsSetsDeleteTakesElementsAndDropsAnEmptySet() {
    Map<String, Value> after = update("ADD n :one, ss :ssa, fresh :ns", ITEM);
    assertThat(after.get("n")).isEqualTo(Value.N.of("6"));
    assertThat(after.get("fresh"))
        .isEqualTo(new Value.NS(java.util.Set.of(Value.N.of("7").value())));
    assertThat(update("DELETE ss :ssa", ITEM)).doesNotContainKey("ss");
  }

  @Test
  void updatesRefuseMissingOperandsWrongTypesAndPathsWithoutAParent() {
    assertThatThrownBy(() -> update("SET x = nope + :one", ITEM))
        .hasMessage(
            "The provided expression refers to an attribute that does not exist in the item");
    assertThatThrownBy(() -> update("SET x = s + :one", ITEM))
        .hasMessage("An operand in the update expression has an incorrect data type");
    assertThatThrownBy(() -> update("SET nope.a = :one", ITEM))
        .hasMessage("The document path provided in the update expression is invalid for update");
    assertThatThrownBy(() -> update("ADD s :one", ITEM))
        .hasMessage("An operand in the update expression has an incorrect data type");
  }

  @Test
  void projectionsKeepTheItemsNestingAndListOrder() {
    Map<String, Value> projected =
        Evaluator.project(
            Parser.projection("l[2].x, l[0], m.a.b, nope, s", Placeholders.none()), ITEM);
    assertThat(projected)
        .isEqualTo(
            item(
                "{\"l\":{\"L\":[{\"N\":\"1\"},{\"M\":{\"x\":{\"N\":\"3\"}}}]},"
                    + "\"m\":{\"M\":{\"a\":{\"M\":{\"b\":{\"S\":\"deep\"}}}}},\"s\":{\"S\":\"hello\"}}"));
  }
}
