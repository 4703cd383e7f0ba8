package app.podium.engine.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The differences between two JSON trees, one readable line each, located by JSON pointer. */
final class JsonDiff {
  private static final int SHOWN = 160;

  private JsonDiff() {}

  /**
   * Every difference between {@code expected} and {@code actual}; fields named in {@code ignored}
   * are skipped.
   */
  static List<String> between(JsonNode expected, JsonNode actual, Set<String> ignored) {
    List<String> out = new ArrayList<>();
    diff("", expected, actual, ignored, out);
    return out;
  }

  private static void diff(
      String at, JsonNode expected, JsonNode actual, Set<String> ignored, List<String> out) {
    if (expected.isObject() && actual.isObject()) {
      Set<String> names = new TreeSet<>();
      expected.fieldNames().forEachRemaining(names::add);
      actual.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        if (ignored.contains(name)) {
          continue;
        }
        String path = at + "/" + name;
        if (!actual.has(name)) {
          out.add(path + ": missing, expected " + shown(expected.get(name)));
        } else if (!expected.has(name)) {
          out.add(path + ": not expected, got " + shown(actual.get(name)));
        } else {
          diff(path, expected.get(name), actual.get(name), ignored, out);
        }
      }
    } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
      for (int i = 0; i < expected.size(); i++) {
        diff(at + "/" + i, expected.get(i), actual.get(i), ignored, out);
      }
    } else if (expected.isNumber() && actual.isNumber()) {
      if (expected.decimalValue().compareTo(actual.decimalValue()) != 0) {
        out.add(at + ": expected " + expected + ", got " + actual);
      }
    } else if (!expected.equals(actual)) {
      out.add(
          (at.isEmpty() ? "/" : at) + ": expected " + shown(expected) + ", got " + shown(actual));
    }
  }

  private static String shown(JsonNode node) {
    String text = node.toString();
    return text.length() <= SHOWN
        ? text
        : text.substring(0, SHOWN) + "... (" + text.length() + " chars)";
  }
}
