package app.podium.engine.ops;

import app.podium.engine.store.IndexDef;
import app.podium.engine.store.IndexStore;
import app.podium.engine.store.KeySchema;
import app.podium.engine.store.Table;
import app.podium.engine.store.TableDef;
import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Value;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * CreateTable, DeleteTable, DescribeTable, ListTables, UpdateTable, UpdateTimeToLive and
 * DescribeTimeToLive.
 */
final class TableOps {
  static final int MAX_GLOBAL_INDEXES = 20;
  static final int MAX_LOCAL_INDEXES = 5;

  private final Context context;

  TableOps(Context context) {
    this.context = context;
  }

  Map<String, Object> createTable(JsonNode request) {
    String name = Requests.tableName(request);
    Map<String, Value.Type> attributes =
        attributeDefinitions(Requests.field(request, "AttributeDefinitions"));
    KeySchema keys = keySchema(Requests.field(request, "KeySchema"), attributes, "keySchema");
    String billing =
        Requests.choice(
            request,
            "BillingMode",
            "PROVISIONED",
            List.of("PROVISIONED", "PAY_PER_REQUEST"),
            Requests.notInEnum(
                Requests.string(request, "BillingMode"),
                "billingMode",
                List.of("PROVISIONED", "PAY_PER_REQUEST")));
    long[] throughput = throughput(Requests.field(request, "ProvisionedThroughput"), billing);
    List<IndexDef> globals = new ArrayList<>();
    JsonNode gsis = Requests.field(request, "GlobalSecondaryIndexes");
    if (gsis != null) {
      if (gsis.size() > MAX_GLOBAL_INDEXES) {
        throw DynamoError.invalid(
            "GlobalSecondaryIndex count exceeds the per-table limit of " + MAX_GLOBAL_INDEXES);
      }
      for (JsonNode gsi : gsis) {
        globals.add(index(gsi, true, attributes, billing));
      }
    }
    List<IndexDef> locals = new ArrayList<>();
    JsonNode lsis = Requests.field(request, "LocalSecondaryIndexes");
    if (lsis != null) {
      if (!keys.hasRange()) {
        throw DynamoError.invalid(
            "Table KeySchema does not have a range key, which is required when specifying a "
                + "LocalSecondaryIndex");
      }
      if (lsis.size() > MAX_LOCAL_INDEXES) {
        throw DynamoError.invalid(
            "LocalSecondaryIndex count exceeds the per-table limit of " + MAX_LOCAL_INDEXES);
      }
      for (JsonNode lsi : lsis) {
        IndexDef local = index(lsi, false, attributes, billing);
        if (!local.keys().hash().equals(keys.hash()) || !local.keys().hasRange()) {
          throw DynamoError.invalid(
              "Index KeySchema does not have a range key for index: " + local.name());
        }
        locals.add(local);
      }
    }
    Set<String> indexNames = new HashSet<>();
    for (IndexDef index : concat(globals, locals)) {
      if (!indexNames.add(index.name())) {
        throw DynamoError.invalid("Duplicate index name: " + index.name());
      }
    }
    Set<String> used = new HashSet<>(keys.names());
    concat(globals, locals).forEach(index -> used.addAll(index.keys().names()));
    if (!used.equals(attributes.keySet())) {
      throw DynamoError.invalid(
          "Number of attributes in KeySchema does not exactly match number of attributes "
              + "defined in AttributeDefinitions");
    }
    TableDef def =
        new TableDef(
            name,
            UUID.randomUUID().toString(),
            keys,
            attributes,
            globals,
            locals,
            billing,
            throughput[0],
            throughput[1],
            context.clock().millis(),
            null,
            Requests.bool(request, "DeletionProtectionEnabled"));
    Table table = context.database().create(def);
    return Map.of("TableDescription", describe(table));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    List<T> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }

  private static Map<String, Value.Type> attributeDefinitions(JsonNode definitions) {
    if (definitions == null) {
      throw DynamoError.validation(
          "1 validation error detected: Value null at 'attributeDefinitions' failed to "
              + "satisfy constraint: Member must not be null");
    }
    Map<String, Value.Type> attributes = new LinkedHashMap<>();
    for (JsonNode definition : definitions) {
      String type = definition.path("AttributeType").asText();
      if (!List.of("S", "N", "B").contains(type)) {
        throw Requests.notInEnum(
            type, "attributeDefinitions.member.attributeType", List.of("B", "N", "S"));
      }
      if (attributes.put(definition.path("AttributeName").asText(), Value.Type.valueOf(type))
          != null) {
        throw DynamoError.invalid("Cannot have two attributes with the same name");
      }
    }
    return attributes;
  }

  private static KeySchema keySchema(
      JsonNode schema, Map<String, Value.Type> attributes, String field) {
    if (schema == null || schema.isEmpty() || schema.size() > 2) {
      throw DynamoError.validation(
          "1 validation error detected: Value '"
              + schema
              + "' at '"
              + field
              + "' failed to satisfy constraint: Member must have length "
              + (schema == null || schema.isEmpty()
                  ? "greater than or equal to 1"
                  : "less than or equal to 2"));
    }
    String hash = schema.get(0).path("AttributeName").asText();
    if (!"HASH".equals(schema.get(0).path("KeyType").asText())) {
      throw DynamoError.validation(
          "Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    String range = null;
    if (schema.size() == 2) {
      range = schema.get(1).path("AttributeName").asText();
      if (!"RANGE".equals(schema.get(1).path("KeyType").asText())) {
        throw DynamoError.validation(
            "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
      }
      if (range.equals(hash)) {
        throw DynamoError.validation(
            "Both the Hash Key and the Range Key element in the KeySchema have the same " + "name");
      }
    }
    List<String> missing = new ArrayList<>();
    for (String key : range == null ? List.of(hash) : List.of(hash, range)) {
      if (!attributes.containsKey(key)) {
        missing.add(key);
      }
    }
    if (!missing.isEmpty()) {
      throw DynamoError.invalid(
          "Some index key attributes are not defined in AttributeDefinitions. Keys: "
              + missing
              + ", AttributeDefinitions: "
              + new ArrayList<>(attributes.keySet()));
    }
    return new KeySchema(
        hash, attributes.get(hash), range, range == null ? null : attributes.get(range));
  }

  private static long[] throughput(JsonNode provisioned, String billing) {
    if (billing.equals("PAY_PER_REQUEST")) {
      if (provisioned != null
          && (provisioned.path("ReadCapacityUnits").asLong() > 0
              || provisioned.path("WriteCapacityUnits").asLong() > 0)) {
        throw DynamoError.invalid(
            "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
                + "BillingMode is PAY_PER_REQUEST");
      }
      return new long[] {0, 0};
    }
    if (provisioned == null
        || !provisioned.has("ReadCapacityUnits")
        || !provisioned.has("WriteCapacityUnits")) {
      throw DynamoError.invalid(
          "ReadCapacityUnits and WriteCapacityUnits must both be specified when BillingMode "
              + "is PROVISIONED");
    }
    return new long[] {
      provisioned.get("ReadCapacityUnits").asLong(), provisioned.get("WriteCapacityUnits").asLong()
    };
  }

  private static IndexDef index(
      JsonNode spec, boolean global, Map<String, Value.Type> attributes, String billing) {
    String name = Requests.checkedName(spec.path("IndexName").asText());
    KeySchema keys =
        keySchema(
            spec.get("KeySchema"),
            attributes,
            (global ? "globalSecondaryIndexes" : "localSecondaryIndexes") + ".member.keySchema");
    JsonNode projection = spec.get("Projection");
    String type =
        projection == null || !projection.has("ProjectionType")
            ? "INCLUDE"
            : projection.get("ProjectionType").asText();
    if (!List.of("ALL", "KEYS_ONLY", "INCLUDE").contains(type)) {
      throw Requests.notInEnum(
          type, "projection.projectionType", List.of("ALL", "KEYS_ONLY", "INCLUDE"));
    }
    List<String> nonKey = new ArrayList<>();
    JsonNode nonKeyNode = projection == null ? null : projection.get("NonKeyAttributes");
    if (nonKeyNode != null) {
      if (!type.equals("INCLUDE")) {
        throw DynamoError.invalid(
            "ProjectionType is " + type + ", but NonKeyAttributes is specified");
      }
      nonKeyNode.forEach(attribute -> nonKey.add(attribute.asText()));
    } else if (type.equals("INCLUDE")) {
      throw DynamoError.validation(
          "If Projection type INCLUDE is specified, some non-key attributes to include in the "
              + "projection must be specified as well");
    }
    long[] throughput =
        global ? throughput(spec.get("ProvisionedThroughput"), billing) : new long[] {0, 0};
    return new IndexDef(
        name,
        global,
        keys,
        IndexDef.ProjectionType.valueOf(type),
        nonKey,
        throughput[0],
        throughput[1]);
  }

  Map<String, Object> deleteTable(JsonNode request) {
    String name = Requests.tableName(request);
    Table table = context.database().table(name);
    if (table.def().deletionProtection()) {
      throw DynamoError.validation(
          "Resource cannot be deleted as it is currently protected against deletion. "
              + "Disable deletion protection first.");
    }
    Map<String, Object> description = describe(table);
    context.database().drop(name);
    description.put("TableStatus", "DELETING");
    return Map.of("TableDescription", description);
  }

  Map<String, Object> describeTable(JsonNode request) {
    return Map.of("Table", describe(context.database().table(Requests.tableName(request))));
  }

  Map<String, Object> listTables(JsonNode request) {
    Integer limit = Requests.integer(request, "Limit");
    if (limit != null && (limit < 1 || limit > 100)) {
      throw DynamoError.validation(
          limit < 1
              ? "1 validation error detected: Value '"
                  + limit
                  + "' at 'limit' failed to satisfy constraint: Member must "
                  + "have value greater than or equal to 1"
              : "Limit in ListTables must be <= 100");
    }
    String start = Requests.string(request, "ExclusiveStartTableName");
    List<String> names =
        context.database().tableNames().stream()
            .filter(name -> start == null || name.compareTo(start) > 0)
            .toList();
    int max = limit == null ? 100 : limit;
    Map<String, Object> response = new LinkedHashMap<>();
    List<String> page = names.subList(0, Math.min(max, names.size()));
    response.put("TableNames", page);
    if (names.size() > max || (limit != null && names.size() == max && !page.isEmpty())) {
      response.put("LastEvaluatedTableName", page.getLast());
    }
    return response;
  }

  Map<String, Object> updateTable(JsonNode request) {
    Table table = context.database().table(Requests.tableName(request));
    TableDef def = table.def();
    JsonNode updates = Requests.field(request, "GlobalSecondaryIndexUpdates");
    String billing = Requests.string(request, "BillingMode");
    JsonNode provisioned = Requests.field(request, "ProvisionedThroughput");
    boolean protection =
        request.has("DeletionProtectionEnabled")
            ? Requests.bool(request, "DeletionProtectionEnabled")
            : def.deletionProtection();
    if (billing != null || provisioned != null || protection != def.deletionProtection()) {
      String mode = billing == null ? def.billingMode() : billing;
      long[] throughput =
          mode.equals("PAY_PER_REQUEST")
              ? new long[] {0, 0}
              : throughput(provisioned == null ? null : provisioned, mode);
      def = def.withBilling(mode, throughput[0], throughput[1], protection);
      context.database().redefine(table, def);
    }
    // the answer shows a removed index DELETING, as DynamoDB does while it drops it; the engine
    // drops it at once
    List<Map<String, Object>> deleting = new ArrayList<>();
    if (updates != null) {
      Map<String, Value.Type> attributes = new LinkedHashMap<>(def.attributes());
      JsonNode definitions = Requests.field(request, "AttributeDefinitions");
      if (definitions != null) {
        attributes.putAll(attributeDefinitions(definitions));
      }
      List<IndexDef> globals = new ArrayList<>(def.globalIndexes());
      for (JsonNode update : updates) {
        if (update.has("Create")) {
          IndexDef created = index(update.get("Create"), true, attributes, def.billingMode());
          if (def.index(created.name()).isPresent()) {
            throw DynamoError.resourceInUse(
                "Attempt to change a resource which is still in use: Index already "
                    + "exists: "
                    + created.name());
          }
          if (globals.size() >= MAX_GLOBAL_INDEXES) {
            throw DynamoError.invalid(
                "GlobalSecondaryIndex count exceeds the per-table limit of " + MAX_GLOBAL_INDEXES);
          }
          globals.add(created);
        } else if (update.has("Delete")) {
          String indexName = update.get("Delete").path("IndexName").asText();
          IndexDef deleted =
              globals.stream()
                  .filter(index -> index.name().equals(indexName))
                  .findFirst()
                  .orElseThrow(() -> DynamoError.resourceNotFound("Requested resource not found"));
          globals.remove(deleted);
          deleting.add(deleting(table, deleted));
        } else if (update.has("Update")) {
          String indexName = update.get("Update").path("IndexName").asText();
          if (globals.stream().noneMatch(index -> index.name().equals(indexName))) {
            throw DynamoError.resourceNotFound("Requested resource not found");
          }
        }
      }
      // attribute definitions cover exactly the keys still in use
      Set<String> used = new HashSet<>(def.keys().names());
      concat(globals, def.localIndexes()).forEach(index -> used.addAll(index.keys().names()));
      attributes.keySet().retainAll(used);
      context.database().regroupIndexes(table, def.withGlobalIndexes(attributes, globals));
    }
    Map<String, Object> description = describe(table);
    if (!deleting.isEmpty()) {
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> kept =
          (List<Map<String, Object>>) description.getOrDefault("GlobalSecondaryIndexes", List.of());
      description.put("GlobalSecondaryIndexes", concat(kept, deleting));
    }
    return Map.of("TableDescription", description);
  }

  /** A removed index as the answer to its removal describes it: DELETING, and no longer counted. */
  private static Map<String, Object> deleting(Table table, IndexDef index) {
    Map<String, Object> description = describe(table, index);
    description.put("IndexStatus", "DELETING");
    description.remove("IndexSizeBytes");
    description.remove("ItemCount");
    return description;
  }

  Map<String, Object> updateTimeToLive(JsonNode request) {
    Table table = context.database().table(Requests.tableName(request));
    JsonNode spec = Requests.field(request, "TimeToLiveSpecification");
    if (spec == null) {
      throw DynamoError.validation(
          "1 validation error detected: Value null at 'timeToLiveSpecification' failed to "
              + "satisfy constraint: Member must not be null");
    }
    String attribute = spec.path("AttributeName").asText();
    boolean enable = spec.path("Enabled").asBoolean();
    String current = table.def().ttlAttribute();
    if (current != null && !current.equals(attribute)) {
      throw DynamoError.validation("TimeToLive is active on a different AttributeName");
    }
    if (enable && current != null) {
      throw DynamoError.validation("TimeToLive is already enabled");
    }
    if (!enable && current == null) {
      throw DynamoError.validation("TimeToLive is already disabled");
    }
    context.database().redefine(table, table.def().withTtl(enable ? attribute : null));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("Enabled", enable);
    answer.put("AttributeName", attribute);
    return Map.of("TimeToLiveSpecification", answer);
  }

  Map<String, Object> describeTimeToLive(JsonNode request) {
    Table table = context.database().table(Requests.tableName(request));
    Map<String, Object> description = new LinkedHashMap<>();
    String attribute = table.def().ttlAttribute();
    description.put("TimeToLiveStatus", attribute == null ? "DISABLED" : "ENABLED");
    if (attribute != null) {
      description.put("AttributeName", attribute);
    }
    return Map.of("TimeToLiveDescription", description);
  }

  /** A TableDescription, as CreateTable, DescribeTable, UpdateTable and DeleteTable return it. */
  static Map<String, Object> describe(Table table) {
    TableDef def = table.def();
    Map<String, Object> description = new LinkedHashMap<>();
    List<Map<String, Object>> attributes = new ArrayList<>();
    def.attributes()
        .forEach(
            (name, type) ->
                attributes.add(pair("AttributeName", name, "AttributeType", type.name())));
    description.put("AttributeDefinitions", attributes);
    description.put("TableName", def.name());
    description.put("KeySchema", keySchema(def.keys()));
    description.put("TableStatus", "ACTIVE");
    BigDecimal created = BigDecimal.valueOf(def.createdMillis(), 3);
    description.put("CreationDateTime", created);
    description.put("ProvisionedThroughput", throughput(def.readUnits(), def.writeUnits()));
    description.put("TableSizeBytes", table.bytes());
    description.put("ItemCount", table.itemCount());
    description.put("TableArn", def.arn());
    description.put("TableId", def.id());
    if (def.billingMode().equals("PAY_PER_REQUEST")) {
      description.put(
          "BillingModeSummary",
          Map.of("BillingMode", "PAY_PER_REQUEST", "LastUpdateToPayPerRequestDateTime", created));
    }
    if (!def.globalIndexes().isEmpty()) {
      description.put(
          "GlobalSecondaryIndexes",
          def.globalIndexes().stream().map(i -> describe(table, i)).toList());
    }
    if (!def.localIndexes().isEmpty()) {
      description.put(
          "LocalSecondaryIndexes",
          def.localIndexes().stream().map(i -> describe(table, i)).toList());
    }
    description.put("DeletionProtectionEnabled", def.deletionProtection());
    return description;
  }

  private static Map<String, Object> describe(Table table, IndexDef index) {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("IndexName", index.name());
    description.put("KeySchema", keySchema(index.keys()));
    Map<String, Object> projection = new LinkedHashMap<>();
    projection.put("ProjectionType", index.projection().name());
    if (!index.nonKeyAttributes().isEmpty()) {
      projection.put("NonKeyAttributes", index.nonKeyAttributes());
    }
    description.put("Projection", projection);
    if (index.global()) {
      description.put("IndexStatus", "ACTIVE");
      description.put("ProvisionedThroughput", throughput(index.readUnits(), index.writeUnits()));
    }
    IndexStore store = table.indexes().get(index.name());
    long[] counts = store == null ? new long[] {0, 0} : store.counts();
    description.put("IndexSizeBytes", counts[1]);
    description.put("ItemCount", counts[0]);
    description.put("IndexArn", table.def().arn() + "/index/" + index.name());
    return description;
  }

  private static List<Map<String, Object>> keySchema(KeySchema keys) {
    List<Map<String, Object>> schema = new ArrayList<>();
    schema.add(pair("AttributeName", keys.hash(), "KeyType", "HASH"));
    if (keys.hasRange()) {
      schema.add(pair("AttributeName", keys.range(), "KeyType", "RANGE"));
    }
    return schema;
  }

  /** A two-field object in the order DynamoDB writes it. */
  private static Map<String, Object> pair(
      String firstName, Object first, String secondName, Object second) {
    Map<String, Object> pair = new LinkedHashMap<>();
    pair.put(firstName, first);
    pair.put(secondName, second);
    return pair;
  }

  private static Map<String, Object> throughput(long read, long write) {
    Map<String, Object> throughput = new LinkedHashMap<>();
    throughput.put("NumberOfDecreasesToday", 0);
    throughput.put("ReadCapacityUnits", read);
    throughput.put("WriteCapacityUnits", write);
    return throughput;
  }
}
