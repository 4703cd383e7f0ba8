package app.podium.engine.expr;

import java.util.List;
import java.util.stream.Collectors;

/** A document path: a top-level attribute name, then map keys and list indexes. */
public record Path(List<Element> elements) {
  public sealed interface Element {}

  public record Name(String name) implements Element {
    @Override
    public String toString() {
      return name;
    }
  }

  public record Index(int index) implements Element {
    @Override
    public String toString() {
      return "[" + index + "]";
    }
  }

  public Path {
    elements = List.copyOf(elements);
  }

  public static Path of(String attribute) {
    return new Path(List.of(new Name(attribute)));
  }

  /** The top-level attribute the path starts at. */
  public String attribute() {
    return ((Name) elements.getFirst()).name();
  }

  public int size() {
    return elements.size();
  }

  public Element get(int i) {
    return elements.get(i);
  }

  public boolean isPrefixOf(Path other) {
    return elements.size() <= other.elements.size()
        && other.elements.subList(0, elements.size()).equals(elements);
  }

  /** As DynamoDB prints a path in its messages: {@code [m, a, [0]]}. */
  @Override
  public String toString() {
    return elements.stream().map(Object::toString).collect(Collectors.joining(", ", "[", "]"));
  }
}
