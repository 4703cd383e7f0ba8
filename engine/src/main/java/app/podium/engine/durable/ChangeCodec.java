package app.podium.engine.durable;

import app.podium.engine.ops.Json;
import app.podium.engine.store.Change;
import app.podium.engine.store.IndexDef;
import app.podium.engine.store.KeySchema;
import app.podium.engine.store.TableDef;
import app.podium.engine.value.Value;
import app.podium.engine.value.ValueJson;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Changes as JSON, for the journal and the snapshots: items in DynamoDB's own typed form. */
final class ChangeCodec {
  private ChangeCodec() {}

  static byte[] encode(Change change) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
    try (JsonGenerator out = Json.mapper().getFactory().createGenerator(bytes)) {
      out.writeStartObject();
      switch (change) {
        case Change.TableDefined defined -> {
          out.writeStringField("change", "table");
          out.writeFieldName("def");
          writeTable(out, defined.def());
        }
        case Change.TableDropped dropped -> {
          out.writeStringField("change", "drop");
          out.writeStringField("name", dropped.name());
        }
        case Change.Items items -> {
          out.writeStringField("change", "items");
          out.writeArrayFieldStart("writes");
          for (Change.ItemWrite write : items.writes()) {
            out.writeStartObject();
            out.writeStringField("table", write.table());
            out.writeFieldName("key");
            ValueJson.write(out, write.key());
            if (write.item() != null) {
              out.writeFieldName("item");
              ValueJson.write(out, write.item());
            }
            out.writeEndObject();
          }
          out.writeEndArray();
        }
      }
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  static Change decode(byte[] payload) throws IOException {
    JsonNode node = Json.mapper().readTree(payload);
    return switch (node.path("change").asText()) {
      case "table" -> new Change.TableDefined(readTable(node.get("def")));
      case "drop" -> new Change.TableDropped(node.get("name").asText());
      case "items" -> {
        List<Change.ItemWrite> writes = new ArrayList<>();
        for (JsonNode write : node.get("writes")) {
          writes.add(
              new Change.ItemWrite(
                  write.get("table").asText(),
                  ValueJson.item(write.get("key")),
                  write.has("item") ? ValueJson.item(write.get("item")) : null));
        }
        yield new Change.Items(writes);
      }
      default -> throw new IOException("unknown change: " + node.path("change").asText());
    };
  }

  private static void writeTable(JsonGenerator out, TableDef def) throws IOException {
    out.writeStartObject();
    out.writeStringField("name", def.name());
    out.writeStringField("id", def.id());
    out.writeFieldName("keys");
    writeKeys(out, def.keys());
    out.writeObjectFieldStart("attributes");
    for (Map.Entry<String, Value.Type> attribute : def.attributes().entrySet()) {
      out.writeStringField(attribute.getKey(), attribute.getValue().name());
    }
    out.writeEndObject();
    out.writeArrayFieldStart("indexes");
    for (IndexDef index : def.indexes()) {
      out.writeStartObject();
      out.writeStringField("name", index.name());
      out.writeBooleanField("global", index.global());
      out.writeFieldName("keys");
      writeKeys(out, index.keys());
      out.writeStringField("projection", index.projection().name());
      out.writeArrayFieldStart("nonKey");
      for (String attribute : index.nonKeyAttributes()) {
        out.writeString(attribute);
      }
      out.writeEndArray();
      out.writeNumberField("read", index.readUnits());
      out.writeNumberField("write", index.writeUnits());
      out.writeEndObject();
    }
    out.writeEndArray();
    out.writeStringField("billing", def.billingMode());
    out.writeNumberField("read", def.readUnits());
    out.writeNumberField("write", def.writeUnits());
    out.writeNumberField("created", def.createdMillis());
    if (def.ttlAttribute() != null) {
      out.writeStringField("ttl", def.ttlAttribute());
    }
    out.writeBooleanField("protected", def.deletionProtection());
    out.writeEndObject();
  }

  private static void writeKeys(JsonGenerator out, KeySchema keys) throws IOException {
    out.writeStartObject();
    out.writeStringField("hash", keys.hash());
    out.writeStringField("hashType", keys.hashType().name());
    if (keys.hasRange()) {
      out.writeStringField("range", keys.range());
      out.writeStringField("rangeType", keys.rangeType().name());
    }
    out.writeEndObject();
  }

  private static TableDef readTable(JsonNode node) {
    Map<String, Value.Type> attributes = new LinkedHashMap<>();
    node.get("attributes")
        .fields()
        .forEachRemaining(
            e -> attributes.put(e.getKey(), Value.Type.valueOf(e.getValue().asText())));
    List<IndexDef> globals = new ArrayList<>();
    List<IndexDef> locals = new ArrayList<>();
    for (JsonNode index : node.get("indexes")) {
      List<String> nonKey = new ArrayList<>();
      index.get("nonKey").forEach(attribute -> nonKey.add(attribute.asText()));
      IndexDef def =
          new IndexDef(
              index.get("name").asText(),
              index.get("global").asBoolean(),
              readKeys(index.get("keys")),
              IndexDef.ProjectionType.valueOf(index.get("projection").asText()),
              nonKey,
              index.get("read").asLong(),
              index.get("write").asLong());
      (def.global() ? globals : locals).add(def);
    }
    return new TableDef(
        node.get("name").asText(),
        node.get("id").asText(),
        readKeys(node.get("keys")),
        attributes,
        globals,
        locals,
        node.get("billing").asText(),
        node.get("read").asLong(),
        node.get("write").asLong(),
        node.get("created").asLong(),
        node.has("ttl") ? node.get("ttl").asText() : null,
        node.get("protected").asBoolean());
  }

  private static KeySchema readKeys(JsonNode node) {
    return new KeySchema(
        node.get("hash").asText(),
        Value.Type.valueOf(node.get("hashType").asText()),
        node.has("range") ? node.get("range").asText() : null,
        node.has("range") ? Value.Type.valueOf(node.get("rangeType").asText()) : null);
  }
}
