package app.podium.accounts.store;

import app.podium.Tables;
import app.podium.accounts.Emails;
import app.podium.store.Schemas;
import java.lang.invoke.MethodHandles;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;

/**
 * A claimed username or email: {@code username:alice} or {@code email:alice@example.com}, lower
 * case. Usernames are ASCII, so only ASCII letters fold: a non-ASCII name asked for (the Kelvin
 * sign for K) is no claim of anyone's, where {@code toLowerCase} would have made it one. Emails
 * fold as {@link Emails#key} says.
 */
public final class UniqueKeyItem {
  String key;
  String accountId;

  public static final TableSchema<UniqueKeyItem> SCHEMA =
      Schemas.of(
          Tables.UNIQUE_KEYS, UniqueKeyItem.class, UniqueKeyItem::new, MethodHandles.lookup());

  static String username(String username) {
    StringBuilder key = new StringBuilder("username:");
    username.chars().forEach(c -> key.append((char) (c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c)));
    return key.toString();
  }

  /**
   * The claim of an address {@link Emails#isNormal} takes (callers check it: anything else has no
   * claim).
   */
  static String email(String email) {
    return "email:" + Emails.key(email.trim());
  }

  static UniqueKeyItem of(String key, String accountId) {
    UniqueKeyItem item = new UniqueKeyItem();
    item.key = key;
    item.accountId = accountId;
    return item;
  }
}
