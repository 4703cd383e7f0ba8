package app.podium.statuses.store;

import app.podium.Tables;
import app.podium.accounts.store.DynamoDbAccountRepository;
import app.podium.statuses.PageReads;
import app.podium.store.Batches;
import app.podium.store.DynamoDb;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Posts and accounts in one BatchGetItem (it spans tables), each mapped by its own repository.
 * Costs the read units of the two reads it replaces.
 */
public final class DynamoDbPageReads implements PageReads {
  private final DynamoDb db;
  private final DynamoDbStatusRepository statuses;
  private final DynamoDbAccountRepository accounts;

  public DynamoDbPageReads(
      DynamoDb db, DynamoDbStatusRepository statuses, DynamoDbAccountRepository accounts) {
    this.db = db;
    this.statuses = statuses;
    this.accounts = accounts;
  }

  @Override
  public Found find(Collection<String> statusIds, Collection<String> accountIds) {
    String posts = db.name(Tables.POSTS);
    String accountTable = db.name(Tables.ACCOUNTS);
    var found =
        Batches.get(
            db.client(),
            Map.of(
                posts,
                keys(statusIds.stream().distinct().map(DynamoDbStatusRepository::key).toList()),
                accountTable,
                keys(accountIds.stream().distinct().map(DynamoDbAccountRepository::key).toList())));
    return new Found(
        statuses.statuses(found.get(posts)), accounts.accounts(found.get(accountTable)));
  }

  private static KeysAndAttributes keys(
      List<Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue>> keys) {
    return KeysAndAttributes.builder().keys(keys).build();
  }
}
