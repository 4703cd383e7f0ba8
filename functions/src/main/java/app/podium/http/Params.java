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

  /** How a parameter was sent, which decides what its getters accept. */
  private enum Sent {
    /** {@code x=1} in a query or form: a single value, or a list of one where Mastodon allows. */
    TEXT,
    /** A JSON scalar: a single value, never a list. */
    JSON_SCALAR,
    /** {@code x[]=1} or a JSON array: a list, never a single value. */
    ARRAY,
    /** {@code x[]=1&x=2}: Rack refuses it; neither a value nor a list. */
    MIXED
  }

  private record Value(Sent sent, List<String> items) {}

  private final Map<String, Value> values;

  private Params(Map<String, Value> values) {
    this.values = values;
  }

  public static Params empty() {
    return new Params(Map.of());
  }

  static Params merge(Params first, Params winner) {
    Map<String, Value> merged = new LinkedHashMap<>(first.values);
    merged.putAll(winner.values);
    return new Params(merged);
  }

  /** Parses {@code a=1&b[]=2&b[]=3}; {@code b[]} is stored as {@code b}. */
  static Params fromUrlEncoded(String text) {
    Map<String, Value> values = new LinkedHashMap<>();
    if (text == null || text.isEmpty()) {
      return new Params(values);
    }
    for (String pair : text.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      add(
          values,
          decode(eq < 0 ? pair : pair.substring(0, eq)),
          eq < 0 ? "" : decode(pair.substring(eq + 1)));
    }
    return new Params(values);
  }

  /** Parses a {@code multipart/form-data} body's text fields; see {@link Multipart}. */
  static Params fromMultipart(byte[] body, String contentType) {
    Map<String, Value> values = new LinkedHashMap<>();
    Multipart.parse(body, contentType)
        .forEach((name, list) -> list.forEach(v -> add(values, name, v)));
    return new Params(values);
  }

  /** One form or query field: {@code b[]} is {@code b} as a list. */
  private static void add(Map<String, Value> values, String name, String text) {
    boolean array = name.endsWith("[]");
    String key = array ? name.substring(0, name.length() - 2) : name;
    Sent sent = array ? Sent.ARRAY : Sent.TEXT;
    Value before = values.get(key);
    List<String> items = before == null ? new ArrayList<>() : before.items();
    items.add(text);
    values.put(key, new Value(before == null || before.sent() == sent ? sent : Sent.MIXED, items));
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
    Map<String, Value> values = new LinkedHashMap<>();
    flatten("", root, values);
    return new Params(values);
  }

  private static void flatten(String prefix, JsonNode node, Map<String, Value> values) {
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
                values.put(name, new Value(Sent.ARRAY, list));
              } else if (!value.isNull()) {
                values.put(name, new Value(Sent.JSON_SCALAR, List.of(value.asText())));
              }
            });
  }

  /**
   * JSON may escape half of a surrogate pair alone ({@code "\ud800"}): valid JSON, no Unicode text.
   * Stored, it would turn into {@code ?} on the way to UTF-8; refused, nothing is stored.
   */
  private static String unicode(String name, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        throw DomainException.Invalid.field(
            name, "ERR_INVALID", "is not valid Unicode text (a lone UTF-16 surrogate)");
      }
    }
    return text;
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

  /** The value, or null when absent; a list ({@code x[]}, a JSON array) is a 422. */
  public String string(String name) {
    Value value = values.get(name);
    if (value == null) {
      return null;
    }
    if (value.sent() == Sent.ARRAY || value.sent() == Sent.MIXED) {
      throw DomainException.Invalid.field(
          name, "ERR_INVALID", "must be a single value, not an array");
    }
    return value.items().isEmpty() ? null : unicode(name, value.items().getFirst());
  }

  /**
   * A list: {@code x[]=1&x[]=2} or a JSON array. A single value ({@code x=1}, JSON {@code "1"}) or
   * both kinds at once is a 422; use {@link #oneOrMany} where Mastodon takes either.
   */
  public List<String> list(String name) {
    Value value = values.get(name);
    if (value == null) {
      return List.of();
    }
    if (value.sent() != Sent.ARRAY) {
      throw DomainException.Invalid.field(name, "ERR_INVALID", "must be an array");
    }
    return texts(name, value);
  }

  /**
   * A list, or a single value read as a list of one: Mastodon's {@code Array(params[:id])} (for
   * example {@code GET /api/v1/accounts/relationships?id=1}). Both kinds at once is still a 422.
   */
  public List<String> oneOrMany(String name) {
    Value value = values.get(name);
    if (value == null) {
      return List.of();
    }
    if (value.sent() == Sent.MIXED) {
      throw DomainException.Invalid.field(name, "ERR_INVALID", "must be an array");
    }
    return texts(name, value);
  }

  private static List<String> texts(String name, Value value) {
    return value.items().stream().map(item -> unicode(name, item)).toList();
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
