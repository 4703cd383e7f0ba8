package app.podium.infra;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * The synthesized templates as plain Java maps, read once: assertions then run in the test's JVM
 * instead of a jsii round trip each. The parent stack and its nested stacks read as one template:
 * each nested stack's resources are added under their own logical ids (a clash fails), and a {@code
 * Ref} to one of its parameters is replaced by the value the parent passes in, so a reference to a
 * table or a topic reads as it would in one stack.
 */
final class TemplateJson {
  /** One synthesized template: the stack's path and its resources. */
  record Part(String stack, Map<String, Object> resources) {}

  private final Map<String, Object> resources = new LinkedHashMap<>();
  private final List<Part> parts = new ArrayList<>();
  private final Map<String, Object> outputs = new LinkedHashMap<>();
  private final Map<String, Object> rules = new LinkedHashMap<>();

  /** One stack without nested stacks. */
  TemplateJson(Map<String, Object> template) {
    add("stack", template, Map.of());
  }

  /**
   * @param parent the parent's template
   * @param nested per nested stack: its path, its template and the parameters the parent gives it
   */
  TemplateJson(String parentPath, Map<String, Object> parent, List<Nested> nested) {
    add(parentPath, parent, Map.of());
    for (Nested n : nested) {
      add(n.path(), n.template(), n.parameters());
    }
  }

  /** A nested stack's template and what its parent passes for each parameter. */
  record Nested(String path, Map<String, Object> template, Map<String, Object> parameters) {}

  @SuppressWarnings("unchecked")
  private void add(String path, Map<String, Object> template, Map<String, Object> parameters) {
    Map<String, Object> own =
        (Map<String, Object>) substitute(template.getOrDefault("Resources", Map.of()), parameters);
    if (parts.isEmpty()) {
      outputs.putAll((Map<String, Object>) template.getOrDefault("Outputs", Map.of()));
      rules.putAll((Map<String, Object>) template.getOrDefault("Rules", Map.of()));
    }
    parts.add(new Part(path, own));
    own.forEach(
        (id, resource) -> {
          if (resources.put(id, resource) != null) {
            throw new AssertionError(
                "logical id " + id + " is in two stacks; " + path + " is the second");
          }
        });
  }

  /** {@code value} with every {@code {"Ref": parameter}} replaced by the parameter's value. */
  private static Object substitute(Object value, Map<String, Object> parameters) {
    if (value instanceof Map<?, ?> m) {
      if (m.size() == 1 && m.get("Ref") instanceof String ref && parameters.containsKey(ref)) {
        return parameters.get(ref);
      }
      Map<String, Object> copy = new LinkedHashMap<>();
      m.forEach((k, v) -> copy.put((String) k, substitute(v, parameters)));
      return copy;
    }
    if (value instanceof List<?> l) {
      return l.stream().map(v -> substitute(v, parameters)).toList();
    }
    return value;
  }

  /** Each template, the parent first: its stack's path and resources. */
  List<Part> parts() {
    return parts;
  }

  /**
   * An output of the stack, the parent's when there are nested stacks (Value, Description, ...).
   */
  @SuppressWarnings("unchecked")
  Map<String, Object> output(String name) {
    Map<String, Object> output = (Map<String, Object>) outputs.get(name);
    if (output == null) {
      throw new AssertionError("no output " + name + " among " + outputs.keySet());
    }
    return output;
  }

  /** The parent template's CloudFormation rules (checked before anything is created), by name. */
  Map<String, Object> rules() {
    return rules;
  }

  /** Logical id to resource (Type, Properties, ...) for every resource of {@code type}. */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> ofType(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    resources.forEach(
        (id, resource) -> {
          Map<String, Object> r = (Map<String, Object>) resource;
          if (type.equals(r.get("Type"))) {
            found.put(id, r);
          }
        });
    return found;
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> resource(String logicalId) {
    Map<String, Object> resource = (Map<String, Object>) resources.get(logicalId);
    if (resource == null) {
      throw new AssertionError("no resource " + logicalId);
    }
    return resource;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  Map<String, Object> properties(String logicalId) {
    return properties(resource(logicalId));
  }

  /**
   * The logical id of a construct's CloudFormation resource, in the template of its own (nested)
   * stack.
   */
  static String logicalId(IConstruct construct) {
    IConstruct cfn =
        construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
    return Stack.of(construct).getLogicalId((CfnElement) cfn);
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object value) {
    return value instanceof List<?> l ? (List<Object>) l : List.of(value);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  /** {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, attr]}}: the id it points at, else null. */
  static String referencedId(Object value) {
    if (value instanceof Map<?, ?> m) {
      if (m.get("Ref") instanceof String ref) {
        return ref;
      }
      if (m.get("Fn::GetAtt") instanceof List<?> att) {
        return att.getFirst().toString();
      }
    }
    return null;
  }
}
