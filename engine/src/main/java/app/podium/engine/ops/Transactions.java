package app.podium.engine.ops;

import app.podium.engine.expr.Evaluator;
import app.podium.engine.expr.Path;
import app.podium.engine.expr.Placeholders;
import app.podium.engine.limits.Charge;
import app.podium.engine.store.Capacity;
import app.podium.engine.store.Database;
import app.podium.engine.store.ItemKey;
import app.podium.engine.store.ItemLocks;
import app.podium.engine.store.Row;
import app.podium.engine.store.Table;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Value;
import app.podium.engine.value.ValueJson;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TransactWriteItems and TransactGetItems: all or nothing across tables, one action per item,
 * cancellation reasons in order, ClientRequestToken idempotency for 10 minutes. A transaction marks
 * its items before it locks them: a second transaction that finds an item marked is cancelled with
 * TransactionConflict, as DynamoDB cancels transactions that meet on an item, instead of waiting.
 */
final class Transactions {
  static final int MAX_ACTIONS = 100;
  static final Duration TOKEN_LIFETIME = Duration.ofMinutes(10);
  private static final List<String> ACTION_KINDS =
      List.of("ConditionCheck", "Put", "Delete", "Update");

  private record Mark(String table, ItemKey key) {}

  /**
   * A token's transaction: a digest of what it asked, until when it is remembered, what it consumed
   * once done.
   */
  private record Remembered(String fingerprint, long expiresAtMillis, Consumed consumed) {}

  /** A token in the order it expires: tokens are forgotten from the head of this queue. */
  private record Expiry(long atMillis, String token) {}

  private final Context context;
  private final ConcurrentHashMap<Mark, Object> marks = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Remembered> tokens = new ConcurrentHashMap<>();
  private final java.util.concurrent.ConcurrentLinkedQueue<Expiry> expiries =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  Transactions(Context context) {
    this.context = context;
  }

  Map<String, Object> transactWriteItems(JsonNode request) {
    JsonNode items = items(request);
    String token = Requests.string(request, "ClientRequestToken");
    if (token != null && (token.isEmpty() || token.length() > 36)) {
      throw DynamoError.validation(
          "1 validation error detected: Value '"
              + token
              + "' at 'clientRequestToken' failed "
              + "to satisfy constraint: Member must have length less than or equal to 36");
    }
    List<WriteAction> actions = new ArrayList<>();
    List<Boolean> oldOnFailure = new ArrayList<>();
    List<Map<String, Object>> invalid = new ArrayList<>();
    for (JsonNode item : items) {
      String kind = null;
      for (String candidate : ACTION_KINDS) {
        if (Requests.field(item, candidate) != null) {
          if (kind != null) {
            kind = "";
            break;
          }
          kind = candidate;
        }
      }
      if (kind == null || kind.isEmpty()) {
        throw DynamoError.validation(
            "TransactItems can only contain one of Check, Put, Update or Delete");
      }
      JsonNode spec = item.get(kind);
      Table table = context.database().table(Requests.tableName(spec));
      actions.add(
          switch (kind) {
            case "Put" -> ItemOps.put(table, spec);
            case "Delete" -> ItemOps.delete(table, spec);
            case "Update" -> ItemOps.modify(table, spec);
            default -> {
              if (Requests.string(spec, "ConditionExpression") == null) {
                throw DynamoError.validation(
                    "1 validation error detected: Value null at 'conditionExpression' failed to "
                        + "satisfy constraint: Member must not be null");
              }
              ItemKey key = KeyRules.key(table.def(), ValueJson.item(Requests.field(spec, "Key")));
              yield new WriteAction.Check(table, key, ItemOps.condition(table, spec));
            }
          });
      oldOnFailure.add(ItemOps.returnOldOnFailure(spec));
      DynamoError keyUpdated =
          actions.getLast() instanceof WriteAction.Modify modify
              ? ItemOps.keyUpdated(modify)
              : null;
      invalid.add(
          keyUpdated == null ? none() : reason("ValidationError", keyUpdated.getMessage(), null));
    }
    requireDistinct(actions.stream().map(a -> new Mark(a.table().name(), a.key())).toList());
    if (invalid.stream().anyMatch(reason -> reason.get("Code").equals("ValidationError"))) {
      throw cancelled(invalid);
    }

    if (token != null) {
      String fingerprint = digest(items);
      long now = context.clock().millis();
      forgetExpired(now);
      Remembered remembered = tokens.get(token);
      if (remembered != null) {
        if (!remembered.fingerprint().equals(fingerprint)) {
          throw new DynamoError(
              "IdempotentParameterMismatchException",
              400,
              "Request with same client token was used with different parameters");
        }
        if (remembered.consumed() == null) {
          throw new DynamoError(
              "TransactionInProgressException", 400, "Transaction is in progress");
        }
        return answer(remembered.consumed().as(Requests.string(request, "ReturnConsumedCapacity")));
      }
      if (tokens.putIfAbsent(
              token, new Remembered(fingerprint, now + TOKEN_LIFETIME.toMillis(), null))
          != null) {
        throw new DynamoError("TransactionInProgressException", 400, "Transaction is in progress");
      }
    }
    try {
      Consumed consumed = new Consumed("INDEXES");
      write(actions, oldOnFailure, consumed);
      if (token != null) {
        long expires = context.clock().millis() + TOKEN_LIFETIME.toMillis();
        tokens.put(token, new Remembered(tokens.get(token).fingerprint(), expires, consumed));
        expiries.add(new Expiry(expires, token));
      }
      return answer(consumed.as(Requests.string(request, "ReturnConsumedCapacity")));
    } catch (RuntimeException failed) {
      if (token != null) {
        tokens.remove(token);
      }
      throw failed;
    }
  }

  /**
   * Forgets tokens older than their 10 minutes; the SDK sends a fresh token with every transaction.
   */
  private void forgetExpired(long now) {
    Expiry head;
    while ((head = expiries.peek()) != null && head.atMillis() < now) {
      if (expiries.remove(head)) {
        tokens.computeIfPresent(
            head.token(),
            (token, remembered) -> remembered.expiresAtMillis() < now ? null : remembered);
      }
    }
  }

  /**
   * A digest of the request's actions, their JSON written straight into it (no string in between).
   */
  private static String digest(JsonNode items) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      try (JsonGenerator out =
          Json.mapper()
              .createGenerator(new DigestOutputStream(OutputStream.nullOutputStream(), sha))) {
        Json.mapper().writeTree(out, items);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> answer(Consumed consumed) {
    Map<String, Object> answer = new LinkedHashMap<>();
    ItemOps.putIfPresent(answer, "ConsumedCapacity", consumed.all());
    return answer;
  }

  private void write(List<WriteAction> actions, List<Boolean> oldOnFailure, Consumed consumed) {
    List<Mark> marked = new ArrayList<>();
    Object owner = new Object();
    List<Map<String, Object>> reasons = new ArrayList<>();
    boolean conflict = false;
    for (WriteAction action : actions) {
      Mark mark = new Mark(action.table().name(), action.key());
      if (marks.putIfAbsent(mark, owner) == null) {
        marked.add(mark);
        reasons.add(none());
      } else {
        conflict = true;
        reasons.add(reason("TransactionConflict", "Transaction is ongoing for the item", null));
      }
    }
    try {
      if (conflict) {
        throw cancelled(reasons);
      }
      Database database = context.database();
      ItemLocks locks = database.locks();
      int[] stripes = new int[actions.size()];
      for (int i = 0; i < stripes.length; i++) {
        stripes[i] = locks.stripe(actions.get(i).table().name(), actions.get(i).key());
      }
      int[] locked = locks.lockAll(stripes);
      try {
        List<Row> rows = new ArrayList<>(actions.size());
        List<Map<String, Value>> befores = new ArrayList<>(actions.size());
        boolean failed = false;
        for (int i = 0; i < actions.size(); i++) {
          WriteAction action = actions.get(i);
          Row row = action.table().get(action.key());
          Map<String, Value> before = row == null ? null : row.item();
          rows.add(row);
          befores.add(before);
          if (!Writer.passes(action, before)) {
            failed = true;
            // DynamoDB ends a ConditionCheck's message with a period, and no other action's
            reasons.set(
                i,
                reason(
                    "ConditionalCheckFailed",
                    action.writes()
                        ? "The conditional request failed"
                        : "The conditional request failed.",
                    oldOnFailure.get(i) ? before : null));
          }
        }
        List<Map<String, Value>> afters = new ArrayList<>(actions.size());
        List<List<Charge>> charges = new ArrayList<>(actions.size());
        for (int i = 0; i < actions.size(); i++) {
          afters.add(failed ? befores.get(i) : actions.get(i).after(befores.get(i)));
          charges.add(Writer.charges(actions.get(i), rows.get(i), afters.get(i), 2));
        }
        for (int i = 0; i < actions.size(); i++) {
          if (!context.throughput().admit(charges.get(i))) {
            failed = true;
            reasons.set(i, reason("ThrottlingError", Writer.THROTTLED, null));
          }
        }
        if (failed) {
          throw cancelled(reasons);
        }
        List<Database.Write> writes = new ArrayList<>();
        for (int i = 0; i < actions.size(); i++) {
          WriteAction action = actions.get(i);
          Writer.record(action, charges.get(i), consumed);
          if (action.writes() && (befores.get(i) != null || afters.get(i) != null)) {
            writes.add(new Database.Write(action.table(), action.key(), afters.get(i)));
          }
        }
        if (!writes.isEmpty()) {
          database.commit(writes);
        }
      } finally {
        locks.unlockAll(locked);
      }
    } finally {
      marked.forEach(mark -> marks.remove(mark, owner));
    }
  }

  Map<String, Object> transactGetItems(JsonNode request) {
    JsonNode items = items(request);
    record Get(Table table, ItemKey key, List<Path> projection) {}
    List<Get> gets = new ArrayList<>();
    for (JsonNode item : items) {
      JsonNode spec = Requests.field(item, "Get");
      if (spec == null || item.size() != 1) {
        throw DynamoError.validation("TransactItems can only contain one of Get");
      }
      Table table = context.database().table(Requests.tableName(spec));
      ItemKey key = KeyRules.key(table.def(), ValueJson.item(Requests.field(spec, "Key")));
      Placeholders placeholders = Expressions.placeholders(spec);
      List<Path> projection = Expressions.projection(spec, placeholders);
      placeholders.requireAllUsed(false);
      gets.add(new Get(table, key, projection));
    }
    requireDistinct(gets.stream().map(g -> new Mark(g.table().name(), g.key())).toList());
    List<Map<String, Object>> reasons = new ArrayList<>();
    boolean conflict = false;
    for (Get get : gets) {
      boolean ongoing = marks.containsKey(new Mark(get.table().name(), get.key()));
      conflict |= ongoing;
      reasons.add(
          ongoing
              ? reason("TransactionConflict", "Transaction is ongoing for the item", null)
              : none());
    }
    if (conflict) {
      throw cancelled(reasons);
    }
    ItemLocks locks = context.database().locks();
    Consumed consumed = ItemOps.consumed(request);
    List<Object> responses = new ArrayList<>();
    int[] locked =
        locks.lockAll(
            gets.stream().mapToInt(g -> locks.stripe(g.table().name(), g.key())).toArray());
    try {
      List<Row> rows = new ArrayList<>();
      boolean throttled = false;
      for (int i = 0; i < gets.size(); i++) {
        Get get = gets.get(i);
        Row row = get.table().get(get.key());
        rows.add(row);
        double units = 2.0 * Capacity.readUnits(row == null ? 0 : row.size());
        if (!context
            .throughput()
            .admit(List.of(Charge.read(get.table().name(), null, get.key().hash(), units)))) {
          throttled = true;
          reasons.set(i, reason("ThrottlingError", Writer.THROTTLED, null));
        }
        consumed.table(get.table().name(), units);
      }
      if (throttled) {
        throw cancelled(reasons);
      }
      for (int i = 0; i < gets.size(); i++) {
        Row row = rows.get(i);
        Map<String, Object> response = new LinkedHashMap<>();
        if (row != null) {
          List<Path> projection = gets.get(i).projection();
          response.put(
              "Item", projection == null ? row.item() : Evaluator.project(projection, row.item()));
        }
        responses.add(response);
      }
    } finally {
      locks.unlockAll(locked);
    }
    Map<String, Object> answer = answer(consumed);
    answer.put("Responses", responses);
    return answer;
  }

  private static JsonNode items(JsonNode request) {
    JsonNode items = Requests.field(request, "TransactItems");
    if (items == null || !items.isArray() || items.isEmpty()) {
      throw DynamoError.validation(
          "Value [] at 'transactItems' failed to satisfy constraint: Member must have length "
              + "greater than or equal to 1");
    }
    if (items.size() > MAX_ACTIONS) {
      throw DynamoError.validation(
          "1 validation error detected: Value at 'transactItems' failed to satisfy "
              + "constraint: Member must have length less than or equal to "
              + MAX_ACTIONS);
    }
    return items;
  }

  private static void requireDistinct(List<Mark> marks) {
    Set<Mark> seen = new HashSet<>();
    for (Mark mark : marks) {
      if (!seen.add(mark)) {
        throw DynamoError.validation(
            "Transaction request cannot include multiple operations on one item");
      }
    }
  }

  private static Map<String, Object> none() {
    return Map.of("Code", "None");
  }

  private static Map<String, Object> reason(String code, String message, Map<String, Value> item) {
    Map<String, Object> reason = new LinkedHashMap<>();
    if (item != null) {
      reason.put("Item", item);
    }
    reason.put("Code", code);
    reason.put("Message", message);
    return reason;
  }

  private static DynamoError cancelled(List<Map<String, Object>> reasons) {
    String codes = String.join(", ", reasons.stream().map(r -> (String) r.get("Code")).toList());
    return new DynamoError(
            "TransactionCanceledException",
            400,
            "Transaction cancelled, please refer cancellation reasons for specific reasons ["
                + codes
                + "]")
        .with("CancellationReasons", reasons);
  }
}
