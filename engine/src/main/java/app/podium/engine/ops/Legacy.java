package app.podium.engine.ops;

import app.podium.engine.expr.Condition;
import app.podium.engine.expr.Operand;
import app.podium.engine.expr.Path;
import app.podium.engine.expr.Update;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Value;
import app.podium.engine.value.ValueJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * DynamoDB's older parameters (Expected, AttributeUpdates, KeyConditions, QueryFilter, ScanFilter),
 * turned into the same conditions and updates the expressions parse into, so that both are
 * evaluated alike.
 */
final class Legacy {
  private Legacy() {}

  /** A request's Expected (with its ConditionalOperator), or null when it has none. */
  static Condition expected(JsonNode request) {
    JsonNode expected = Requests.field(request, "Expected");
    if (expected == null) {
      return null;
    }
    List<Condition> conditions = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode spec = field.getValue();
      Path path = Path.of(field.getKey());
      if (spec.has("ComparisonOperator")) {
        conditions.add(comparison(path, spec));
      } else if (spec.has("Exists") && !spec.get("Exists").asBoolean()) {
        if (spec.has("Value")) {
          throw DynamoError.invalid(
              "Value cannot be used when Exists is false for Attribute: " + field.getKey());
        }
        conditions.add(new Condition.Exists(path, false));
      } else if (spec.has("Value")) {
        conditions.add(
            new Condition.Compare(
                Condition.Comparator.EQ, new Operand.PathRef(path), literal(spec.get("Value"))));
      } else {
        throw DynamoError.invalid(
            "Value must be provided when Exists is true for Attribute: " + field.getKey());
      }
    }
    return joined(conditions, Requests.string(request, "ConditionalOperator"));
  }

  /**
   * KeyConditions, QueryFilter or ScanFilter: attribute name to ComparisonOperator and
   * AttributeValueList.
   */
  static Condition conditions(JsonNode conditionsNode, String operator) {
    if (conditionsNode == null) {
      return null;
    }
    List<Condition> conditions = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = conditionsNode.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      conditions.add(comparison(Path.of(field.getKey()), field.getValue()));
    }
    return joined(conditions, operator);
  }

  private static Condition joined(List<Condition> conditions, String operator) {
    if (conditions.isEmpty()) {
      return null;
    }
    boolean or = "OR".equals(operator);
    Condition result = conditions.getFirst();
    for (Condition next : conditions.subList(1, conditions.size())) {
      result = or ? new Condition.Or(result, next) : new Condition.And(result, next);
    }
    return result;
  }

  private static Condition comparison(Path path, JsonNode spec) {
    String operator = spec.path("ComparisonOperator").asText();
    List<Operand> values = new ArrayList<>();
    JsonNode list = spec.get("AttributeValueList");
    if (list != null) {
      for (JsonNode value : list) {
        values.add(literal(value));
      }
    }
    Operand.PathRef attribute = new Operand.PathRef(path);
    int needed =
        switch (operator) {
          case "NULL", "NOT_NULL" -> 0;
          case "BETWEEN" -> 2;
          case "IN" -> Math.max(1, values.size());
          default -> 1;
        };
    if (values.size() != needed) {
      throw DynamoError.invalid(
          "Invalid number of argument(s) for the " + operator + " ComparisonOperator");
    }
    return switch (operator) {
      case "EQ" -> new Condition.Compare(Condition.Comparator.EQ, attribute, values.getFirst());
      case "NE" -> new Condition.Compare(Condition.Comparator.NE, attribute, values.getFirst());
      case "LT" -> new Condition.Compare(Condition.Comparator.LT, attribute, values.getFirst());
      case "LE" -> new Condition.Compare(Condition.Comparator.LE, attribute, values.getFirst());
      case "GT" -> new Condition.Compare(Condition.Comparator.GT, attribute, values.getFirst());
      case "GE" -> new Condition.Compare(Condition.Comparator.GE, attribute, values.getFirst());
      case "NOT_NULL" -> new Condition.Exists(path, true);
      case "NULL" -> new Condition.Exists(path, false);
      case "CONTAINS" -> new Condition.Contains(attribute, values.getFirst());
      case "NOT_CONTAINS" ->
          new Condition.Not(new Condition.Contains(attribute, values.getFirst()));
      case "BEGINS_WITH" -> new Condition.BeginsWith(attribute, values.getFirst());
      case "IN" -> new Condition.In(attribute, values);
      case "BETWEEN" -> new Condition.Between(attribute, values.get(0), values.get(1));
      default ->
          throw Requests.notInEnum(
              operator,
              "comparisonOperator",
              List.of(
                  "EQ",
                  "NE",
                  "IN",
                  "LE",
                  "LT",
                  "GE",
                  "GT",
                  "BETWEEN",
                  "NOT_NULL",
                  "NULL",
                  "CONTAINS",
                  "NOT_CONTAINS",
                  "BEGINS_WITH"));
    };
  }

  private static Operand.Literal literal(JsonNode value) {
    return new Operand.Literal(":legacy", ValueJson.value(value));
  }

  /**
   * AttributeUpdates as an update: PUT sets, DELETE removes (or takes elements out of a set), ADD
   * adds.
   */
  static Update attributeUpdates(JsonNode updates) {
    if (updates == null) {
      return null;
    }
    List<Update.Set> sets = new ArrayList<>();
    List<Path> removes = new ArrayList<>();
    List<Update.Add> adds = new ArrayList<>();
    List<Update.Delete> deletes = new ArrayList<>();
    Iterator<Map.Entry<String, JsonNode>> fields = updates.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      Path path = Path.of(field.getKey());
      JsonNode spec = field.getValue();
      String action = spec.has("Action") ? spec.get("Action").asText() : "PUT";
      Operand.Literal value = spec.has("Value") ? literal(spec.get("Value")) : null;
      switch (action) {
        case "PUT" -> {
          if (value == null) {
            throw DynamoError.invalid(
                "Only DELETE action is allowed when no attribute value is specified");
          }
          sets.add(new Update.Set(path, value));
        }
        case "DELETE" -> {
          if (value == null) {
            removes.add(path);
          } else {
            deletes.add(new Update.Delete(path, value));
          }
        }
        case "ADD" -> {
          if (value == null) {
            throw DynamoError.invalid(
                "Only DELETE action is allowed when no attribute value is specified");
          }
          if (value.value() instanceof Value.L) {
            // ADD of a list appends to the list, creating it when missing
            sets.add(
                new Update.Set(
                    path,
                    new Operand.ListAppend(
                        new Operand.IfNotExists(
                            path, new Operand.Literal(":legacy", new Value.L(List.of()))),
                        value)));
          } else {
            adds.add(new Update.Add(path, value));
          }
        }
        default -> throw Requests.notInEnum(action, "action", List.of("ADD", "PUT", "DELETE"));
      }
    }
    return new Update(sets, removes, adds, deletes);
  }
}
