package app.podium.engine.expr;

import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Order;
import app.podium.engine.value.Value;
import app.podium.engine.value.Values;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A recursive-descent parser of DynamoDB's expressions, with DynamoDB's precedence (comparators,
 * IN, BETWEEN and functions bind tighter than NOT, NOT tighter than AND, AND tighter than OR) and
 * its messages. Syntax errors are reported at once; other problems (a reserved word, an undefined
 * placeholder, a function in the wrong place, a constant of the wrong type) are kept until the
 * whole expression has parsed, and the first one in the text wins, as DynamoDB parses before it
 * checks.
 */
public final class Parser {
  /** Which request field the expression came from: DynamoDB names it in every message. */
  public enum Kind {
    CONDITION("ConditionExpression"),
    KEY_CONDITION("KeyConditionExpression"),
    FILTER("FilterExpression"),
    UPDATE("UpdateExpression"),
    PROJECTION("ProjectionExpression");

    final String label;

    Kind(String label) {
      this.label = label;
    }
  }

  static final int MAX_LENGTH = 4096;
  private static final Set<String> BOOLEAN_FUNCTIONS =
      Set.of(
          "attribute_exists", "attribute_not_exists", "attribute_type", "begins_with", "contains");
  private static final Set<String> UPDATE_FUNCTIONS = Set.of("if_not_exists", "list_append");
  private static final Set<Value.Type> SCALAR_ORDERED =
      EnumSet.of(Value.Type.S, Value.Type.N, Value.Type.B);
  private static final Set<Value.Type> ADDABLE =
      EnumSet.of(Value.Type.N, Value.Type.SS, Value.Type.NS, Value.Type.BS);
  private static final String VALID_TYPES = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}";

  private final String source;
  private final List<Token> tokens;
  private final Kind kind;
  private final Placeholders placeholders;
  private int position;
  private DynamoError deferred;

  private Parser(String source, Kind kind, Placeholders placeholders) {
    this.source = source;
    this.kind = kind;
    this.placeholders = placeholders;
    if (source.isBlank()) {
      throw error("The expression can not be empty;");
    }
    if (source.length() > MAX_LENGTH) {
      throw error(
          "Expression size has exceeded the maximum allowed size; expression size: "
              + source.length());
    }
    this.tokens = Lexer.tokens(source);
  }

  public static Condition condition(String source, Kind kind, Placeholders placeholders) {
    Parser parser = new Parser(source, kind, placeholders);
    Condition condition = parser.or();
    parser.expect(Token.Kind.EOF);
    parser.throwDeferred();
    return condition;
  }

  public static Update update(String source, Placeholders placeholders) {
    Parser parser = new Parser(source, Kind.UPDATE, placeholders);
    Update update = parser.updateClauses();
    parser.throwDeferred();
    List<Path> targets = new ArrayList<>();
    update.sets().forEach(set -> targets.add(set.path()));
    targets.addAll(update.removes());
    update.adds().forEach(add -> targets.add(add.path()));
    update.deletes().forEach(delete -> targets.add(delete.path()));
    parser.requireDisjoint(targets);
    return update;
  }

  public static List<Path> projection(String source, Placeholders placeholders) {
    Parser parser = new Parser(source, Kind.PROJECTION, placeholders);
    List<Path> paths = new ArrayList<>();
    paths.add(parser.path());
    while (parser.accept(Token.Kind.COMMA)) {
      paths.add(parser.path());
    }
    parser.expect(Token.Kind.EOF);
    parser.throwDeferred();
    parser.requireDisjoint(paths);
    return paths;
  }

  // ---- conditions

  private Condition or() {
    return joined("OR", this::and, Condition.Or::new);
  }

  private Condition and() {
    return joined("AND", this::not, Condition.And::new);
  }

  /** Operands joined, left to right, by {@code keyword}. */
  private Condition joined(
      String keyword,
      java.util.function.Supplier<Condition> operand,
      java.util.function.BinaryOperator<Condition> join) {
    Condition left = operand.get();
    while (peek().isKeyword(keyword)) {
      position++;
      left = join.apply(left, operand.get());
    }
    return left;
  }

  private Condition not() {
    if (peek().isKeyword("NOT")) {
      position++;
      return new Condition.Not(not());
    }
    return primary();
  }

  private Condition primary() {
    Token token = peek();
    if (token.kind() == Token.Kind.LPAREN) {
      position++;
      Condition inner = or();
      expect(Token.Kind.RPAREN);
      return inner;
    }
    if (isFunctionCall() && !token.text().equals("size")) {
      String function = token.text();
      if (BOOLEAN_FUNCTIONS.contains(function)) {
        Condition condition = booleanFunction();
        if (isComparison(peek())) {
          defer(
              "The function is not allowed to be used this way in an expression; function: "
                  + function);
          return comparison(new Operand.Literal(function, Values.NULL));
        }
        return condition;
      }
      Operand operand = operand();
      return isComparison(peek())
          ? comparison(operand)
          : new Condition.Exists(Path.of(function), true);
    }
    Operand left = operand();
    if (left instanceof Operand.Size && !isComparison(peek())) {
      defer("The function is not allowed to be used this way in an expression; function: size");
      return new Condition.Exists(Path.of("size"), true);
    }
    return comparison(left);
  }

  private static boolean isComparison(Token token) {
    return switch (token.kind()) {
      case EQ, NE, LT, LE, GT, GE -> true;
      default -> token.isKeyword("BETWEEN") || token.isKeyword("IN");
    };
  }

  private Condition comparison(Operand left) {
    Token token = peek();
    Condition.Comparator comparator =
        switch (token.kind()) {
          case EQ -> Condition.Comparator.EQ;
          case NE -> Condition.Comparator.NE;
          case LT -> Condition.Comparator.LT;
          case LE -> Condition.Comparator.LE;
          case GT -> Condition.Comparator.GT;
          case GE -> Condition.Comparator.GE;
          default -> null;
        };
    if (comparator != null) {
      position++;
      Operand right = operand();
      if (comparator != Condition.Comparator.EQ && comparator != Condition.Comparator.NE) {
        requireOrdered(comparator.symbol, left);
        requireOrdered(comparator.symbol, right);
      }
      if (left instanceof Operand.PathRef a && right instanceof Operand.PathRef b && a.equals(b)) {
        defer(
            "The first operand must be distinct from the remaining operands for this operator or function; "
                + "operator: "
                + comparator.symbol
                + ", first operand: "
                + a.path());
      }
      return new Condition.Compare(comparator, left, right);
    }
    if (token.isKeyword("BETWEEN")) {
      position++;
      Operand low = operand();
      expectKeyword("AND");
      Operand high = operand();
      requireOrdered("BETWEEN", left);
      requireOrdered("BETWEEN", low);
      requireOrdered("BETWEEN", high);
      if (low instanceof Operand.Literal l && high instanceof Operand.Literal h) {
        String bounds =
            "lower bound operand: AttributeValue: {"
                + Values.brief(l.value())
                + "}, upper bound operand: AttributeValue: {"
                + Values.brief(h.value())
                + "}";
        if (l.value().type() != h.value().type()) {
          defer(
              "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
        } else if (Order.comparable(l.value(), h.value())
            && Order.compare(l.value(), h.value()) > 0) {
          defer(
              "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
                  + bounds);
        }
      }
      return new Condition.Between(left, low, high);
    }
    if (token.isKeyword("IN")) {
      position++;
      expect(Token.Kind.LPAREN);
      List<Operand> candidates = new ArrayList<>();
      candidates.add(operand());
      while (accept(Token.Kind.COMMA)) {
        candidates.add(operand());
      }
      expect(Token.Kind.RPAREN);
      return new Condition.In(left, candidates);
    }
    throw syntax();
  }

  private Condition booleanFunction() {
    String function = peek().text();
    List<Operand> arguments = arguments();
    int expected = function.startsWith("attribute_") && !function.equals("attribute_type") ? 1 : 2;
    if (arguments.size() != expected) {
      defer(
          "Incorrect number of operands for operator or function; operator or function: "
              + function
              + ", number of operands: "
              + arguments.size());
      return new Condition.Exists(Path.of(function), true);
    }
    Operand first = arguments.getFirst();
    return switch (function) {
      case "attribute_exists", "attribute_not_exists" -> {
        Path path = requirePath(function, first);
        yield new Condition.Exists(path, function.equals("attribute_exists"));
      }
      case "attribute_type" -> {
        Path path = requirePath(function, first);
        if (arguments.get(1) instanceof Operand.Literal type && type.value() != null) {
          String name = type.value() instanceof Value.S s ? s.value() : null;
          if (name == null) {
            defer(
                "Incorrect operand type for operator or function; operator or function: attribute_type, operand "
                    + "type: "
                    + type.value().type());
          } else if (!isTypeName(name)) {
            defer(
                "Invalid attribute type name found; type: "
                    + name
                    + ", valid types: "
                    + VALID_TYPES);
          }
        }
        yield new Condition.TypeIs(path, arguments.get(1));
      }
      case "begins_with" -> {
        for (Operand argument : arguments) {
          if (argument instanceof Operand.Literal literal
              && literal.value() != null
              && !(literal.value() instanceof Value.S || literal.value() instanceof Value.B)) {
            defer(
                "Incorrect operand type for operator or function; operator or function: begins_with, operand "
                    + "type: "
                    + literal.value().type());
          }
        }
        yield new Condition.BeginsWith(first, arguments.get(1));
      }
      default -> new Condition.Contains(first, arguments.get(1));
    };
  }

  private static boolean isTypeName(String name) {
    for (Value.Type type : Value.Type.values()) {
      if (type.name().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private Path requirePath(String function, Operand operand) {
    if (operand instanceof Operand.PathRef ref) {
      return ref.path();
    }
    defer("Operator or function requires a document path; operator or function: " + function);
    return Path.of(function);
  }

  private void requireOrdered(String operator, Operand operand) {
    if (operand instanceof Operand.Literal literal
        && literal.value() != null
        && !SCALAR_ORDERED.contains(literal.value().type())) {
      defer(
          "Incorrect operand type for operator or function; operator or function: "
              + operator
              + ", operand type: "
              + literal.value().type());
    }
  }

  /** An operand of a condition: a path, a value, or size(...). */
  private Operand operand() {
    Token token = peek();
    if (token.kind() == Token.Kind.PLACEHOLDER_VALUE) {
      position++;
      return literal(token);
    }
    if (isFunctionCall()) {
      String function = token.text();
      List<Operand> arguments = arguments();
      if (function.equals("size")) {
        if (arguments.size() != 1) {
          defer(
              "Incorrect number of operands for operator or function; operator or function: size, number of "
                  + "operands: "
                  + arguments.size());
        }
        return new Operand.Size(arguments.getFirst());
      }
      if (UPDATE_FUNCTIONS.contains(function)) {
        defer("The function is not allowed in a condition expression; function: " + function);
      } else if (BOOLEAN_FUNCTIONS.contains(function)) {
        defer(
            "The function is not allowed to be used this way in an expression; function: "
                + function);
      } else {
        defer("Invalid function name; function: " + function);
      }
      return arguments.getFirst();
    }
    if (token.kind() == Token.Kind.NAME || token.kind() == Token.Kind.PLACEHOLDER_NAME) {
      return new Operand.PathRef(path());
    }
    throw syntax();
  }

  private boolean isFunctionCall() {
    return peek().kind() == Token.Kind.NAME && tokens.get(position + 1).kind() == Token.Kind.LPAREN;
  }

  /** A function's name and its parenthesized, comma-separated arguments. */
  private List<Operand> arguments() {
    position++;
    expect(Token.Kind.LPAREN);
    List<Operand> arguments = new ArrayList<>();
    arguments.add(kind == Kind.UPDATE ? setValue() : operand());
    while (accept(Token.Kind.COMMA)) {
      arguments.add(kind == Kind.UPDATE ? setValue() : operand());
    }
    expect(Token.Kind.RPAREN);
    return arguments;
  }

  private Operand.Literal literal(Token token) {
    Value value = placeholders.value(token.text());
    if (value == null) {
      defer(
          "An expression attribute value used in expression is not defined; attribute value: "
              + token.text());
    }
    return new Operand.Literal(token.text(), value);
  }

  // ---- paths

  private Path path() {
    List<Path.Element> elements = new ArrayList<>();
    elements.add(new Path.Name(name()));
    while (true) {
      if (accept(Token.Kind.DOT)) {
        elements.add(new Path.Name(name()));
      } else if (accept(Token.Kind.LBRACKET)) {
        Token number = peek();
        if (number.kind() != Token.Kind.NUMBER) {
          throw syntax();
        }
        int index;
        try {
          index = Integer.parseInt(number.text());
        } catch (NumberFormatException tooLarge) {
          throw syntax();
        }
        position++;
        expect(Token.Kind.RBRACKET);
        elements.add(new Path.Index(index));
      } else {
        return new Path(elements);
      }
    }
  }

  private String name() {
    Token token = peek();
    if (token.kind() == Token.Kind.NAME) {
      position++;
      if (ReservedWords.contains(token.text())) {
        defer("Attribute name is a reserved keyword; reserved keyword: " + token.text());
      }
      return token.text();
    }
    if (token.kind() == Token.Kind.PLACEHOLDER_NAME) {
      position++;
      String name = placeholders.name(token.text());
      if (name == null) {
        defer(
            "An expression attribute name used in the document path is not defined; attribute name: "
                + token.text());
        return token.text();
      }
      return name;
    }
    throw syntax();
  }

  // ---- updates

  private Update updateClauses() {
    List<Update.Set> sets = new ArrayList<>();
    List<Path> removes = new ArrayList<>();
    List<Update.Add> adds = new ArrayList<>();
    List<Update.Delete> deletes = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    do {
      Token clause = peek();
      String name =
          clause.kind() == Token.Kind.NAME ? clause.text().toUpperCase(java.util.Locale.ROOT) : "";
      if (!Set.of("SET", "REMOVE", "ADD", "DELETE").contains(name)) {
        throw syntax();
      }
      position++;
      if (!seen.add(name)) {
        defer("The \"" + name + "\" section can only be used once in an update expression;");
      }
      do {
        switch (name) {
          case "SET" -> {
            Path path = path();
            expect(Token.Kind.EQ);
            sets.add(new Update.Set(path, setValue()));
          }
          case "REMOVE" -> removes.add(path());
          case "ADD" -> {
            Path path = path();
            Operand.Literal value = valueToken();
            if (value.value() != null && !ADDABLE.contains(value.value().type())) {
              defer(
                  "Incorrect operand type for operator or function; operator: ADD, operand type: "
                      + value.value().type().longName()
                      + ", typeSet: ALLOWED_FOR_ADD_OPERAND");
            }
            adds.add(new Update.Add(path, value));
          }
          default -> {
            Path path = path();
            Operand.Literal value = valueToken();
            if (value.value() != null && !value.value().type().isSet()) {
              defer(
                  "Incorrect operand type for operator or function; operator: DELETE, operand type: "
                      + value.value().type().longName()
                      + ", typeSet: ALLOWED_FOR_DELETE_OPERAND");
            }
            deletes.add(new Update.Delete(path, value));
          }
        }
      } while (accept(Token.Kind.COMMA));
    } while (peek().kind() != Token.Kind.EOF);
    return new Update(sets, removes, adds, deletes);
  }

  private Operand.Literal valueToken() {
    Token token = peek();
    if (token.kind() != Token.Kind.PLACEHOLDER_VALUE) {
      throw syntax();
    }
    position++;
    return literal(token);
  }

  /** The right side of a SET action: an operand, or two joined by + or -. */
  private Operand setValue() {
    Operand left = setOperand();
    Token token = peek();
    if (token.kind() == Token.Kind.PLUS || token.kind() == Token.Kind.MINUS) {
      position++;
      Operand right = setOperand();
      for (Operand side : List.of(left, right)) {
        if (side instanceof Operand.Literal literal
            && literal.value() != null
            && literal.value().type() != Value.Type.N) {
          defer(
              "Incorrect operand type for operator or function; operator or function: "
                  + token.text()
                  + ", operand type: "
                  + literal.value().type());
        }
      }
      return new Operand.Arithmetic(left, token.kind() == Token.Kind.PLUS, right);
    }
    return left;
  }

  private Operand setOperand() {
    Token token = peek();
    if (token.kind() == Token.Kind.LPAREN) {
      position++;
      Operand inner = setValue();
      expect(Token.Kind.RPAREN);
      return inner;
    }
    if (token.kind() == Token.Kind.PLACEHOLDER_VALUE) {
      position++;
      return literal(token);
    }
    if (isFunctionCall()) {
      String function = token.text();
      List<Operand> arguments = arguments();
      if (!UPDATE_FUNCTIONS.contains(function)) {
        defer(
            BOOLEAN_FUNCTIONS.contains(function) || function.equals("size")
                ? "The function is not allowed in an update expression; function: " + function
                : "Invalid function name; function: " + function);
        return arguments.getFirst();
      }
      if (arguments.size() != 2) {
        defer(
            "Incorrect number of operands for operator or function; operator or function: "
                + function
                + ", number of operands: "
                + arguments.size());
        return arguments.getFirst();
      }
      if (function.equals("if_not_exists")) {
        return new Operand.IfNotExists(requirePath(function, arguments.get(0)), arguments.get(1));
      }
      for (Operand argument : arguments) {
        if (argument instanceof Operand.Literal literal
            && literal.value() != null
            && literal.value().type() != Value.Type.L) {
          defer(
              "Incorrect operand type for operator or function; operator or function: list_append, operand type: "
                  + literal.value().type());
        }
      }
      return new Operand.ListAppend(arguments.get(0), arguments.get(1));
    }
    if (token.kind() == Token.Kind.NAME || token.kind() == Token.Kind.PLACEHOLDER_NAME) {
      return new Operand.PathRef(path());
    }
    throw syntax();
  }

  // ---- checks shared by updates and projections

  /**
   * Two paths of one update or projection may neither overlap (one a prefix of the other) nor
   * conflict.
   */
  private void requireDisjoint(List<Path> paths) {
    for (int i = 0; i < paths.size(); i++) {
      for (int j = i + 1; j < paths.size(); j++) {
        Path one = paths.get(i);
        Path two = paths.get(j);
        if (one.isPrefixOf(two) || two.isPrefixOf(one)) {
          throw error(
              "Two document paths overlap with each other; must remove or rewrite one of these paths; "
                  + "path one: "
                  + one
                  + ", path two: "
                  + two);
        }
        int common = 0;
        while (one.get(common).equals(two.get(common))) {
          common++;
        }
        if (one.get(common).getClass() != two.get(common).getClass()) {
          throw error(
              "Two document paths conflict with each other; must remove or rewrite one of these paths; "
                  + "path one: "
                  + one
                  + ", path two: "
                  + two);
        }
      }
    }
  }

  // ---- tokens

  private Token peek() {
    return tokens.get(position);
  }

  private boolean accept(Token.Kind expected) {
    if (peek().kind() == expected) {
      position++;
      return true;
    }
    return false;
  }

  private void expect(Token.Kind expected) {
    if (!accept(expected)) {
      throw syntax();
    }
  }

  private void expectKeyword(String keyword) {
    if (!peek().isKeyword(keyword)) {
      throw syntax();
    }
    position++;
  }

  private void defer(String message) {
    if (deferred == null) {
      deferred = error(message);
    }
  }

  private void throwDeferred() {
    if (deferred != null) {
      throw deferred;
    }
  }

  private DynamoError error(String message) {
    return DynamoError.validation("Invalid " + kind.label + ": " + message);
  }

  /**
   * DynamoDB's syntax error: the offending token, and the text from the token before it to the
   * token after it.
   */
  private DynamoError syntax() {
    Token at = peek();
    Token before = position > 0 ? tokens.get(position - 1) : at;
    int end =
        at.kind() == Token.Kind.EOF || position + 1 >= tokens.size()
            ? source.length()
            : tokens.get(position + 1).kind() == Token.Kind.EOF
                ? source.length()
                : tokens.get(position + 1).end();
    return error(
        "Syntax error; token: \""
            + at.display()
            + "\", near: \""
            + source.substring(before.start(), end)
            + "\"");
  }
}
