package app.podium.apps.store;

import app.podium.Tables;
import app.podium.apps.App;
import app.podium.apps.AppStore;
import app.podium.apps.RegisteredApp;
import app.podium.shared.Scopes;
import app.podium.store.Attributes;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import java.lang.invoke.MethodHandles;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

public final class DynamoDbAppRepository implements AppStore {

  public static final class AppItem {
    String clientId;
    String name;
    String website;
    List<String> redirectUris;
    String scopes;
    String clientSecretHash;
    Long createdAt;

    public static final TableSchema<AppItem> SCHEMA =
        Schemas.of(Tables.APPS, AppItem.class, AppItem::new, MethodHandles.lookup());
  }

  private final DynamoDbTable<AppItem> apps;

  public DynamoDbAppRepository(DynamoDb db) {
    this.apps = db.table(Tables.APPS, AppItem.SCHEMA);
  }

  @Override
  public void create(RegisteredApp registered) {
    App app = registered.app();
    AppItem item = new AppItem();
    item.clientId = app.clientId();
    item.name = app.name();
    item.website = app.website();
    item.redirectUris = app.redirectUris();
    item.scopes = app.scopes().text();
    item.clientSecretHash = registered.clientSecretHash();
    item.createdAt = Attributes.millis(app.createdAt());
    if (!DynamoDb.putNew(apps, item)) {
      throw new IllegalStateException("a new app's client id collided with another's");
    }
  }

  @Override
  public Optional<RegisteredApp> find(String clientId) {
    return DynamoDb.find(apps, clientId)
        .map(
            i ->
                new RegisteredApp(
                    new App(
                        i.clientId,
                        i.name,
                        i.website,
                        i.redirectUris == null ? List.of() : i.redirectUris,
                        Scopes.parse(i.scopes),
                        Attributes.instant(i.createdAt)),
                    i.clientSecretHash));
  }
}
