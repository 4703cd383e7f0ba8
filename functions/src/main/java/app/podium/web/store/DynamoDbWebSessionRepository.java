package app.podium.web.store;

import static app.podium.store.Schemas.NUMBER;
import static app.podium.store.Schemas.STRING;
import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import app.podium.Tables;
import app.podium.store.Attributes;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import app.podium.web.WebSession;
import app.podium.web.WebSessionStore;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

public final class DynamoDbWebSessionRepository implements WebSessionStore {
  public static final class WebSessionItem {
    String idHash;
    String accountId;
    Long createdAt;
    Long expiresAt;
    String csrfToken;

    public static final TableSchema<WebSessionItem> SCHEMA =
        Schemas.of(WebSessionItem.class, WebSessionItem::new)
            .add(STRING, "id_hash", i -> i.idHash, (i, v) -> i.idHash = v, primaryPartitionKey())
            .add(STRING, "account_id", i -> i.accountId, (i, v) -> i.accountId = v)
            .add(NUMBER, "created_at", i -> i.createdAt, (i, v) -> i.createdAt = v)
            // epoch seconds: the table's TTL attribute
            .add(NUMBER, "expires_at", i -> i.expiresAt, (i, v) -> i.expiresAt = v)
            .add(STRING, "csrf_token", i -> i.csrfToken, (i, v) -> i.csrfToken = v)
            .build();
  }

  private final DynamoDbTable<WebSessionItem> sessions;

  public DynamoDbWebSessionRepository(DynamoDb db) {
    this.sessions = db.table(Tables.WEB_SESSIONS, WebSessionItem.SCHEMA);
  }

  @Override
  public void create(WebSession session) {
    WebSessionItem item = new WebSessionItem();
    item.idHash = session.idHash();
    item.accountId = session.accountId();
    item.createdAt = Attributes.millis(session.createdAt());
    item.expiresAt = session.expiresAt().getEpochSecond();
    item.csrfToken = session.csrfToken();
    // a random 256-bit id never repeats; the condition says that a put never replaces a session
    sessions.putItem(
        r ->
            r.item(item)
                .conditionExpression(
                    Expression.builder().expression("attribute_not_exists(id_hash)").build()));
  }

  @Override
  public Optional<WebSession> find(String idHash) {
    // strongly consistent: a session signed out a moment ago must not open a page
    return Optional.ofNullable(
            sessions.getItem(
                r -> r.key(Key.builder().partitionValue(idHash).build()).consistentRead(true)))
        .map(
            i ->
                new WebSession(
                    i.idHash,
                    i.accountId,
                    Attributes.instant(i.createdAt),
                    Instant.ofEpochSecond(i.expiresAt),
                    i.csrfToken));
  }

  @Override
  public void delete(String idHash) {
    sessions.deleteItem(r -> r.key(Key.builder().partitionValue(idHash).build()));
  }
}
