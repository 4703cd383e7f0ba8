package app.podium.http;

import app.podium.shared.DomainException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Request parameters as Rails gives them to Mastodon: query string, form (url-encoded or multipart)
 * or JSON body merged, the body winning; {@code id[]} and JSON arrays both become lists; nested
 * JSON objects become {@code a[b]}. Typed getters answer a wrong type with a 422 naming the field.
 */
public final class Params {
  private static final Set<String> TRUE = Set.of("true", "1", "on", "t", "yes");
  private static final Set<String> FALSE = Set.of("false", "0", "off", "f", "no", "");

  private final Map<String, List<String>> values;

  private Params(Map<String, List<String>> values) {
    this.values = values;
  }

  public static Params empty() {
    return new Params(Map.of());
  }

  static Params merge(Params first, Params winner) {
    Map<String, List<String>> merged = new LinkedHashMap<>(first.values);
    merged.putAll(winner.values);
    return new Params(merged);
  }

  /** Parses {@code a=1&b[]=2&b[]=3}; {@code b[]} is stored as {@code b}. */
  static Params fromUrlEncoded(String text) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return new Params(values);
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String name = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      if (name.endsWith("[]")) {
        name = name.substring(0, name.length() - 2);
      }
      values.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return new Params(values);
  }

  /** Parses a {@code multipart/form-data} body's text fields; see {@link Multipart}. */
  static Params fromMultipart(byte[] body, String contentType) {
    return new Params(Multipart.parse(body, contentType));
  }

  static Params fromJson(String text) {
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw RequestRejected.badRequest("The request body is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw RequestRejected.badRequest("The request body must be a JSON object");
    }
    Map<String, List<String>> values = new LinkedHashMap<>();
    flatten("", root, values);
    return new Params(values);
  }

  private static void flatten(String prefix, JsonNode node, Map<String, List<String>> values) {
    node.properties()
        .forEach(
            field -> {
              String name = prefix.isEmpty() ? field.getKey() : prefix + "[" + field.getKey() + "]";
              JsonNode value = field.getValue();
              if (value.isObject()) {
                flatten(name, value, values);
              } else if (value.isArray()) {
                List<String> list = new ArrayList<>();
                value.forEach(
                    element ->
                        list.add(element.isValueNode() ? element.asText() : element.toString()));
                values.put(name, list);
              } else if (!value.isNull()) {
                values.put(name, List.of(value.asText()));
              }
            });
  }

  private static String decode(String text) {
    String decoded;
    try {
      decoded = URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw RequestRejected.badRequest("The request is not correctly URL-encoded");
    }
    // URLDecoder turns percent-encoded bytes that are not UTF-8 (%FF) into U+FFFD without a word
    if (decoded.indexOf(ApiRequest.REPLACEMENT_CHARACTER) >= 0) {
      throw RequestRejected.badRequest("The request is not valid UTF-8");
    }
    return decoded;
  }

  /** The value, or null when absent. */
  public String string(String name) {
    List<String> list = values.get(name);
    return list == null || list.isEmpty() ? null : list.getFirst();
  }

  public List<String> list(String name) {
    return values.getOrDefault(name, List.of());
  }

  public boolean has(String name) {
    return values.containsKey(name);
  }

  /** Rails' truthy values; absent is empty; anything else is a 422. */
  public Optional<Boolean> bool(String name) {
    String value = string(name);
    if (value == null) {
      return Optional.empty();
    }
    String lower = value.trim().toLowerCase(Locale.ROOT);
    if (TRUE.contains(lower)) {
      return Optional.of(true);
    }
    if (FALSE.contains(lower)) {
      return Optional.of(false);
    }
    throw DomainException.Invalid.field(name, "ERR_INVALID", "must be true or false");
  }

  /** A whole number; absent or empty is empty; anything else is a 422. */
  public Optional<Long> number(String name) {
    String value = string(name);
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Long.parseLong(value.trim()));
    } catch (NumberFormatException e) {
      throw DomainException.Invalid.field(name, "ERR_INVALID", "must be a whole number");
    }
  }

  public Optional<Integer> integer(String name) {
    return number(name)
        .map(
            n -> {
              if (n < Integer.MIN_VALUE || n > Integer.MAX_VALUE) {
                throw DomainException.Invalid.field(name, "ERR_INVALID", "is out of range");
              }
              return n.intValue();
            });
  }
}
