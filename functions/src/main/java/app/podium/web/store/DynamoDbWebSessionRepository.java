package app.podium.web.store;

import app.podium.Tables;
import app.podium.store.Attributes;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import app.podium.web.WebSession;
import app.podium.web.WebSessionStore;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

public final class DynamoDbWebSessionRepository implements WebSessionStore {
  public static final class WebSessionItem {
    String idHash;
    String accountId;
    Long createdAt;

    /** Epoch seconds: the table's TTL attribute. */
    Long expiresAt;

    String csrfToken;

    public static final TableSchema<WebSessionItem> SCHEMA =
        Schemas.of(
            Tables.WEB_SESSIONS, WebSessionItem.class, WebSessionItem::new, MethodHandles.lookup());
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
    // a random 256-bit id never repeats: a collision would be a broken random source, not a retry
    if (!DynamoDb.putNew(sessions, item)) {
      throw new IllegalStateException("a web session id was issued twice");
    }
  }

  @Override
  public Optional<WebSession> find(String idHash) {
    // strongly consistent: a session signed out a moment ago must not open a page
    return DynamoDb.find(sessions, idHash)
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
