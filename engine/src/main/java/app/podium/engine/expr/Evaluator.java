package app.podium.engine.expr;

import app.podium.engine.value.Bytes;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Numbers;
import app.podium.engine.value.Order;
import app.podium.engine.value.Value;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates parsed expressions against items, with DynamoDB's semantics. Items are never changed in
 * place.
 */
public final class Evaluator {
  private static final String INVALID_PATH =
      "The document path provided in the update expression is invalid for update";
  private static final String WRONG_TYPE =
      "An operand in the update expression has an incorrect data type";
  private static final String MISSING =
      "The provided expression refers to an attribute that does not exist in the item";

  private Evaluator() {}

  /** The value at {@code path} in {@code item}, or null when there is none. */
  public static Value resolve(Path path, Map<String, Value> item) {
    Value current = item.get(path.attribute());
    for (int i = 1; i < path.size() && current != null; i++) {
      current = child(current, path.get(i));
    }
    return current;
  }

  private static Value child(Value container, Path.Element element) {
    if (element instanceof Path.Name name) {
      return container instanceof Value.M map ? map.values().get(name.name()) : null;
    }
    int index = ((Path.Index) element).index();
    return container instanceof Value.L list && index < list.values().size()
        ? list.values().get(index)
        : null;
  }

  // ---- conditions

  /** Whether {@code item} (empty when there is no item) satisfies {@code condition}. */
  public static boolean test(Condition condition, Map<String, Value> item) {
    return switch (condition) {
      case Condition.And and -> test(and.left(), item) && test(and.right(), item);
      case Condition.Or or -> test(or.left(), item) || test(or.right(), item);
      case Condition.Not not -> !test(not.condition(), item);
      case Condition.Exists exists -> (resolve(exists.path(), item) != null) == exists.exists();
      case Condition.Compare compare ->
          compare(compare.comparator(), value(compare.left(), item), value(compare.right(), item));
      case Condition.Between between -> {
        Value value = value(between.value(), item);
        Value low = value(between.low(), item);
        Value high = value(between.high(), item);
        yield value != null
            && low != null
            && high != null
            && Order.comparable(value, low)
            && Order.comparable(value, high)
            && Order.compare(value, low) >= 0
            && Order.compare(value, high) <= 0;
      }
      case Condition.In in -> {
        Value value = value(in.value(), item);
        yield value != null && in.candidates().stream().anyMatch(c -> value.equals(value(c, item)));
      }
      case Condition.TypeIs typeIs -> {
        Value value = resolve(typeIs.path(), item);
        yield value != null
            && value(typeIs.type(), item) instanceof Value.S type
            && value.type().name().equals(type.value());
      }
      case Condition.BeginsWith beginsWith -> {
        Value value = value(beginsWith.value(), item);
        Value prefix = value(beginsWith.prefix(), item);
        if (value instanceof Value.S s && prefix instanceof Value.S p) {
          yield s.value().startsWith(p.value());
        }
        yield value instanceof Value.B b
            && prefix instanceof Value.B p
            && b.value().startsWith(p.value());
      }
      case Condition.Contains contains ->
          contains(value(contains.container(), item), value(contains.element(), item));
    };
  }

  private static boolean compare(Condition.Comparator comparator, Value left, Value right) {
    boolean equal = left != null && left.equals(right);
    return switch (comparator) {
      case EQ -> equal;
      case NE -> !equal;
      default -> {
        if (left == null || right == null || !Order.comparable(left, right)) {
          yield false;
        }
        int order = Order.compare(left, right);
        yield switch (comparator) {
          case LT -> order < 0;
          case LE -> order <= 0;
          case GT -> order > 0;
          default -> order >= 0;
        };
      }
    };
  }

  private static boolean contains(Value container, Value element) {
    if (container == null || element == null) {
      return false;
    }
    return switch (container) {
      case Value.S s -> element instanceof Value.S part && s.value().contains(part.value());
      case Value.B b -> element instanceof Value.B part && b.value().contains(part.value());
      case Value.SS ss -> element instanceof Value.S e && ss.values().contains(e.value());
      case Value.NS ns -> element instanceof Value.N e && ns.values().contains(e.value());
      case Value.BS bs -> element instanceof Value.B e && bs.values().contains(e.value());
      case Value.L list -> list.values().contains(element);
      default -> false;
    };
  }

  /**
   * An operand of a condition: a path's value, a literal, or size(...); null when there is none.
   */
  static Value value(Operand operand, Map<String, Value> item) {
    return switch (operand) {
      case Operand.PathRef ref -> resolve(ref.path(), item);
      case Operand.Literal literal -> literal.value();
      case Operand.Size size -> size(value(size.of(), item));
      default -> throw new IllegalStateException("not a condition operand: " + operand);
    };
  }

  private static Value size(Value value) {
    if (value == null) {
      return null;
    }
    long size =
        switch (value) {
          // DynamoDB Local counts UTF-16 units, as Java's String.length does
          case Value.S s -> s.value().length();
          case Value.B b -> b.value().length();
          case Value.SS ss -> ss.values().size();
          case Value.NS ns -> ns.values().size();
          case Value.BS bs -> bs.values().size();
          case Value.L l -> l.values().size();
          case Value.M m -> m.values().size();
          default -> -1;
        };
    return size < 0 ? null : Value.N.of(size);
  }

  // ---- projections

  /**
   * The parts of {@code item} that {@code paths} name, nested as in the item; list elements keep
   * their order.
   */
  public static Map<String, Value> project(List<Path> paths, Map<String, Value> item) {
    Map<String, Object> tree = new LinkedHashMap<>();
    for (Path path : paths) {
      Value value = resolve(path, item);
      if (value != null) {
        place(tree, path, value);
      }
    }
    Map<String, Value> projected = new LinkedHashMap<>();
    tree.forEach((name, node) -> projected.put(name, built(node)));
    return projected;
  }

  /**
   * Puts {@code leaf} at {@code path} in a tree of maps (attribute or key to node) and sorted maps
   * (list index to node): elements projected from one list come out in their list order, without
   * gaps.
   */
  @SuppressWarnings("unchecked")
  private static void place(Map<String, Object> tree, Path path, Value leaf) {
    Map<Object, Object> level = (Map<Object, Object>) (Map<?, ?>) tree;
    for (int depth = 0; depth < path.size(); depth++) {
      Path.Element element = path.get(depth);
      Object key = element instanceof Path.Name name ? name.name() : ((Path.Index) element).index();
      if (depth == path.size() - 1) {
        level.put(key, leaf);
      } else {
        boolean nextIsIndex = path.get(depth + 1) instanceof Path.Index;
        level =
            (Map<Object, Object>)
                level.computeIfAbsent(
                    key,
                    k ->
                        nextIsIndex
                            ? new java.util.TreeMap<Integer, Object>()
                            : new LinkedHashMap<String, Object>());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Value built(Object node) {
    if (node instanceof Value value) {
      return value;
    }
    if (node instanceof java.util.TreeMap<?, ?> list) {
      return new Value.L(list.values().stream().map(Evaluator::built).toList());
    }
    Map<String, Value> map = new LinkedHashMap<>();
    ((Map<String, Object>) node).forEach((name, child) -> map.put(name, built(child)));
    return new Value.M(map);
  }

  // ---- updates

  /** The top-level attributes an update changes: what UPDATED_OLD and UPDATED_NEW return. */
  public static Set<String> touched(Update update) {
    Set<String> names = new LinkedHashSet<>();
    paths(update).forEach(path -> names.add(path.attribute()));
    return names;
  }

  /** Every path {@code update} writes, in the order of its clauses. */
  public static List<Path> paths(Update update) {
    List<Path> paths = new ArrayList<>();
    update.sets().forEach(set -> paths.add(set.path()));
    paths.addAll(update.removes());
    update.adds().forEach(add -> paths.add(add.path()));
    update.deletes().forEach(delete -> paths.add(delete.path()));
    return paths;
  }

  /**
   * The item after {@code update}; every operand reads {@code old}, the item before it (empty when
   * there is none).
   */
  public static Map<String, Value> apply(Update update, Map<String, Value> old) {
    List<Value> values = new ArrayList<>();
    for (Update.Set set : update.sets()) {
      values.add(setValue(set.value(), old));
    }
    Map<String, Value> item = new HashMap<>(old);
    for (int i = 0; i < update.sets().size(); i++) {
      set(item, update.sets().get(i).path(), values.get(i));
    }
    // list elements are removed by their index before the update: the highest first
    List<Path> removes = new ArrayList<>(update.removes());
    removes.sort(Comparator.comparingInt(Evaluator::lastIndex).reversed());
    for (Path path : removes) {
      remove(item, path);
    }
    for (Update.Add add : update.adds()) {
      Value current = resolve(add.path(), item);
      Value operand = add.value().value();
      Value result;
      if (current == null) {
        result = operand;
      } else if (current instanceof Value.N n && operand instanceof Value.N plus) {
        result = new Value.N(Numbers.checked(n.value().add(plus.value())));
      } else if (current.type() == operand.type() && current.type().isSet()) {
        result = union(current, operand);
      } else {
        throw DynamoError.validation(WRONG_TYPE);
      }
      set(item, add.path(), result);
    }
    for (Update.Delete delete : update.deletes()) {
      Value current = resolve(delete.path(), item);
      if (current == null) {
        continue;
      }
      Value operand = delete.value().value();
      if (current.type() != operand.type()) {
        throw DynamoError.validation(WRONG_TYPE);
      }
      Value rest = difference(current, operand);
      if (rest == null) {
        remove(item, delete.path());
      } else {
        set(item, delete.path(), rest);
      }
    }
    return item;
  }

  private static int lastIndex(Path path) {
    return path.get(path.size() - 1) instanceof Path.Index index ? index.index() : -1;
  }

  private static Value setValue(Operand operand, Map<String, Value> old) {
    return switch (operand) {
      case Operand.Literal literal -> literal.value();
      case Operand.PathRef ref -> {
        Value value = resolve(ref.path(), old);
        if (value == null) {
          throw DynamoError.validation(MISSING);
        }
        yield value;
      }
      case Operand.IfNotExists ifNotExists -> {
        Value value = resolve(ifNotExists.path(), old);
        yield value != null ? value : setValue(ifNotExists.fallback(), old);
      }
      case Operand.ListAppend append -> {
        Value first = setValue(append.first(), old);
        Value second = setValue(append.second(), old);
        if (!(first instanceof Value.L a) || !(second instanceof Value.L b)) {
          throw DynamoError.validation(WRONG_TYPE);
        }
        List<Value> joined = new ArrayList<>(a.values());
        joined.addAll(b.values());
        yield new Value.L(joined);
      }
      case Operand.Arithmetic arithmetic -> {
        Value left = setValue(arithmetic.left(), old);
        Value right = setValue(arithmetic.right(), old);
        if (!(left instanceof Value.N a) || !(right instanceof Value.N b)) {
          throw DynamoError.validation(WRONG_TYPE);
        }
        BigDecimal result =
            arithmetic.plus() ? a.value().add(b.value()) : a.value().subtract(b.value());
        yield new Value.N(Numbers.checked(result));
      }
      case Operand.Size ignored -> throw new IllegalStateException("size in an update");
    };
  }

  private static void set(Map<String, Value> item, Path path, Value value) {
    if (path.size() == 1) {
      item.put(path.attribute(), value);
      return;
    }
    Value top = item.get(path.attribute());
    if (top == null) {
      throw DynamoError.validation(INVALID_PATH);
    }
    item.put(path.attribute(), setIn(top, path, 1, value));
  }

  private static Value setIn(Value container, Path path, int depth, Value value) {
    Path.Element element = path.get(depth);
    boolean last = depth == path.size() - 1;
    if (element instanceof Path.Name name) {
      if (!(container instanceof Value.M map)) {
        throw DynamoError.validation(INVALID_PATH);
      }
      Map<String, Value> copy = new LinkedHashMap<>(map.values());
      if (last) {
        copy.put(name.name(), value);
      } else {
        Value child = copy.get(name.name());
        if (child == null) {
          throw DynamoError.validation(INVALID_PATH);
        }
        copy.put(name.name(), setIn(child, path, depth + 1, value));
      }
      return new Value.M(copy);
    }
    if (!(container instanceof Value.L list)) {
      throw DynamoError.validation(INVALID_PATH);
    }
    int index = ((Path.Index) element).index();
    List<Value> copy = new ArrayList<>(list.values());
    if (last) {
      if (index < copy.size()) {
        copy.set(index, value);
      } else {
        copy.add(value);
      }
    } else {
      if (index >= copy.size()) {
        throw DynamoError.validation(INVALID_PATH);
      }
      copy.set(index, setIn(copy.get(index), path, depth + 1, value));
    }
    return new Value.L(copy);
  }

  private static void remove(Map<String, Value> item, Path path) {
    if (path.size() == 1) {
      item.remove(path.attribute());
      return;
    }
    Value top = item.get(path.attribute());
    if (top != null) {
      item.put(path.attribute(), removeIn(top, path, 1));
    }
  }

  private static Value removeIn(Value container, Path path, int depth) {
    Path.Element element = path.get(depth);
    boolean last = depth == path.size() - 1;
    if (element instanceof Path.Name name) {
      if (!(container instanceof Value.M map) || !map.values().containsKey(name.name())) {
        return container;
      }
      Map<String, Value> copy = new LinkedHashMap<>(map.values());
      if (last) {
        copy.remove(name.name());
      } else {
        copy.put(name.name(), removeIn(copy.get(name.name()), path, depth + 1));
      }
      return new Value.M(copy);
    }
    int index = ((Path.Index) element).index();
    if (!(container instanceof Value.L list) || index >= list.values().size()) {
      return container;
    }
    List<Value> copy = new ArrayList<>(list.values());
    if (last) {
      copy.remove(index);
    } else {
      copy.set(index, removeIn(copy.get(index), path, depth + 1));
    }
    return new Value.L(copy);
  }

  private static Value union(Value a, Value b) {
    return switch (a) {
      case Value.SS ss -> new Value.SS(joined(ss.values(), ((Value.SS) b).values()));
      case Value.NS ns -> new Value.NS(joined(ns.values(), ((Value.NS) b).values()));
      case Value.BS bs -> new Value.BS(joined(bs.values(), ((Value.BS) b).values()));
      default -> throw new IllegalStateException();
    };
  }

  private static <T> Set<T> joined(Set<T> a, Set<T> b) {
    Set<T> all = new LinkedHashSet<>(a);
    all.addAll(b);
    return all;
  }

  /** {@code a} without {@code b}'s elements, or null when nothing is left. */
  private static Value difference(Value a, Value b) {
    return switch (a) {
      case Value.SS ss -> {
        Set<String> rest = new LinkedHashSet<>(ss.values());
        rest.removeAll(((Value.SS) b).values());
        yield rest.isEmpty() ? null : new Value.SS(rest);
      }
      case Value.NS ns -> {
        Set<BigDecimal> rest = new LinkedHashSet<>(ns.values());
        rest.removeAll(((Value.NS) b).values());
        yield rest.isEmpty() ? null : new Value.NS(rest);
      }
      case Value.BS bs -> {
        Set<Bytes> rest = new LinkedHashSet<>(bs.values());
        rest.removeAll(((Value.BS) b).values());
        yield rest.isEmpty() ? null : new Value.BS(rest);
      }
      default -> throw new IllegalStateException();
    };
  }
}
