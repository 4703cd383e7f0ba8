package app.podium.notifications.store;

import static app.podium.store.Attributes.n;
import static app.podium.store.Attributes.s;

import app.podium.Tables;
import app.podium.notifications.NotificationEvent;
import app.podium.notifications.NotificationGroup;
import app.podium.notifications.NotificationStore;
import app.podium.notifications.NotificationType;
import app.podium.shared.PageRequest;
import app.podium.store.Attributes;
import app.podium.store.Batches;
import app.podium.store.DynamoDb;
import app.podium.store.Windows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * Notification groups, one item per (member, group key), paged by the {@code by_latest} index. Each
 * event leaves a receipt ({@code notification:<member>:<group>:<actor>}) in the idempotency table,
 * put in the same transaction as the group's update and only if absent: an event is counted once
 * however often it is delivered. The group's update is conditional on the count read just before
 * (an optimistic version), so concurrent batches for one group never overwrite each other's samples
 * or counts; the loser reads again and retries.
 */
public final class DynamoDbNotificationRepository implements NotificationStore {
  /** A transaction holds at most 100 items: the group and 99 receipts. */
  static final int RECEIPTS_PER_TRANSACTION = 99;

  static final int ATTEMPTS = 10;

  private final DynamoDb db;
  private final String table;
  private final String receipts;

  public DynamoDbNotificationRepository(DynamoDb db) {
    this.db = db;
    this.table = db.name(Tables.NOTIFICATIONS);
    this.receipts = db.name(Tables.IDEMPOTENCY);
  }

  @Override
  public void add(List<NotificationEvent> sameGroup, Instant receiptsExpireAt) {
    // one event per actor: two deliveries of one actor's event in the same batch share a receipt
    Map<String, NotificationEvent> byActor = new java.util.LinkedHashMap<>();
    sameGroup.forEach(e -> byActor.putIfAbsent(e.actorId(), e));
    List<NotificationEvent> events = List.copyOf(byActor.values());
    for (int from = 0; from < events.size(); from += RECEIPTS_PER_TRANSACTION) {
      addChunk(
          new ArrayList<>(
              events.subList(from, Math.min(events.size(), from + RECEIPTS_PER_TRANSACTION))),
          receiptsExpireAt);
    }
  }

  private void addChunk(List<NotificationEvent> pending, Instant receiptsExpireAt) {
    NotificationEvent first = pending.getFirst();
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      Optional<NotificationGroup> before = find(first.recipientId(), first.groupKey());
      NotificationGroup after = NotificationGroup.merge(before, pending);
      List<TransactWriteItem> items = new ArrayList<>();
      for (NotificationEvent event : pending) {
        items.add(
            TransactWriteItem.builder()
                .put(
                    Put.builder()
                        .tableName(receipts)
                        .item(
                            Map.of(
                                "key",
                                s(receiptKey(event)),
                                "expires_at",
                                n(receiptsExpireAt.getEpochSecond())))
                        .conditionExpression("attribute_not_exists(#k)")
                        .expressionAttributeNames(Map.of("#k", "key"))
                        .build())
                .build());
      }
      items.add(DynamoDb.write(groupUpdate(before, after)));
      try {
        DynamoDb.retryingConflicts(
            () -> db.client().transactWriteItems(r -> r.transactItems(items)));
        return;
      } catch (TransactionCanceledException e) {
        Set<Integer> failed = DynamoDb.failedConditions(e);
        if (failed.isEmpty() || attempt >= ATTEMPTS) {
          throw e;
        }
        // receipts already there: those events were counted before (a redelivery); the group's
        // condition
        // failing means another batch changed it since it was read: read it again
        List<NotificationEvent> still = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
          if (!failed.contains(i)) {
            still.add(pending.get(i));
          }
        }
        pending = still;
        if (failed.contains(items.size() - 1)) {
          DynamoDb.sleep(Math.min(200, 5L << attempt));
        }
      }
    }
  }

  private static String receiptKey(NotificationEvent event) {
    return "notification:" + event.recipientId() + ":" + event.groupKey() + ":" + event.actorId();
  }

  private Update groupUpdate(Optional<NotificationGroup> before, NotificationGroup after) {
    Map<String, String> names = new HashMap<>(Map.of("#type", "type", "#count", "count"));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":type", s(after.type().text()));
    values.put(":latest", n(after.latestId()));
    values.put(":latestAt", n(after.latestAt().toEpochMilli()));
    values.put(":first", n(after.firstId()));
    values.put(":count", n(after.count()));
    values.put(
        ":samples",
        AttributeValue.fromL(after.sampleAccountIds().stream().map(Attributes::s).toList()));
    values.put(
        ":sampleEvents",
        AttributeValue.fromL(after.sampleEventIds().stream().map(Attributes::n).toList()));
    String set =
        "SET #type = :type, latest_id = :latest, latest_at = :latestAt, first_id = :first, "
            + "#count = :count, sample_ids = :samples, sample_event_ids = :sampleEvents";
    if (after.statusId().isPresent()) {
      values.put(":status", s(after.statusId().get()));
      set += ", status_id = :status";
    }
    String condition;
    if (before.isPresent()) {
      values.put(":expected", n(before.get().count()));
      condition = "#count = :expected";
    } else {
      condition = "attribute_not_exists(account_id)";
    }
    return Update.builder()
        .tableName(table)
        .key(Map.of("account_id", s(after.accountId()), "group_key", s(after.groupKey())))
        .updateExpression(set)
        .conditionExpression(condition)
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .build();
  }

  @Override
  public List<NotificationGroup> page(String accountId, PageRequest page) {
    if (Windows.isEmpty(page)) {
      return List.of();
    }
    long upper = Windows.upper(page);
    long lower = Windows.lower(page);
    return byLatest(
            "latest_id BETWEEN :lo AND :hi",
            Map.of(":a", s(accountId), ":lo", n(lower), ":hi", n(upper)),
            q -> q.scanIndexForward(page.ascending()).limit(page.limit()))
        .toList();
  }

  @Override
  public Optional<NotificationGroup> find(String accountId, String groupKey) {
    return db.item(
            Tables.NOTIFICATIONS,
            Map.of("account_id", s(accountId), "group_key", s(groupKey)),
            r -> r.consistentRead(true))
        .map(DynamoDbNotificationRepository::toGroup);
  }

  @Override
  public Optional<NotificationGroup> findByLatestId(String accountId, long latestId) {
    return byLatest("latest_id = :id", Map.of(":a", s(accountId), ":id", n(latestId)), q -> {})
        .findFirst();
  }

  /**
   * The groups of the member {@code :a} on the by_latest index whose latest id meets {@code
   * latestCondition}, in one query.
   */
  private java.util.stream.Stream<NotificationGroup> byLatest(
      String latestCondition,
      Map<String, AttributeValue> values,
      java.util.function.Consumer<QueryRequest.Builder> more) {
    QueryRequest.Builder query =
        QueryRequest.builder()
            .tableName(table)
            .indexName(Tables.NOTIFICATIONS.index("by_latest").name())
            .keyConditionExpression("account_id = :a AND " + latestCondition)
            .expressionAttributeValues(values);
    more.accept(query);
    return db.client().query(query.build()).items().stream()
        .map(DynamoDbNotificationRepository::toGroup);
  }

  @Override
  public boolean dismiss(String accountId, String groupKey) {
    var old =
        db.client()
            .deleteItem(
                r ->
                    r.tableName(table)
                        .key(Map.of("account_id", s(accountId), "group_key", s(groupKey)))
                        .returnValues(ReturnValue.ALL_OLD))
            .attributes();
    return old != null && !old.isEmpty();
  }

  @Override
  public void clear(String accountId) {
    List<Map<String, AttributeValue>> keys = new ArrayList<>();
    db.client()
        .queryPaginator(
            r ->
                r.tableName(table)
                    .keyConditionExpression("account_id = :a")
                    .expressionAttributeValues(Map.of(":a", s(accountId)))
                    .projectionExpression("account_id, group_key"))
        .items()
        .forEach(keys::add);
    Batches.delete(db.client(), table, keys);
  }

  private static NotificationGroup toGroup(Map<String, AttributeValue> item) {
    return new NotificationGroup(
        item.get("account_id").s(),
        item.get("group_key").s(),
        NotificationType.fromText(item.get("type").s()).orElseThrow(),
        Long.parseLong(item.get("latest_id").n()),
        Instant.ofEpochMilli(Long.parseLong(item.get("latest_at").n())),
        Long.parseLong(item.get("first_id").n()),
        Long.parseLong(item.get("count").n()),
        item.get("sample_ids").l().stream().map(AttributeValue::s).toList(),
        item.get("sample_event_ids").l().stream().map(v -> Long.parseLong(v.n())).toList(),
        Optional.ofNullable(item.get("status_id")).map(AttributeValue::s));
  }
}
