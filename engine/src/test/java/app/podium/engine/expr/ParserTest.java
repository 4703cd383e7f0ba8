package app.podium.engine.expr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import app.podium.engine.value.Value;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Placeholders from JSON text: {@code {"#n":"name"}} and {@code {":v":{"S":"x"}}}. */
  static Placeholders placeholders(String names, String values) {
    try {
      return Placeholders.of(
          names == null ? null : JSON.readTree(names),
          values == null ? null : JSON.readTree(values));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  static final String VALUES =
      "{\":x\":{\"N\":\"1\"},\":s\":{\"S\":\"a\"},\":b\":{\"BOOL\":true},"
          + "\":t\":{\"S\":\"SS\"}}";

  static Condition condition(String text) {
    return Parser.condition(text, Parser.Kind.CONDITION, placeholders(null, VALUES));
  }

  static Operand.PathRef path(String name) {
    return new Operand.PathRef(Path.of(name));
  }

  static Condition equalsX(String name) {
    return new Condition.Compare(
        Condition.Comparator.EQ, path(name), new Operand.Literal(":x", Value.N.of("1")));
  }

  @Test
  void andBindsTighterThanOrAndNotTighterThanAnd() {
    assertThat(condition("a = :x OR b = :x AND c = :x"))
        .isEqualTo(new Condition.Or(equalsX("a"), new Condition.And(equalsX("b"), equalsX("c"))));
    assertThat(condition("NOT a = :x AND b = :x"))
        .isEqualTo(new Condition.And(new Condition.Not(equalsX("a")), equalsX("b")));
    assertThat(condition("NOT (a = :x AND b = :x)"))
        .isEqualTo(new Condition.Not(new Condition.And(equalsX("a"), equalsX("b"))));
    assertThat(condition("a = :x and b = :x or not c = :x"))
        .isEqualTo(
            new Condition.Or(
                new Condition.And(equalsX("a"), equalsX("b")), new Condition.Not(equalsX("c"))));
  }

  @Test
  void betweenInAndFunctionsParse() {
    assertThat(condition("a BETWEEN :x AND :x")).isInstanceOf(Condition.Between.class);
    assertThat(condition("a IN (:x, :s)"))
        .isEqualTo(
            new Condition.In(
                path("a"),
                List.of(
                    new Operand.Literal(":x", Value.N.of("1")),
                    new Operand.Literal(":s", new Value.S("a")))));
    assertThat(condition("attribute_exists(a.b[2]) AND begins_with(c, :s) AND size(d) > :x"))
        .isInstanceOf(Condition.And.class);
    assertThat(condition("attribute_type(a, :t) OR contains(l, :x)"))
        .isInstanceOf(Condition.Or.class);
  }

  @Test
  void pathsNestMapsAndListIndexes() {
    Condition parsed =
        Parser.condition(
            "#m.b[1][0].#c = :x",
            Parser.Kind.CONDITION,
            placeholders("{\"#m\":\"my map\",\"#c\":\"status\"}", VALUES));
    Path path = ((Operand.PathRef) ((Condition.Compare) parsed).left()).path();
    assertThat(path.elements())
        .containsExactly(
            new Path.Name("my map"),
            new Path.Name("b"),
            new Path.Index(1),
            new Path.Index(0),
            new Path.Name("status"));
    assertThat(path).hasToString("[my map, b, [1], [0], status]");
  }

  @Test
  void syntaxErrorsNameTheTokenAndTheTextAroundIt() {
    assertThatThrownBy(() -> condition("a = "))
        .hasMessage("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"= \"");
    assertThatThrownBy(() -> condition("a = :x AND"))
        .hasMessage("Invalid ConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\"");
    assertThatThrownBy(() -> condition("a-b = :x"))
        .hasMessage("Invalid ConditionExpression: Syntax error; token: \"-\", near: \"a-b\"");
    assertThatThrownBy(() -> condition("a[1.5] = :x"))
        .hasMessage("Invalid ConditionExpression: Syntax error; token: \".\", near: \"1.5\"");
    assertThatThrownBy(() -> condition("a IN ()"))
        .hasMessage("Invalid ConditionExpression: Syntax error; token: \")\", near: \"()\"");
    assertThatThrownBy(() -> condition("a = :x)"))
        .hasMessage("Invalid ConditionExpression: Syntax error; token: \")\", near: \":x)\"");
    assertThatThrownBy(() -> condition("   "))
        .hasMessage("Invalid ConditionExpression: The expression can not be empty;");
  }

  @Test
  void reservedWordsAreRefusedBareAndAcceptedThroughAPlaceholder() {
    assertThat(ReservedWords.count()).isGreaterThan(550);
    assertThatThrownBy(() -> condition("status = :x"))
        .hasMessage(
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: status");
    assertThatThrownBy(() -> condition("a.Name = :x"))
        .hasMessage(
            "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: Name");
    assertThat(
            Parser.condition(
                "#s = :x", Parser.Kind.CONDITION, placeholders("{\"#s\":\"status\"}", VALUES)))
        .isEqualTo(equalsX("status"));
  }

  @Test
  void undefinedPlaceholdersAreRefusedInTheOrderTheyAppear() {
    assertThatThrownBy(() -> condition("#a = :nope"))
        .hasMessage(
            "Invalid ConditionExpression: An expression attribute name used in the document path is not "
                + "defined; attribute name: #a");
    assertThatThrownBy(() -> condition("a = :nope"))
        .hasMessage(
            "Invalid ConditionExpression: An expression attribute value used in expression is not defined; "
                + "attribute value: :nope");
  }

  @Test
  void unusedPlaceholdersAreRefusedOnceEveryExpressionHasParsed() {
    Placeholders placeholders = placeholders("{\"#a\":\"a\",\"#b\":\"b\"}", VALUES);
    Parser.condition("#a = :x", Parser.Kind.CONDITION, placeholders);
    assertThatThrownBy(() -> placeholders.requireAllUsed(true))
        .hasMessage("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
    Placeholders values = placeholders(null, VALUES);
    Parser.condition("a = :x", Parser.Kind.CONDITION, values);
    assertThatThrownBy(() -> values.requireAllUsed(true))
        .hasMessage(
            "Value provided in ExpressionAttributeValues unused in expressions: keys: {:s, :b, :t}");
  }

  @Test
  void functionsAreCheckedForPlaceArityAndOperandTypes() {
    assertThatThrownBy(() -> condition("attribute_exists(a, b)"))
        .hasMessage(
            "Invalid ConditionExpression: Incorrect number of operands for operator or function; operator or "
                + "function: attribute_exists, number of operands: 2");
    assertThatThrownBy(() -> condition("foo(a)"))
        .hasMessage("Invalid ConditionExpression: Invalid function name; function: foo");
    assertThatThrownBy(() -> condition("size(a)"))
        .hasMessage(
            "Invalid ConditionExpression: The function is not allowed to be used this way in an expression; "
                + "function: size");
    assertThatThrownBy(() -> condition("if_not_exists(a, :x) = :x"))
        .hasMessage(
            "Invalid ConditionExpression: The function is not allowed in a condition expression; function: "
                + "if_not_exists");
    assertThatThrownBy(() -> condition("attribute_exists(:x)"))
        .hasMessage(
            "Invalid ConditionExpression: Operator or function requires a document path; operator or "
                + "function: attribute_exists");
    assertThatThrownBy(() -> condition("begins_with(a, :x)"))
        .hasMessage(
            "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or "
                + "function: begins_with, operand type: N");
    assertThatThrownBy(() -> condition("a < :b"))
        .hasMessage(
            "Invalid ConditionExpression: Incorrect operand type for operator or function; operator or "
                + "function: <, operand type: BOOL");
    assertThatThrownBy(() -> condition("a = a"))
        .hasMessage(
            "Invalid ConditionExpression: The first operand must be distinct from the remaining operands for "
                + "this operator or function; operator: =, first operand: [a]");
    assertThatThrownBy(() -> condition("attribute_type(a, :s)"))
        .hasMessage(
            "Invalid ConditionExpression: Invalid attribute type name found; type: a, valid types: "
                + "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}");
  }

  @Test
  void betweenBoundsMustShareATypeAndBeInOrder() {
    Placeholders bounds =
        placeholders(null, "{\":lo\":{\"N\":\"5\"},\":hi\":{\"N\":\"1\"},\":s\":{\"S\":\"1\"}}");
    assertThatThrownBy(
            () -> Parser.condition("a BETWEEN :lo AND :hi", Parser.Kind.CONDITION, bounds))
        .hasMessage(
            "Invalid ConditionExpression: The BETWEEN operator requires upper bound to be greater than or "
                + "equal to lower bound; lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: "
                + "{N:1}");
    assertThatThrownBy(
            () -> Parser.condition("a BETWEEN :lo AND :s", Parser.Kind.CONDITION, bounds))
        .hasMessageContaining(
            "The BETWEEN operator requires same data type for lower and upper bounds");
  }

  static Update update(String text, String values) {
    return Parser.update(text, placeholders(null, values));
  }

  @Test
  void updatesHaveFourClausesInAnyOrderWithKeywordsInAnyCase() {
    Update parsed =
        update(
            "set a = b + :x, c = if_not_exists(c, :x), l = list_append(l, :l) remove d, e[1] "
                + "ADD n :x DELETE s :ss",
            "{\":x\":{\"N\":\"1\"},\":l\":{\"L\":[]},\":ss\":{\"SS\":[\"q\"]}}");
    assertThat(parsed.sets()).hasSize(3);
    assertThat(parsed.sets().get(0).value()).isInstanceOf(Operand.Arithmetic.class);
    assertThat(parsed.sets().get(1).value()).isInstanceOf(Operand.IfNotExists.class);
    assertThat(parsed.sets().get(2).value()).isInstanceOf(Operand.ListAppend.class);
    assertThat(parsed.removes())
        .containsExactly(Path.of("d"), new Path(List.of(new Path.Name("e"), new Path.Index(1))));
    assertThat(parsed.adds()).hasSize(1);
    assertThat(parsed.deletes()).hasSize(1);
  }

  @Test
  void anUpdateRefusesRepeatedClausesAndOverlappingOrConflictingPaths() {
    String value = "{\":v\":{\"S\":\"x\"}}";
    assertThatThrownBy(() -> update("SET a = :v SET b = :v", value))
        .hasMessage(
            "Invalid UpdateExpression: The \"SET\" section can only be used once in an update expression;");
    assertThatThrownBy(() -> update("SET m.a = :v REMOVE m", value))
        .hasMessage(
            "Invalid UpdateExpression: Two document paths overlap with each other; must remove or rewrite one "
                + "of these paths; path one: [m, a], path two: [m]");
    assertThatThrownBy(() -> update("SET m.a = :v, m[0] = :v", value))
        .hasMessage(
            "Invalid UpdateExpression: Two document paths conflict with each other; must remove or rewrite "
                + "one of these paths; path one: [m, a], path two: [m, [0]]");
    assertThatThrownBy(() -> update("SET a = :v + :v", value))
        .hasMessage(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator or function: "
                + "+, operand type: S");
    assertThatThrownBy(() -> update("ADD a :v", value))
        .hasMessage(
            "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, operand "
                + "type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND");
    assertThatThrownBy(() -> update("SET a = size(b)", value))
        .hasMessage(
            "Invalid UpdateExpression: The function is not allowed in an update expression; function: size");
    assertThatThrownBy(() -> update("ADD s n", value))
        .hasMessage("Invalid UpdateExpression: Syntax error; token: \"n\", near: \"s n\"");
    assertThatThrownBy(() -> update("SET a = :v + :v + :v", "{\":v\":{\"N\":\"1\"}}"))
        .hasMessage("Invalid UpdateExpression: Syntax error; token: \"+\", near: \":v + :v\"");
  }

  @Test
  void projectionsArePathsAndRefuseOverlaps() {
    assertThat(Parser.projection("a, b.c, l[0]", Placeholders.none())).hasSize(3);
    assertThatThrownBy(() -> Parser.projection("m.a, m.a.b", Placeholders.none()))
        .hasMessage(
            "Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite "
                + "one of these paths; path one: [m, a], path two: [m, a, b]");
    assertThatThrownBy(() -> Parser.projection("size(n)", Placeholders.none()))
        .hasMessage("Invalid ProjectionExpression: Syntax error; token: \"(\", near: \"size(n\"");
  }

  @Test
  void placeholderMapsAreCheckedWhenRead() {
    assertThatThrownBy(() -> placeholders("{}", null))
        .hasMessage("ExpressionAttributeNames must not be empty");
    assertThatThrownBy(() -> placeholders(null, "{\"v\":{\"S\":\"x\"}}"))
        .hasMessage("ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
    assertThatThrownBy(() -> placeholders(null, "{\":v\":{\"SS\":[]}}"))
        .hasMessage(
            "ExpressionAttributeValues contains invalid value: One or more parameter values were invalid: An "
                + "string set  may not be empty for key :v");
  }
}
