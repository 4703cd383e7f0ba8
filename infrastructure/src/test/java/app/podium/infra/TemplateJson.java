package app.podium.infra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.CfnElement;
import software.amazon.awscdk.Stack;
import software.constructs.IConstruct;

/**
 * The synthesized template as plain Java maps, read once: assertions then run in the test's JVM instead of a
 * jsii round trip each.
 */
final class TemplateJson {
  private final Map<String, Object> resources;
  private final Map<String, Object> outputs;

  @SuppressWarnings("unchecked")
  TemplateJson(Map<String, Object> template) {
    this.resources = (Map<String, Object>) template.get("Resources");
    this.outputs = (Map<String, Object>) template.getOrDefault("Outputs", Map.of());
  }

  /** An output of the stack (Value, Description, ...). */
  @SuppressWarnings("unchecked")
  Map<String, Object> output(String name) {
    Map<String, Object> output = (Map<String, Object>) outputs.get(name);
    if (output == null) {
      throw new AssertionError("no output " + name + " among " + outputs.keySet());
    }
    return output;
  }

  /** Logical id to resource (Type, Properties, ...) for every resource of {@code type}. */
  @SuppressWarnings("unchecked")
  Map<String, Map<String, Object>> ofType(String type) {
    Map<String, Map<String, Object>> found = new LinkedHashMap<>();
    resources.forEach((id, resource) -> {
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

  /** The logical id of a construct's CloudFormation resource. */
  static String logicalId(IConstruct construct) {
    IConstruct cfn = construct instanceof CfnElement ? construct : construct.getNode().getDefaultChild();
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
