package app.podium.engine.store;

import app.podium.engine.value.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What CreateTable, UpdateTable and UpdateTimeToLive say about a table. Immutable: a change makes a
 * new one.
 */
public record TableDef(
    String name,
    String id,
    KeySchema keys,
    Map<String, Value.Type> attributes,
    List<IndexDef> globalIndexes,
    List<IndexDef> localIndexes,
    String billingMode,
    long readUnits,
    long writeUnits,
    long createdMillis,
    String ttlAttribute,
    boolean deletionProtection) {
  public TableDef {
    attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    globalIndexes = List.copyOf(globalIndexes);
    localIndexes = List.copyOf(localIndexes);
  }

  public Optional<IndexDef> index(String indexName) {
    for (IndexDef index : indexes()) {
      if (index.name().equals(indexName)) {
        return Optional.of(index);
      }
    }
    return Optional.empty();
  }

  public List<IndexDef> indexes() {
    List<IndexDef> all = new ArrayList<>(globalIndexes);
    all.addAll(localIndexes);
    return all;
  }

  public TableDef withTtl(String attribute) {
    return new TableDef(
        name,
        id,
        keys,
        attributes,
        globalIndexes,
        localIndexes,
        billingMode,
        readUnits,
        writeUnits,
        createdMillis,
        attribute,
        deletionProtection);
  }

  public TableDef withGlobalIndexes(Map<String, Value.Type> newAttributes, List<IndexDef> indexes) {
    return new TableDef(
        name,
        id,
        keys,
        newAttributes,
        indexes,
        localIndexes,
        billingMode,
        readUnits,
        writeUnits,
        createdMillis,
        ttlAttribute,
        deletionProtection);
  }

  public TableDef withBilling(String mode, long read, long write, boolean protection) {
    return new TableDef(
        name,
        id,
        keys,
        attributes,
        globalIndexes,
        localIndexes,
        mode,
        read,
        write,
        createdMillis,
        ttlAttribute,
        protection);
  }

  public String arn() {
    return "arn:aws:dynamodb:us-east-1:000000000000:table/" + name;
  }
}
