package app.podium.store;

import static software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags.primaryPartitionKey;

import java.util.Locale;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;

/** A claimed username or email: {@code username:alice} or {@code email:alice@example.com}, lower case. */
final class UniqueKeyItem {
  String key;
  String accountId;

  static final TableSchema<UniqueKeyItem> SCHEMA = StaticTableSchema.builder(UniqueKeyItem.class)
      .newItemSupplier(UniqueKeyItem::new)
      .addAttribute(String.class, a -> a.name("key").getter(i -> i.key).setter((i, v) -> i.key = v)
          .tags(primaryPartitionKey()))
      .addAttribute(String.class, a -> a.name("account_id").getter(i -> i.accountId)
          .setter((i, v) -> i.accountId = v))
      .build();

  static String username(String username) {
    return "username:" + username.toLowerCase(Locale.ROOT);
  }

  static String email(String email) {
    return "email:" + email.trim().toLowerCase(Locale.ROOT);
  }

  static UniqueKeyItem of(String key, String accountId) {
    UniqueKeyItem item = new UniqueKeyItem();
    item.key = key;
    item.accountId = accountId;
    return item;
  }
}
