package app.podium.local.support;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.sns.model.PublishBatchRequest;
import software.amazon.awssdk.services.sns.model.PublishRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * Notes every write that succeeded on a stack's clients, whoever made it: the DynamoDB table of
 * each put, update and delete (batched and transactional ones too), and each message published to
 * SNS or sent to SQS. A test takes what was written during one request with {@link #take()}. Failed
 * calls (a conditional write that was refused) wrote nothing and are not noted.
 */
public final class WriteRecorder implements ExecutionInterceptor {
  /**
   * What one successful call wrote: physical table names, or {@code sns:publish} / {@code
   * sqs:send}.
   */
  public record Write(String operation, List<String> targets) {}

  private final List<Write> writes = new ArrayList<>();

  @Override
  public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
    Write write = describe(context.request());
    if (write != null) {
      synchronized (writes) {
        writes.add(write);
      }
    }
  }

  /** The writes noted since the last call, oldest first. */
  public List<Write> take() {
    synchronized (writes) {
      List<Write> taken = List.copyOf(writes);
      writes.clear();
      return taken;
    }
  }

  private static Write describe(SdkRequest request) {
    return switch (request) {
      case PutItemRequest put -> new Write("PutItem", List.of(put.tableName()));
      case UpdateItemRequest update -> new Write("UpdateItem", List.of(update.tableName()));
      case DeleteItemRequest delete -> new Write("DeleteItem", List.of(delete.tableName()));
      case BatchWriteItemRequest batch ->
          new Write("BatchWriteItem", List.copyOf(batch.requestItems().keySet()));
      case TransactWriteItemsRequest transaction -> {
        List<String> tables = new ArrayList<>();
        transaction
            .transactItems()
            .forEach(
                item -> {
                  if (item.put() != null) {
                    tables.add(item.put().tableName());
                  }
                  if (item.update() != null) {
                    tables.add(item.update().tableName());
                  }
                  if (item.delete() != null) {
                    tables.add(item.delete().tableName());
                  }
                });
        yield tables.isEmpty() ? null : new Write("TransactWriteItems", tables);
      }
      case PublishRequest publish -> new Write("Publish", List.of("sns:publish"));
      case PublishBatchRequest publish -> new Write("PublishBatch", List.of("sns:publish"));
      case SendMessageRequest send -> new Write("SendMessage", List.of("sqs:send"));
      case SendMessageBatchRequest send -> new Write("SendMessageBatch", List.of("sqs:send"));
      default -> null;
    };
  }
}
