package app.podium.local.support;

import app.podium.Grants;
import app.podium.Tables;
import app.podium.local.Invocations;
import app.podium.local.MessagingResources;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactGetItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * What each deployed function's code touches, noted from every SDK call made on a test stack's
 * clients while a function is in force ({@link Invocations}): the tables it reads and writes (with
 * the indexes it queries), the post-events topic it publishes to, the fan-out queue it sends to;
 * any other call is noted as itself, so that it shows as undeclared. Calls outside any invocation
 * (a test's own set-up, the poller receiving messages as Lambda's event source mapping would) are
 * no function's. Every stack {@link TestStacks} starts carries the one recorder of the JVM; {@code
 * GrantsProvenIT} holds what it saw against the declarations.
 *
 * <p>Each touch is named as {@link #granted} names a grant ({@code read accounts}, {@code publish
 * post events}), so the two compare as sets of strings. Reads are GetItem, BatchGetItem, Query,
 * Scan, TransactGetItems and a transaction's ConditionCheck; writes are PutItem, UpdateItem,
 * DeleteItem, BatchWriteItem and a transaction's Put, Update and Delete, as {@link Grants} grants
 * them.
 */
public final class Touches implements ExecutionInterceptor {
  public static final Touches RECORDER = new Touches();

  private static final String PUBLISH = "publish post events";
  private static final String SEND = "send to fan-out queue";

  /**
   * Function name -> what it touched; function name -> index names it queried, as {@code
   * table/index}.
   */
  private final Map<String, Set<String>> touched = new ConcurrentHashMap<>();

  private final Map<String, Set<String>> indexes = new ConcurrentHashMap<>();

  private Touches() {}

  /**
   * What a function may touch, named as touches are: its tables with the counter shards they imply
   * ({@link Grants#tables}), the topic, the queue. The secrets are left out: no SDK call here reads
   * one.
   */
  public static Set<String> granted(Grants grants) {
    return names(grants.tables(), grants);
  }

  /**
   * What a declaration names itself: {@link #granted} without the counter shards it only implies.
   */
  public static Set<String> named(Grants grants) {
    return names(grants.declared(), grants);
  }

  private static Set<String> names(Map<Tables.Table, Grants.Access> tables, Grants grants) {
    Set<String> names = new TreeSet<>();
    tables.forEach(
        (table, access) -> {
          if (access.reads()) {
            names.add("read " + table.name());
          }
          if (access.writes()) {
            names.add("write " + table.name());
          }
        });
    if (grants.publishesPostEvents()) {
      names.add(PUBLISH);
    }
    if (grants.sendsToFanoutQueue()) {
      names.add(SEND);
    }
    return names;
  }

  /** Function name -> what its code touched so far, sorted. */
  public Map<String, Set<String>> touched() {
    return sorted(touched);
  }

  /** Function name -> the indexes its code queried so far, as {@code table/index}. */
  public Map<String, Set<String>> indexes() {
    return sorted(indexes);
  }

  @Override
  public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
    Invocations.current()
        .ifPresent(
            function -> {
              List<String> names = new ArrayList<>();
              describe(context.request(), names, function);
              touched.computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet()).addAll(names);
            });
  }

  private void describe(SdkRequest request, List<String> names, String function) {
    switch (request) {
      case GetItemRequest get -> names.add("read " + table(get.tableName()));
      case BatchGetItemRequest batch ->
          batch.requestItems().keySet().forEach(t -> names.add("read " + table(t)));
      case QueryRequest query -> {
        names.add("read " + table(query.tableName()));
        noteIndex(function, query.tableName(), query.indexName());
      }
      case ScanRequest scan -> {
        names.add("read " + table(scan.tableName()));
        noteIndex(function, scan.tableName(), scan.indexName());
      }
      case TransactGetItemsRequest transaction ->
          transaction
              .transactItems()
              .forEach(item -> names.add("read " + table(item.get().tableName())));
      case PutItemRequest put -> names.add("write " + table(put.tableName()));
      case UpdateItemRequest update -> names.add("write " + table(update.tableName()));
      case DeleteItemRequest delete -> names.add("write " + table(delete.tableName()));
      case BatchWriteItemRequest batch ->
          batch.requestItems().keySet().forEach(t -> names.add("write " + table(t)));
      case TransactWriteItemsRequest transaction ->
          transaction
              .transactItems()
              .forEach(
                  item -> {
                    if (item.conditionCheck() != null) {
                      names.add("read " + table(item.conditionCheck().tableName()));
                    }
                    if (item.put() != null) {
                      names.add("write " + table(item.put().tableName()));
                    }
                    if (item.update() != null) {
                      names.add("write " + table(item.update().tableName()));
                    }
                    if (item.delete() != null) {
                      names.add("write " + table(item.delete().tableName()));
                    }
                  });
      case PublishRequest publish -> names.add(topic(publish.topicArn()));
      case PublishBatchRequest publish -> names.add(topic(publish.topicArn()));
      case SendMessageRequest send -> names.add(queue(send.queueUrl()));
      case SendMessageBatchRequest send -> names.add(queue(send.queueUrl()));
      default ->
          names.add("call " + request.getClass().getSimpleName().replaceFirst("Request$", ""));
    }
  }

  private void noteIndex(String function, String physicalTable, String index) {
    if (index != null) {
      indexes
          .computeIfAbsent(function, f -> ConcurrentHashMap.newKeySet())
          .add(table(physicalTable) + "/" + index);
    }
  }

  /**
   * The table's logical name: a stack's tables are its prefix and the name ({@link
   * Tables.Table#physicalName}).
   */
  private static String table(String physicalName) {
    return Tables.ALL.stream()
        .map(Tables.Table::name)
        .filter(physicalName::endsWith)
        .max(Comparator.comparingInt(String::length))
        .orElse("unknown table " + physicalName);
  }

  private static String topic(String topicArn) {
    return topicArn.endsWith(MessagingResources.TOPIC) ? PUBLISH : "publish to " + topicArn;
  }

  private static String queue(String queueUrl) {
    // the dead-letter queue's name is the queue's and a suffix: no function may send there
    return queueUrl.endsWith(MessagingResources.QUEUE) ? SEND : "send to " + queueUrl;
  }

  private static Map<String, Set<String>> sorted(Map<String, Set<String>> map) {
    Map<String, Set<String>> copy = new TreeMap<>();
    map.forEach((function, names) -> copy.put(function, new TreeSet<>(names)));
    return copy;
  }
}
