package app.podium.apps.store;

import app.podium.Tables;
import app.podium.apps.AuthorizationCode;
import app.podium.apps.AuthorizationCodeStore;
import app.podium.shared.Scopes;
import app.podium.store.DynamoDb;
import app.podium.store.Schemas;
import java.lang.invoke.MethodHandles;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Expression;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

public final class DynamoDbAuthorizationCodeRepository implements AuthorizationCodeStore {
  public static final class AuthorizationCodeItem {
    String codeHash;
    String clientId;
    String redirectUri;
    String scopes;

    /** Absent when the app sent no PKCE challenge. */
    String codeChallenge;

    String accountId;

    /** Epoch seconds: the table's TTL attribute, and the redemption's condition. */
    Long expiresAt;

    public static final TableSchema<AuthorizationCodeItem> SCHEMA =
        Schemas.of(
            Tables.OAUTH_CODES,
            AuthorizationCodeItem.class,
            AuthorizationCodeItem::new,
            MethodHandles.lookup());
  }

  private final DynamoDbTable<AuthorizationCodeItem> codes;

  public DynamoDbAuthorizationCodeRepository(DynamoDb db) {
    this.codes = db.table(Tables.OAUTH_CODES, AuthorizationCodeItem.SCHEMA);
  }

  @Override
  public void create(AuthorizationCode code) {
    AuthorizationCodeItem item = new AuthorizationCodeItem();
    item.codeHash = code.codeHash();
    item.clientId = code.clientId();
    item.redirectUri = code.redirectUri();
    item.scopes = code.scopes().text();
    item.codeChallenge = code.codeChallenge().orElse(null);
    item.accountId = code.accountId();
    item.expiresAt = code.expiresAt().getEpochSecond();
    // a random 256-bit code never repeats: a collision would be a broken random source
    if (!DynamoDb.putNew(codes, item)) {
      throw new IllegalStateException("an authorization code was issued twice");
    }
  }

  /**
   * One DeleteItem whose condition holds every check, returning the deleted item: the code is gone
   * for whoever comes next the moment it is redeemed, and one that fails a check is left as it was.
   */
  @Override
  public Optional<AuthorizationCode> redeem(
      String codeHash,
      String clientId,
      String redirectUri,
      Optional<String> challenge,
      Instant now) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":client", AttributeValue.fromS(clientId));
    values.put(":redirect", AttributeValue.fromS(redirectUri));
    values.put(":now", AttributeValue.fromN(Long.toString(now.getEpochSecond())));
    String pkce = "attribute_not_exists(code_challenge)";
    if (challenge.isPresent()) {
      pkce = "(" + pkce + " OR code_challenge = :challenge)";
      values.put(":challenge", AttributeValue.fromS(challenge.get()));
    }
    Expression condition =
        Expression.builder()
            .expression(
                "client_id = :client AND redirect_uri = :redirect AND expires_at > :now AND "
                    + pkce)
            .expressionValues(values)
            .build();
    try {
      AuthorizationCodeItem deleted =
          codes.deleteItem(
              r ->
                  r.key(Key.builder().partitionValue(codeHash).build())
                      .conditionExpression(condition));
      return Optional.ofNullable(deleted).map(DynamoDbAuthorizationCodeRepository::toCode);
    } catch (ConditionalCheckFailedException e) {
      return Optional.empty();
    }
  }

  private static AuthorizationCode toCode(AuthorizationCodeItem i) {
    return new AuthorizationCode(
        i.codeHash,
        i.clientId,
        i.redirectUri,
        Scopes.parse(i.scopes),
        Optional.ofNullable(i.codeChallenge),
        i.accountId,
        Instant.ofEpochSecond(i.expiresAt));
  }
}
