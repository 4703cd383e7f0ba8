package app.podium.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;

import app.podium.engine.contract.ReferenceModel.Item;
import app.podium.engine.contract.ReferenceModel.Key;
import java.math.BigDecimal;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Random sequences of operations give the same results on the engine as on {@link ReferenceModel}
 * (under {@code -Pparity}, on DynamoDB Local, which shows that the model is DynamoDB's): puts,
 * conditional puts, updates with ADD, SET and REMOVE (some conditional), deletes, gets, queries
 * with key conditions, filters and limits, batch writes and transactions, on two tables with a few
 * keys so that they collide. Every operation's result is compared as it happens, and both tables at
 * the end. A failing sequence is shrunk and printed one operation a line, the step that differed
 * named with both results.
 */
class ReferenceModelPropertyTest {
  private static final List<String> PARTITIONS = List.of("a", "b");
  private static final List<String> WORDS = List.of("x", "y", "z");
  private static final List<String> MEMBERS = List.of("r", "g", "b");
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static LocalServer server;
  private static DynamoDbClient client;

  @BeforeContainer
  static void start() throws Exception {
    server = LocalServer.forThisBuild();
    client =
        DynamoDbClient.builder()
            .endpointOverride(URI.create(server.endpoint()))
            .region(Region.US_EAST_1)
            .credentialsProvider(
                StaticCredentialsProvider.create(AwsBasicCredentials.create("model", "model")))
            .httpClient(UrlConnectionHttpClient.create())
            .build();
  }

  @AfterContainer
  static void stop() throws Exception {
    if (client != null) {
      client.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @Property(tries = 150)
  void theEngineAnswersAsTheModel(@ForAll("sequences") List<Op> ops) {
    String[] tables = {createTable(), createTable()};
    try {
      ReferenceModel model = new ReferenceModel(tables.length);
      for (int i = 0; i < ops.size(); i++) {
        Op op = ops.get(i);
        Object expected = op.model(model);
        Object actual = op.engine(client, tables);
        assertThat(actual)
            .as("step %d of %d, %s:%n%s", i + 1, ops.size(), op, listing(ops))
            .isEqualTo(expected);
      }
      for (int table = 0; table < tables.length; table++) {
        assertThat(scan(tables[table]))
            .as("table %d at the end of:%n%s", table, listing(ops))
            .isEqualTo(model.contents(table));
      }
    } finally {
      for (String table : tables) {
        client.deleteTable(r -> r.tableName(table));
      }
    }
  }

  private static String listing(List<Op> ops) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < ops.size(); i++) {
      out.append(String.format("  %2d. %s%n", i + 1, ops.get(i)));
    }
    return out.toString();
  }

  @Provide
  Arbitrary<List<Op>> sequences() {
    Arbitrary<Op> op =
        Arbitraries.frequencyOf(
            Tuple.of(3, put()),
            Tuple.of(2, putIfAbsent()),
            Tuple.of(4, update()),
            Tuple.of(2, delete()),
            Tuple.of(2, get()),
            Tuple.of(3, query()),
            Tuple.of(1, batchWrite()),
            Tuple.of(2, transaction()));
    return op.list().ofMinSize(1).ofMaxSize(25);
  }

  // ---- generators

  private static Arbitrary<Integer> table() {
    return Arbitraries.integers().between(0, 1);
  }

  private static Arbitrary<Key> key() {
    return Combinators.combine(Arbitraries.of(PARTITIONS), Arbitraries.integers().between(1, 4))
        .as(Key::new);
  }

  private static Arbitrary<BigDecimal> number() {
    return Arbitraries.of("-3", "0", "1", "2.5", "7", "10.00").map(BigDecimal::new);
  }

  private static Arbitrary<Set<String>> members() {
    return Arbitraries.of(MEMBERS).set().ofMinSize(1).ofMaxSize(3);
  }

  private static Arbitrary<Item> item() {
    return Combinators.combine(
            number().injectNull(0.3),
            Arbitraries.of(WORDS).injectNull(0.3),
            members().injectNull(0.5))
        .as(Item::new);
  }

  private static Arbitrary<Op> put() {
    return Combinators.combine(table(), key(), item()).as(Put::new);
  }

  private static Arbitrary<Op> putIfAbsent() {
    return Combinators.combine(table(), key(), item()).as(PutIfAbsent::new);
  }

  private static Arbitrary<Op> update() {
    // at least one action that creates the item (ADD n, SET t or ADD s), so that an update of a
    // missing item
    // makes it; REMOVE t only when SET t is absent (one path in two actions is refused)
    Arbitrary<Update> any =
        Combinators.combine(
                table(),
                key(),
                number().injectNull(0.4),
                Arbitraries.of(WORDS).injectNull(0.5),
                members().injectNull(0.6),
                members().injectNull(0.7),
                Arbitraries.of(true, false),
                number().injectNull(0.7))
            .as(Update::new);
    return any.filter(u -> u.addN() != null || u.setT() != null || u.addS() != null)
        .map(Op.class::cast);
  }

  private static Arbitrary<Op> delete() {
    return Combinators.combine(table(), key()).as(Delete::new);
  }

  private static Arbitrary<Op> get() {
    return Combinators.combine(table(), key()).as(Get::new);
  }

  private static Arbitrary<Op> query() {
    return Combinators.combine(
            table(),
            Arbitraries.of(PARTITIONS),
            Arbitraries.integers().between(0, 3),
            number().injectNull(0.5),
            Arbitraries.integers().between(1, 4).injectNull(0.5),
            Arbitraries.of(true, false))
        .as(Query::new);
  }

  private static Arbitrary<Op> batchWrite() {
    Arbitrary<Write> write =
        Combinators.combine(table(), key(), item(), Arbitraries.of(true, false)).as(Write::new);
    return write
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .uniqueElements(w -> w.table() + "/" + w.key())
        .map(BatchWrite::new);
  }

  private static Arbitrary<Op> transaction() {
    Arbitrary<Action> action =
        Combinators.combine(table(), key(), Arbitraries.of(ActionKind.values()), item(), number())
            .as(Action::new);
    return action
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .uniqueElements(a -> a.table() + "/" + a.key())
        .map(Transaction::new);
  }

  // ---- operations: each says what the model expects and what the engine answered, in the same
  // shape

  /** One operation of a sequence. */
  sealed interface Op
      permits Put, PutIfAbsent, Update, Delete, Get, Query, BatchWrite, Transaction {
    Object model(ReferenceModel model);

    Object engine(DynamoDbClient client, String[] tables);
  }

  record Put(int table, Key key, Item item) implements Op {
    @Override
    public Object model(ReferenceModel model) {
      model.put(table, key, item);
      return "ok";
    }

    @Override
    public Object engine(DynamoDbClient client, String[] tables) {
      client.putItem(r -> r.tableName(tables[table]).item(attributes(key, item)));
      return "ok";
    }

    @Override
    public String toString() {
      return "PutItem " + table + " " + key + " " + item;
    }
  }

  record PutIfAbsent(int table, Key key, Item item) implements Op {
    @Override
    public Object model(ReferenceModel model) {
      if (model.get(table, key) != null) {
        return "ConditionalCheckFailed";
      }
      model.put(table, key, item);
      return "ok";
    }

    @Override
    public Object engine(DynamoDbClient client, String[] tables) {
      try {
        client.putItem(
            r ->
                r.tableName(tables[table])
                    .item(attributes(key, item))
                    .conditionExpression("attribute_not_exists(pk)"));
        return "ok";
      } catch (ConditionalCheckFailedException e) {
        return "ConditionalCheckFailed";
      }
    }

    @Override
    public String toString() {
      return "PutItem " + table + " " + key + " " + item + " if attribute_not_exists(pk)";
    }
  }

  /**
   * {@code ADD n :addN, SET t = :setT, ADD s :addS, DELETE s :deleteS, REMOVE t}, if {@code n >=
   * :atLeast}.
   */
  record Update(
      int table,
      Key key,
      BigDecimal addN,
      String setT,
      Set<String> addS,
      Set<String> deleteS,
      boolean removeT,
      BigDecimal atLeast)
      implements Op {
    @Override
    public Object model(ReferenceModel model) {
      Item old = model.get(table, key);
      if (atLeast != null && (old == null || old.n() == null || old.n().compareTo(atLeast) < 0)) {
        return "ConditionalCheckFailed";
      }
      Item item = old == null ? Item.EMPTY : old;
      if (addN != null) {
        item = item.withN((item.n() == null ? BigDecimal.ZERO : item.n()).add(addN));
      }
      if (setT != null) {
        item = item.withT(setT);
      } else if (removeT) {
        item = item.withT(null);
      }
      if (addS != null) {
        Set<String> union = new TreeSet<>(item.s() == null ? Set.of() : item.s());
        union.addAll(addS);
        item = item.withS(union);
      } else if (deleteS != null && item.s() != null) {
        Set<String> rest = new TreeSet<>(item.s());
        rest.removeAll(deleteS);
        item = item.withS(rest);
      }
      model.put(table, key, item);
      return item.view(key);
    }

    @Override
    public Object engine(DynamoDbClient client, String[] tables) {
      List<String> set = new ArrayList<>();
      List<String> add = new ArrayList<>();
      Map<String, AttributeValue> values = new HashMap<>();
      if (addN != null) {
        add.add("n :addN");
        values.put(":addN", number(addN));
      }
      if (setT != null) {
        set.add("t = :setT");
        values.put(":setT", AttributeValue.fromS(setT));
      }
      if (addS != null) {
        add.add("s :addS");
        values.put(":addS", AttributeValue.fromSs(List.copyOf(addS)));
      }
      StringBuilder expression = new StringBuilder();
      if (!set.isEmpty()) {
        expression.append("SET ").append(String.join(", ", set)).append(' ');
      }
      if (!add.isEmpty()) {
        expression.append("ADD ").append(String.join(", ", add)).append(' ');
      }
      if (addS == null && deleteS != null) {
        expression.append("DELETE s :deleteS ");
        values.put(":deleteS", AttributeValue.fromSs(List.copyOf(deleteS)));
      }
      if (setT == null && removeT) {
        expression.append("REMOVE t");
      }
      if (atLeast != null) {
        values.put(":atLeast", number(atLeast));
      }
      try {
        return view(
            client
                .updateItem(
                    r ->
                        r.tableName(tables[table])
                            .key(keyOf(key))
                            .updateExpression(expression.toString().trim())
                            .expressionAttributeValues(values)
                            .conditionExpression(atLeast == null ? null : "n >= :atLeast")
                            .returnValues(ReturnValue.ALL_NEW))
                .attributes());
      } catch (ConditionalCheckFailedException e) {
        return "ConditionalCheckFailed";
      }
    }

    @Override
    public String toString() {
      List<String> actions = new ArrayList<>();
      if (addN != null) {
        actions.add("ADD n " + ReferenceModel.normal(addN));
      }
      if (setT != null) {
        actions.add("SET t = " + setT);
      } else if (removeT) {
        actions.add("REMOVE t");
      }
      if (addS != null) {
        actions.add("ADD s " + new TreeSet<>(addS));
      } else if (deleteS != null) {
        actions.add("DELETE s " + new TreeSet<>(deleteS));
      }
      return "UpdateItem "
          + table
          + " "
          + key
          + " "
          + String.join(", ", actions)
          + (atLeast == null ? "" : " if n >= " + ReferenceModel.normal(atLeast))
          + ", ALL_NEW";
    }
  }

  record Delete(int table, Key key) implements Op {
    @Override
    public Object model(ReferenceModel model) {
      Item old = model.delete(table, key);
      return old == null ? Map.of() : old.view(key);
    }

    @Override
    public Object engine(DynamoDbClient client, String[] tables) {
      return view(
          client
              .deleteItem(
                  r -> r.tableName(tables[table]).key(keyOf(key)).returnValues(ReturnValue.ALL_OLD))
              .attributes());
    }

    @Override
    public String toString() {
      return "DeleteItem " + table + " " + key + ", ALL_OLD";
    }
  }

  record Get(int table, Key key) implements Op {
    @Override
    public Object model(ReferenceModel model) {
      Item item = model.get(table, key);
      return item == null ? Map.of() : item.view(key);
    }

    @Override
    public Object engine(DynamoDbClient client, String[] tables) {
      return view(
          client
              .getItem(r -> r.tableName(tables[table]).key(keyOf(key)).consistentRead(true))
              .item());
    }

    @Override
    public String toString() {
      return "GetItem " + table + " " + key + ", consistent";
    }
  }

  /** {@code pk = :pk AND sk > :above}, filter {@code n >= :atLeast}, Limit, ScanIndexForward. */
  record Query(int table, String pk, int above, BigDecimal atLeast, Integer limit, boolean forward)
      implements Op {
    @Override
    public Object model(ReferenceModel model) {
      List<Map.Entry<Key, Item>> read = model.partition(table, pk, above, forward);
      if (limit != null && read.size() > limit) {
        read = read.subList(0, limit);
      }
      List<Map<String, String>> items = new ArrayList<>();
      for (Map.Entry<Key, Item> entry : read) {
        BigDecimal n = entry.getValue().n();
        if (atLeast == null || (n != null && n.compareTo(atLeast) >= 0)) {
          items.add(entry.getValue().view(entry.getKey()));
        }
      }
      // DynamoDB answers a LastEvaluatedKey whenever the Limit was reached, even with nothing after
      // it
      String last =
          limit != null && read.size() == limit ? read.getLast().getKey().toString() : null;
      return new Page(items, read.size(), last);
    }

    @Override
    public Object engine(DynamoDbClient client, String[] tables) {
      Map<String, AttributeValue> values =
          new HashMap<>(
              Map.of(
                  ":pk",
                  AttributeValue.fromS(pk),
                  ":above",
                  AttributeValue.fromN(Integer.toString(above))));
      if (atLeast != null) {
        values.put(":atLeast", number(atLeast));
      }
      QueryResponse response =
          client.query(
              r ->
                  r.tableName(tables[table])
                      .consistentRead(true)
                      .keyConditionExpression("pk = :pk AND sk > :above")
                      .expressionAttributeValues(values)
                      .filterExpression(atLeast == null ? null : "n >= :atLeast")
                      .limit(limit)
                      .scanIndexForward(forward));
      assertThat(response.count()).as("Count of %s", this).isEqualTo(response.items().size());
      String last =
          response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
              ? response.lastEvaluatedKey().get("pk").s()
                  + "/"
                  + response.lastEvaluatedKey().get("sk").n()
              : null;
      return new Page(
          response.items().stream().map(ReferenceModelPropertyTest::view).toList(),
          response.scannedCount(),
          last);
    }

    @Override
    public String toString() {
      return "Query "
          + table
          + " pk = "
          + pk
          + " AND sk > "
          + above
          + (atLeast == null ? "" : ", filter n >= " + ReferenceModel.normal(atLeast))
          + (limit == null ? "" : ", Limit " + limit)
          + (forward ? "" : ", descending");
    }
  }

  /** A page of a Query: its items, ScannedCount and LastEvaluatedKey (pk/sk, or null). */
  record Page(List<Map<String, String>> items, int scannedCount, String lastEvaluatedKey) {}

  /** One request of a batch: a put of {@code item}, or a delete. */
  record Write(int table, Key key, Item item, boolean delete) {
    @Override
    public String toString() {
      return (delete ? "delete " : "put ") + table + " " + key + (delete ? "" : " " + item);
    }
  }

  record BatchWrite(List<Write> writes) implements Op {
    @Override
    public Object model(ReferenceModel model) {
      for (Write write : writes) {
        if (write.delete()) {
          model.delete(write.table(), write.key());
        } else {
          model.put(write.table(), write.key(), write.item());
        }
      }
      return Map.of();
    }

    @Override
    public Object engine(DynamoDbClient client, String[] tables) {
      Map<String, List<WriteRequest>> requests = new HashMap<>();
      for (Write write : writes) {
        requests
            .computeIfAbsent(tables[write.table()], t -> new ArrayList<>())
            .add(
                write.delete()
                    ? WriteRequest.builder().deleteRequest(d -> d.key(keyOf(write.key()))).build()
                    : WriteRequest.builder()
                        .putRequest(p -> p.item(attributes(write.key(), write.item())))
                        .build());
      }
      return client.batchWriteItem(r -> r.requestItems(requests)).unprocessedItems();
    }

    @Override
    public String toString() {
      return "BatchWriteItem " + writes;
    }
  }

  /** What a transaction does to one item. */
  enum ActionKind {
    PUT_IF_ABSENT,
    ADD_IF_PRESENT,
    DELETE,
    CHECK_PRESENT
  }

  record Action(int table, Key key, ActionKind kind, Item item, BigDecimal add) {
    boolean holds(ReferenceModel model) {
      boolean present = model.get(table, key) != null;
      return switch (kind) {
        case PUT_IF_ABSENT -> !present;
        case ADD_IF_PRESENT, CHECK_PRESENT -> present;
        case DELETE -> true;
      };
    }

    void apply(ReferenceModel model) {
      switch (kind) {
        case PUT_IF_ABSENT -> model.put(table, key, item);
        case ADD_IF_PRESENT -> {
          Item old = model.get(table, key);
          model.put(table, key, old.withN((old.n() == null ? BigDecimal.ZERO : old.n()).add(add)));
        }
        case DELETE -> model.delete(table, key);
        case CHECK_PRESENT -> {}
      }
    }

    TransactWriteItem request(String[] tables) {
      String name = tables[table];
      return switch (kind) {
        case PUT_IF_ABSENT ->
            TransactWriteItem.builder()
                .put(
                    p ->
                        p.tableName(name)
                            .item(attributes(key, item))
                            .conditionExpression("attribute_not_exists(pk)"))
                .build();
        case ADD_IF_PRESENT ->
            TransactWriteItem.builder()
                .update(
                    u ->
                        u.tableName(name)
                            .key(keyOf(key))
                            .updateExpression("ADD n :add")
                            .conditionExpression("attribute_exists(pk)")
                            .expressionAttributeValues(Map.of(":add", number(add))))
                .build();
        case DELETE ->
            TransactWriteItem.builder().delete(d -> d.tableName(name).key(keyOf(key))).build();
        case CHECK_PRESENT ->
            TransactWriteItem.builder()
                .conditionCheck(
                    c ->
                        c.tableName(name)
                            .key(keyOf(key))
                            .conditionExpression("attribute_exists(pk)"))
                .build();
      };
    }

    @Override
    public String toString() {
      return switch (kind) {
        case PUT_IF_ABSENT -> "put " + table + " " + key + " " + item + " if absent";
        case ADD_IF_PRESENT ->
            "ADD n " + ReferenceModel.normal(add) + " to " + table + " " + key + " if present";
        case DELETE -> "delete " + table + " " + key;
        case CHECK_PRESENT -> "check " + table + " " + key + " present";
      };
    }
  }

  record Transaction(List<Action> actions) implements Op {
    @Override
    public Object model(ReferenceModel model) {
      List<String> reasons =
          actions.stream().map(a -> a.holds(model) ? "None" : "ConditionalCheckFailed").toList();
      if (reasons.contains("ConditionalCheckFailed")) {
        return reasons;
      }
      actions.forEach(action -> action.apply(model));
      return "ok";
    }

    @Override
    public Object engine(DynamoDbClient client, String[] tables) {
      try {
        client.transactWriteItems(
            r -> r.transactItems(actions.stream().map(a -> a.request(tables)).toList()));
        return "ok";
      } catch (TransactionCanceledException e) {
        return e.cancellationReasons().stream().map(CancellationReason::code).toList();
      }
    }

    @Override
    public String toString() {
      return "TransactWriteItems " + actions;
    }
  }

  // ---- the wire's side of the model's shapes

  private String createTable() {
    String name = "model_" + TABLES.incrementAndGet();
    client.createTable(
        r ->
            r.tableName(name)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(
                    a -> a.attributeName("pk").attributeType(ScalarAttributeType.S),
                    a -> a.attributeName("sk").attributeType(ScalarAttributeType.N))
                .keySchema(
                    k -> k.attributeName("pk").keyType(KeyType.HASH),
                    k -> k.attributeName("sk").keyType(KeyType.RANGE)));
    return name;
  }

  private List<Map<String, String>> scan(String table) {
    List<Map<String, String>> items =
        new ArrayList<>(
            client.scan(r -> r.tableName(table).consistentRead(true)).items().stream()
                .map(ReferenceModelPropertyTest::view)
                .toList());
    items.sort(
        (a, b) ->
            new Key(a.get("pk"), Integer.parseInt(a.get("sk")))
                .compareTo(new Key(b.get("pk"), Integer.parseInt(b.get("sk")))));
    return items;
  }

  private static Map<String, AttributeValue> keyOf(Key key) {
    return Map.of(
        "pk",
        AttributeValue.fromS(key.pk()),
        "sk",
        AttributeValue.fromN(Integer.toString(key.sk())));
  }

  private static Map<String, AttributeValue> attributes(Key key, Item item) {
    Map<String, AttributeValue> attributes = new HashMap<>(keyOf(key));
    if (item.n() != null) {
      attributes.put("n", number(item.n()));
    }
    if (item.t() != null) {
      attributes.put("t", AttributeValue.fromS(item.t()));
    }
    if (item.s() != null) {
      attributes.put("s", AttributeValue.fromSs(List.copyOf(item.s())));
    }
    return attributes;
  }

  private static AttributeValue number(BigDecimal value) {
    return AttributeValue.fromN(value.toString());
  }

  /** An item as the model views it: numbers in normal form, a set as its sorted members. */
  private static Map<String, String> view(Map<String, AttributeValue> item) {
    Map<String, String> view = new TreeMap<>();
    item.forEach(
        (name, value) ->
            view.put(
                name,
                switch (value.type()) {
                  case S -> value.s();
                  case N -> ReferenceModel.normal(new BigDecimal(value.n()));
                  case SS -> new TreeSet<>(value.ss()).toString();
                  default -> value.toString();
                }));
    return view;
  }
}
