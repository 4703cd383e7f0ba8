package app.podium.apps.store;

import app.podium.Tables;
import app.podium.apps.AccessToken;
import app.podium.apps.TokenStore;
import app.podium.shared.Scopes;
import app.podium.store.Attributes;
import app.podium.store.Batches;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

public final class DynamoDbTokenRepository implements TokenStore {
  static final String ACCOUNT_INDEX = "by_account";

  public static final class TokenItem {
    String tokenHash;
    String clientId;
    String accountId;
    String scopes;
    Long createdAt;

    public static final TableSchema<TokenItem> SCHEMA =
        Schemas.of(Tables.TOKENS, TokenItem.class, TokenItem::new, MethodHandles.lookup());
  }

  private final DynamoDb db;
  private final DynamoDbTable<TokenItem> tokens;

  public DynamoDbTokenRepository(DynamoDb db) {
    this.db = db;
    this.tokens = db.table(Tables.TOKENS, TokenItem.SCHEMA);
  }

  @Override
  public void create(AccessToken token) {
    TokenItem item = new TokenItem();
    item.tokenHash = token.tokenHash();
    item.clientId = token.clientId();
    item.accountId = token.accountId().orElse(null);
    item.scopes = token.scopes().text();
    item.createdAt = Attributes.millis(token.createdAt());
    if (!DynamoDb.putNew(tokens, item)) {
      throw new IllegalStateException("a new token's hash collided with another's");
    }
  }

  @Override
  public Optional<AccessToken> find(String tokenHash) {
    return DynamoDb.find(tokens, tokenHash)
        .map(
            i ->
                new AccessToken(
                    i.tokenHash,
                    i.clientId,
                    Optional.ofNullable(i.accountId),
                    Scopes.parse(i.scopes),
                    Attributes.instant(i.createdAt)));
  }

  @Override
  public boolean revoke(String tokenHash, String clientId) {
    try {
      tokens.deleteItem(
          r ->
              r.key(Key.builder().partitionValue(tokenHash).build())
                  .conditionExpression(
                      Expression.builder()
                          .expression("client_id = :client")
                          .expressionValues(Map.of(":client", AttributeValue.fromS(clientId)))
                          .build()));
      return true;
    } catch (ConditionalCheckFailedException e) {
      return false;
    }
  }

  /**
   * Pages through the account's index entries, reading only the keys, and deletes each page with
   * BatchWriteItem. Deleting a token that is already gone is not an error, so a retry simply
   * finishes.
   */
  @Override
  public int revokeAllOf(String accountId) {
    String table = db.name(Tables.TOKENS);
    int revoked = 0;
    Map<String, AttributeValue> start = null;
    do {
      QueryRequest.Builder query =
          QueryRequest.builder()
              .tableName(table)
              .indexName(ACCOUNT_INDEX)
              .keyConditionExpression("account_id = :account")
              .expressionAttributeValues(Map.of(":account", AttributeValue.fromS(accountId)))
              .projectionExpression("token_hash");
      if (start != null) {
        query.exclusiveStartKey(start);
      }
      QueryResponse page = db.client().query(query.build());
      List<Map<String, AttributeValue>> deletes =
          page.items().stream().map(item -> Map.of("token_hash", item.get("token_hash"))).toList();
      Batches.delete(db.client(), table, deletes);
      revoked += deletes.size();
      start =
          page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty()
              ? page.lastEvaluatedKey()
              : null;
    } while (start != null);
    return revoked;
  }
}
