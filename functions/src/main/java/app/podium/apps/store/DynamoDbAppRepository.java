package app.podium.apps.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import app.podium.Tables;
import app.podium.apps.App;
import app.podium.apps.AppStore;
import app.podium.apps.RegisteredApp;
import app.podium.shared.Scopes;
import app.podium.store.Attributes;
import app.podium.store.DynamoDb;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.EnhancedType;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

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
        StaticTableSchema.builder(AppItem.class)
            .newItemSupplier(AppItem::new)
            .addAttribute(
                String.class,
                a ->
                    a.name("client_id")
                        .getter(i -> i.clientId)
                        .setter((i, v) -> i.clientId = v)
                        .tags(primaryPartitionKey()))
            .addAttribute(
                String.class, a -> a.name("name").getter(i -> i.name).setter((i, v) -> i.name = v))
            .addAttribute(
                String.class,
                a -> a.name("website").getter(i -> i.website).setter((i, v) -> i.website = v))
            .addAttribute(
                EnhancedType.listOf(String.class),
                a ->
                    a.name("redirect_uris")
                        .getter(i -> i.redirectUris)
                        .setter((i, v) -> i.redirectUris = v))
            .addAttribute(
                String.class,
                a -> a.name("scopes").getter(i -> i.scopes).setter((i, v) -> i.scopes = v))
            .addAttribute(
                String.class,
                a ->
                    a.name("client_secret_hash")
                        .getter(i -> i.clientSecretHash)
                        .setter((i, v) -> i.clientSecretHash = v))
            .addAttribute(
                Long.class,
                a ->
                    a.name("created_at").getter(i -> i.createdAt).setter((i, v) -> i.createdAt = v))
            .build();
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
    apps.putItem(
        r ->
            r.item(item)
                .conditionExpression(
                    Expression.builder().expression("attribute_not_exists(client_id)").build()));
  }

  @Override
  public Optional<RegisteredApp> find(String clientId) {
    return Optional.ofNullable(
            apps.getItem(
                r -> r.key(Key.builder().partitionValue(clientId).build()).consistentRead(true)))
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
