package app.podium.engine.store;

import app.podium.engine.value.DynamoError;
import app.podium.engine.value.Value;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every table, and the one way items change: {@link #commit} under the items' locks, which stores
 * the items, keeps the indexes in step (now, or after the GSI lag) and hands the change to the
 * durable log before it returns.
 */
public final class Database implements AutoCloseable {
  /**
   * Where committed changes go before a write is answered: nowhere in memory, a synced log on a
   * data folder.
   */
  public interface ChangeLog {
    ChangeLog NONE = change -> {};

    /** Records {@code change} durably; returns once it would survive a crash. */
    void record(Change change);
  }

  /** One item's new state within a commit: {@code item} null deletes it. */
  public record Write(Table table, ItemKey key, Map<String, Value> item) {}

  private final ConcurrentHashMap<String, Table> tables = new ConcurrentHashMap<>();
  private final ItemLocks locks = new ItemLocks();
  private final IndexLag lag;
  private volatile ChangeLog log = ChangeLog.NONE;

  public Database(Duration gsiLag) {
    this.lag = new IndexLag(gsiLag);
  }

  public void log(ChangeLog changeLog) {
    this.log = changeLog;
  }

  public ItemLocks locks() {
    return locks;
  }

  /** The table, or DynamoDB's ResourceNotFoundException. */
  public Table table(String name) {
    Table table = tables.get(name);
    if (table == null) {
      throw DynamoError.tableNotFound();
    }
    return table;
  }

  public Table find(String name) {
    return tables.get(name);
  }

  public List<String> tableNames() {
    return tables.keySet().stream().sorted().toList();
  }

  public Table create(TableDef def) {
    Table table = new Table(def);
    if (tables.putIfAbsent(def.name(), table) != null) {
      throw DynamoError.resourceInUse("Cannot create preexisting table");
    }
    log.record(new Change.TableDefined(def));
    return table;
  }

  public Table drop(String name) {
    Table table = tables.remove(name);
    if (table == null) {
      throw DynamoError.tableNotFound();
    }
    log.record(new Change.TableDropped(name));
    return table;
  }

  /** Changes what a table says of itself without touching its items (TTL, billing). */
  public synchronized void redefine(Table table, TableDef def) {
    String oldTtl = table.def().ttlAttribute();
    table.define(def);
    if (!java.util.Objects.equals(oldTtl, def.ttlAttribute())) {
      table.scheduleAll(def.ttlAttribute());
    }
    log.record(new Change.TableDefined(def));
  }

  /**
   * Replaces the table's global indexes: a new index is filled from every item (each read under its
   * lock, so that no concurrent write is missed), a dropped one forgotten.
   */
  public synchronized void regroupIndexes(Table table, TableDef def) {
    Map<String, IndexStore> stores = new LinkedHashMap<>();
    List<IndexStore> added = new ArrayList<>();
    for (IndexDef index : def.indexes()) {
      IndexStore existing = table.indexes().get(index.name());
      if (existing != null) {
        stores.put(index.name(), existing);
      } else {
        IndexStore created = new IndexStore(index, def.keys());
        stores.put(index.name(), created);
        added.add(created);
      }
    }
    table.define(def);
    table.indexes(stores);
    for (SortedStore.Partition partition : table.items().scanFrom(null).values()) {
      for (Row row : partition.rows().values()) {
        ItemKey key = ItemKey.of(def.keys(), row.item());
        int stripe = locks.stripe(table.name(), key);
        locks.lock(stripe);
        try {
          Row current = table.get(key);
          for (IndexStore index : added) {
            index.update(key, current == null ? null : current.item());
          }
        } finally {
          locks.unlock(stripe);
        }
      }
    }
    log.record(new Change.TableDefined(def));
  }

  /**
   * Stores every write, keeps the indexes in step and records the writes as one change, durably.
   * The caller holds the lock of every item written.
   */
  public void commit(List<Write> writes) {
    List<Change.ItemWrite> logged = new ArrayList<>(writes.size());
    for (Write write : writes) {
      apply(write.table(), write.key(), write.item());
      logged.add(
          new Change.ItemWrite(
              write.table().name(), write.key().toItem(write.table().def().keys()), write.item()));
    }
    log.record(new Change.Items(logged));
  }

  private void apply(Table table, ItemKey key, Map<String, Value> item) {
    table.store(key, item);
    for (IndexStore index : table.indexes().values()) {
      if (index.def().global() && lag.delays()) {
        lag.submit(index, key, item);
      } else {
        index.update(key, item);
      }
    }
  }

  /**
   * Replays one logged change into memory, at start; no locks (nothing else runs yet), nothing
   * logged.
   */
  public void replay(Change change) {
    switch (change) {
      case Change.TableDefined defined -> {
        Table existing = tables.get(defined.def().name());
        if (existing == null) {
          tables.put(defined.def().name(), new Table(defined.def()));
        } else {
          ChangeLog kept = log;
          log = ChangeLog.NONE;
          try {
            regroupIndexes(existing, defined.def());
            redefine(existing, defined.def());
          } finally {
            log = kept;
          }
        }
      }
      case Change.TableDropped dropped -> tables.remove(dropped.name());
      case Change.Items items -> {
        for (Change.ItemWrite write : items.writes()) {
          Table table = tables.get(write.table());
          if (table != null) {
            table.store(ItemKey.of(table.def().keys(), write.key()), write.item());
            for (IndexStore index : table.indexes().values()) {
              index.update(ItemKey.of(table.def().keys(), write.key()), write.item());
            }
          }
        }
      }
    }
  }

  /** Every table and its items, for a snapshot; the caller keeps writers out while it runs. */
  public List<Table> tables() {
    return tableNames().stream().map(tables::get).filter(java.util.Objects::nonNull).toList();
  }

  /**
   * Deletes the items whose TTL passed at least {@code delay} ago, each re-checked under its lock
   * (a write since may have moved its TTL); returns how many were deleted.
   */
  public int sweepExpired(long nowSeconds, Duration delay) {
    int deleted = 0;
    long cutoff = nowSeconds - delay.toSeconds();
    for (Table table : tables.values()) {
      String ttl = table.def().ttlAttribute();
      if (ttl == null) {
        continue;
      }
      for (Table.Expiry expiry :
          List.copyOf((java.util.Collection<Table.Expiry>) toList(table.expiredBy(cutoff)))) {
        int stripe = locks.stripe(table.name(), expiry.key());
        locks.lock(stripe);
        try {
          Row current = table.get(expiry.key());
          if (current != null
              && Table.expirySeconds(current.item(), ttl) >= 0
              && Table.expirySeconds(current.item(), ttl) <= cutoff
              && tables.get(table.name()) == table) {
            commit(List.of(new Write(table, expiry.key(), null)));
            deleted++;
          }
        } finally {
          locks.unlock(stripe);
        }
      }
    }
    return deleted;
  }

  private static <T> List<T> toList(Iterable<T> items) {
    List<T> list = new ArrayList<>();
    items.forEach(list::add);
    return list;
  }

  @Override
  public void close() {
    lag.close();
  }
}
